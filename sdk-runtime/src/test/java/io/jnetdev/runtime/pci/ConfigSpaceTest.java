package io.jnetdev.runtime.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function's configuration space as built from its layout — header, capability list, BAR
 * sizing, write masks — and the BAR mapping rules of {@code pci_iomap} (the PCI half of the
 * driver-core contract: what probe may rely on before D3/D4 bookkeeping starts).
 */
class ConfigSpaceTest {
    private static final String DEV = "0000:00:03.0";

    private Machine m;
    private TestPciModel model;

    /** Boots with a TestPciModel (MSI at 0x50, MSI-X at 0x70) in slot 3 and a driver that does nothing in probe. */
    private PciDev bound() throws ErrnoException {
        model = TestPciModel.builder().msix(4).msi(2).build();
        m = Machines.booted(MachineConfig.builder().slot(3, () -> model));
        PciDev[] dev = new PciDev[1];
        TestDriver drv = new TestDriver("cfgnic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            dev[0] = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("cfgnic", () -> new TestModule("cfgnic", drv));
        m.modprobe("cfgnic", Map.of());
        return dev[0];
    }

    private static Errno errnoOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ErrnoException.class);
        return ((ErrnoException) t).errno();
    }

    @Test
    void headerHoldsTheLayoutsIdentity() {
        PciConfigSpace cs = new PciConfigSpace(new PciConfigLayout(0x8086, 0x10D3, 0x8086, 0xA01F, 0x02_0000, 0x07, 2,
                List.of(BarSpec.mmio(0, 128 * 1024)), List.of()));

        assertThat(cs.read(PciRegs.VENDOR_ID, 2)).isEqualTo(0x8086);
        assertThat(cs.read(PciRegs.DEVICE_ID, 2)).isEqualTo(0x10D3);
        assertThat(cs.read(PciRegs.VENDOR_ID, 4)).isEqualTo(0x10D3_8086);
        assertThat(cs.read(PciRegs.REVISION_ID, 1)).isEqualTo(0x07);
        assertThat(cs.read(PciRegs.CLASS_REVISION, 4) >>> 8).isEqualTo(0x02_0000);
        assertThat(cs.read(PciRegs.SUBSYSTEM_VENDOR_ID, 2)).isEqualTo(0x8086);
        assertThat(cs.read(PciRegs.SUBSYSTEM_ID, 2)).isEqualTo(0xA01F);
        assertThat(cs.read(PciRegs.INTERRUPT_PIN, 1)).isEqualTo(2);
        assertThat(cs.read(PciRegs.STATUS, 2) & PciRegs.STATUS_CAP_LIST).as("no capabilities").isZero();
        assertThat(cs.findCapability(PciRegs.CAP_ID_MSI)).isZero();
    }

    @Test
    void capabilityListIsLinkedInOffsetOrderAndWalkable() {
        PciConfigSpace cs = new PciConfigSpace(new PciConfigLayout(0x1AF4, 1, 0x1AF4, 1, 0x02_0000, 1, 1,
                List.of(BarSpec.mmio(0, 4096), BarSpec.mmio(1, 16384)),
                List.of(new CapabilitySpec.Msix(0x70, 4, 1, 0, 1, 0x2000),
                        new CapabilitySpec.Raw(0xC8, PciRegs.CAP_ID_PM, new byte[6]),
                        new CapabilitySpec.Msi(0x50, 2, true, false))));

        assertThat(cs.read(PciRegs.STATUS, 2) & PciRegs.STATUS_CAP_LIST).isNotZero();
        assertThat(cs.read(PciRegs.CAPABILITY_LIST, 1)).isEqualTo(0x50);
        assertThat(cs.read(0x50, 1)).isEqualTo(PciRegs.CAP_ID_MSI);
        assertThat(cs.read(0x51, 1)).isEqualTo(0x70);
        assertThat(cs.read(0x70, 1)).isEqualTo(PciRegs.CAP_ID_MSIX);
        assertThat(cs.read(0x71, 1)).isEqualTo(0xC8);
        assertThat(cs.read(0xC9, 1)).as("end of list").isZero();
        assertThat(cs.findCapability(PciRegs.CAP_ID_MSI)).isEqualTo(0x50);
        assertThat(cs.findCapability(PciRegs.CAP_ID_MSIX)).isEqualTo(0x70);
        assertThat(cs.findCapability(PciRegs.CAP_ID_PM)).isEqualTo(0xC8);
        assertThat(cs.findCapability(PciRegs.CAP_ID_EXP)).isZero();
        // MSI-X: table size - 1, table and PBA location (offset | BIR).
        assertThat(cs.read(0x70 + PciRegs.MSIX_FLAGS, 2) & PciRegs.MSIX_FLAGS_QSIZE).isEqualTo(3);
        assertThat(cs.read(0x70 + PciRegs.MSIX_TABLE, 4)).isEqualTo(1);
        assertThat(cs.read(0x70 + PciRegs.MSIX_PBA, 4)).isEqualTo(0x2000 | 1);
        // MSI: 2 messages capable (QMASK = log2 2), 64-bit.
        assertThat(cs.read(0x50 + PciRegs.MSI_FLAGS, 2) & PciRegs.MSI_FLAGS_QMASK).isEqualTo(1 << 1);
        assertThat(cs.read(0x50 + PciRegs.MSI_FLAGS, 2) & PciRegs.MSI_FLAGS_64BIT).isNotZero();
    }

    @Test
    void overlappingCapabilitiesAreRejected() {
        assertThatThrownBy(() -> new PciConfigSpace(new PciConfigLayout(0x1AF4, 1, 0x1AF4, 1, 0x02_0000, 1, 1,
                List.of(BarSpec.mmio(0, 4096)),
                List.of(new CapabilitySpec.Msi(0x50, 1, true, true), new CapabilitySpec.Raw(0x60, 0x09, new byte[4])))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlaps");
    }

    @Test
    void barSizingReadsBackTheSizeMaskWithTheFlagBits() {
        PciConfigSpace cs = new PciConfigSpace(new PciConfigLayout(0x1AF4, 1, 0x1AF4, 1, 0x02_0000, 1, 1,
                List.of(BarSpec.mmio(0, 128 * 1024), BarSpec.io(1, 32),
                        new BarSpec(2, BarSpec.Kind.MEMORY64, 1L << 20, true)), List.of()));

        cs.write(PciRegs.BASE_ADDRESS_0, 4, 0xFFFF_FFFF);
        cs.write(PciRegs.BASE_ADDRESS_0 + 4, 4, 0xFFFF_FFFF);
        cs.write(PciRegs.BASE_ADDRESS_0 + 8, 4, 0xFFFF_FFFF);
        cs.write(PciRegs.BASE_ADDRESS_0 + 12, 4, 0xFFFF_FFFF);

        assertThat(cs.read(PciRegs.BASE_ADDRESS_0, 4)).isEqualTo(~(128 * 1024 - 1));
        assertThat(cs.read(PciRegs.BASE_ADDRESS_0 + 4, 4)).isEqualTo(~(32 - 1) | PciRegs.BASE_ADDRESS_SPACE_IO);
        assertThat(cs.read(PciRegs.BASE_ADDRESS_0 + 8, 4))
                .isEqualTo(~((1 << 20) - 1) | PciRegs.BASE_ADDRESS_MEM_TYPE_64 | PciRegs.BASE_ADDRESS_MEM_PREFETCH);
        assertThat(cs.read(PciRegs.BASE_ADDRESS_0 + 12, 4)).as("upper half of a 1 MiB 64-bit BAR").isEqualTo(0xFFFF_FFFF);
        assertThat(cs.read(PciRegs.BASE_ADDRESS_0 + 16, 4)).as("no BAR4").isZero();
        cs.write(PciRegs.BASE_ADDRESS_0 + 16, 4, 0xFFFF_FFFF);
        assertThat(cs.read(PciRegs.BASE_ADDRESS_0 + 16, 4)).isZero();
    }

    @Test
    void barSizingThroughTheDriversConfigAccess() throws Exception {
        PciDev dev = bound();
        int bar0 = dev.configRead32(PciRegs.BASE_ADDRESS_0);
        assertThat(bar0 & 0xFFFF_FFFFL).isEqualTo(dev.resourceStart(0)).isEqualTo(0xF000_0000L);

        dev.configWrite32(PciRegs.BASE_ADDRESS_0, 0xFFFF_FFFF);
        int sized = dev.configRead32(PciRegs.BASE_ADDRESS_0);
        dev.configWrite32(PciRegs.BASE_ADDRESS_0, bar0);

        assertThat(sized).isEqualTo(~(4096 - 1));
        assertThat(~(sized & ~0xF) + 1L).isEqualTo(dev.resourceLen(0)).isEqualTo(4096);
        assertThat(dev.configRead32(PciRegs.BASE_ADDRESS_0)).isEqualTo(bar0);
    }

    @Test
    void readOnlyFieldsIgnoreWrites() throws Exception {
        PciDev dev = bound();

        dev.configWrite16(PciRegs.VENDOR_ID, 0x1234);
        dev.configWrite16(PciRegs.DEVICE_ID, 0x5678);
        dev.configWrite32(PciRegs.CLASS_REVISION, 0);
        dev.configWrite8(PciRegs.INTERRUPT_PIN, 4);
        dev.configWrite8(PciRegs.CAPABILITY_LIST, 0x90);
        dev.configWrite8(0x50, 0x07);

        assertThat(dev.configRead16(PciRegs.VENDOR_ID)).isEqualTo(0x1AF4);
        assertThat(dev.configRead16(PciRegs.DEVICE_ID)).isEqualTo(0x0001);
        assertThat(dev.configRead32(PciRegs.CLASS_REVISION)).isEqualTo(0x0200_0001);
        assertThat(dev.configRead8(PciRegs.INTERRUPT_PIN)).isEqualTo(1);
        assertThat(dev.configRead8(PciRegs.CAPABILITY_LIST)).isEqualTo(0x50);
        assertThat(dev.findCapability(PciRegs.CAP_ID_MSI)).isEqualTo(0x50);
        assertThat(dev.findCapability(PciRegs.CAP_ID_MSIX)).isEqualTo(0x70);
        // Writable header fields do change.
        dev.configWrite8(PciRegs.LATENCY_TIMER, 0x40);
        assertThat(dev.configRead8(PciRegs.LATENCY_TIMER)).isEqualTo(0x40);
    }

    @Test
    void assignedBarsShowInSysfsAndLspci() throws Exception {
        PciDev dev = bound();

        assertThat(dev.resourceStart(0)).isEqualTo(0xF000_0000L);
        assertThat(dev.resourceStart(1)).as("BAR1 aligned to its 16K size").isEqualTo(0xF000_4000L);
        assertThat(dev.resourceLen(1)).isEqualTo(16384);
        assertThat(dev.resourceStart(2)).isZero();
        assertThat(dev.resourceIsIo(0)).isFalse();
        assertThat(dev.configRead32(PciRegs.BASE_ADDRESS_0 + 4) & 0xFFFF_FFFFL).isEqualTo(0xF000_4000L);
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/vendor")).isEqualTo("0x1af4\n");
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/device")).isEqualTo("0x0001\n");
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/class")).isEqualTo("0x020000\n");
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/irq")).isEqualTo("19\n");
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/enable")).isEqualTo("0\n");

        String v = m.pci().lspci(true, false);
        assertThat(v).contains("\tMemory at f0000000 (32-bit, non-prefetchable) [disabled] [size=4K]\n");
        assertThat(v).contains("\tMemory at f0004000 (32-bit, non-prefetchable) [disabled] [size=16K]\n");
        assertThat(v).contains("\tCapabilities: [50] MSI: Enable- Count=1/2 Maskable- 64bit+\n");
        assertThat(v).contains("\tCapabilities: [70] MSI-X: Enable- Count=4 Masked-\n");
        assertThat(v).contains("\tKernel driver in use: cfgnic\n").contains("\tKernel modules: cfgnic\n");

        dev.enableDevice();
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/enable")).isEqualTo("1\n");
        assertThat(m.pci().lspci(true, false)).contains("\tMemory at f0000000 (32-bit, non-prefetchable) [size=4K]\n");
    }

    @Test
    void lspciNamesTheDeviceAndItsClass() throws Exception {
        bound();

        assertThat(m.pci().lspci(false, false)).isEqualTo("00:03.0 Ethernet controller: Device 1af4:0001 (rev 01)\n");
        assertThat(m.pci().lspci(false, true)).isEqualTo("00:03.0 Ethernet controller [0200]: Device [1af4:0001] (rev 01)\n");
    }

    @Test
    void iomapOfAMissingBarIsEnodevAndBeforeEnableIsEinval() throws Exception {
        PciDev dev = bound();

        assertThat(errnoOf(() -> dev.iomap(2))).isEqualTo(Errno.ENODEV);
        assertThat(errnoOf(() -> dev.iomap(6))).isEqualTo(Errno.ENODEV);
        assertThat(errnoOf(() -> dev.iomap(0))).isEqualTo(Errno.EINVAL);
        dev.enableDevice();
        assertThat(dev.iomap(0).read32(TestPciModel.REG_ID)).isEqualTo(0x0001_1AF4);
    }

    @Test
    void accessPastTheBarEndNamesDeviceAndBar() throws Exception {
        PciDev dev = bound();
        dev.enableDevice();
        IoRegion regs = dev.iomap(0);
        assertThat(regs.size()).isEqualTo(4096);

        regs.write32(4092, 0);
        assertThatThrownBy(() -> regs.read32(4094))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining(DEV + " BAR0")
                .hasMessageContaining("0xffe");
        assertThatThrownBy(() -> regs.write8(4096, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> regs.read8(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void accessAfterIounmapIsIllegalState() throws Exception {
        PciDev dev = bound();
        dev.enableDevice();
        IoRegion regs = dev.iomap(0);
        regs.write32(TestPciModel.REG_SCRATCH, 7);

        dev.iounmap(regs);

        assertThatThrownBy(() -> regs.read32(TestPciModel.REG_SCRATCH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DEV + " BAR0")
                .hasMessageContaining("after iounmap");
        dev.iounmap(regs);
        assertThat(m.violations().ofRule("D3")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("iounmap of a region not mapped"));
    }

    @Test
    void readsWithMemoryDecodingOffReturnAllOnesAndWritesAreDropped() throws Exception {
        PciDev dev = bound();
        dev.enableDevice();
        IoRegion regs = dev.iomap(0);
        regs.write32(TestPciModel.REG_SCRATCH, 0x1234);
        int cmd = dev.configRead16(PciRegs.COMMAND);
        assertThat(cmd & PciRegs.COMMAND_MEMORY).isNotZero();

        dev.configWrite16(PciRegs.COMMAND, cmd & ~PciRegs.COMMAND_MEMORY);
        assertThat(regs.read32(TestPciModel.REG_SCRATCH)).isEqualTo(0xFFFF_FFFF);
        assertThat(regs.read16(TestPciModel.REG_SCRATCH)).isEqualTo(0xFFFF);
        assertThat(regs.read8(TestPciModel.REG_SCRATCH)).isEqualTo(0xFF);
        regs.write32(TestPciModel.REG_SCRATCH, 0x5678);

        dev.configWrite16(PciRegs.COMMAND, cmd);
        assertThat(regs.read32(TestPciModel.REG_SCRATCH)).isEqualTo(0x1234);
        assertThat(model.writes()).containsExactly("0xc=0x1234");
    }
}
