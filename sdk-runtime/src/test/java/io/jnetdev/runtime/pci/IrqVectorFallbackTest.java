package io.jnetdev.runtime.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.irq.InterruptController;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * {@code pci_alloc_irq_vectors} tries MSI-X, then MSI, then INTx, returns {@code -ENOSPC} when
 * {@code min} cannot be met, and programs the mechanism it chose; the vectors show up in
 * {@code /proc/interrupts} and their handlers run in hard-IRQ context (rule D13).
 */
class IrqVectorFallbackTest {
    private static final int SLOT = 3;
    private static final String DEV = "0000:00:03.0";

    private TestPciModel model;
    private Machine m;

    /** Boots a machine with {@code built} in slot 3 and binds a driver that only enables the device. */
    private PciDev boundDevice(TestPciModel built) throws ErrnoException {
        return boundDevice(built, MachineConfig.builder());
    }

    private PciDev boundDevice(TestPciModel built, MachineConfig.Builder config) throws ErrnoException {
        model = built;
        m = Machines.booted(config.slot(SLOT, () -> built));
        PciDev[] dev = new PciDev[1];
        TestDriver drv = new TestDriver("vecnic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            dev[0] = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("vecnic", () -> new TestModule("vecnic", drv));
        m.modprobe("vecnic", Map.of());
        assertThat(dev[0]).as("probe ran").isNotNull();
        return dev[0];
    }

    private static TestPciModel allThree() {
        return TestPciModel.builder().msix(3).msi(1).build();
    }

    private static Errno errnoOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ErrnoException.class);
        return ((ErrnoException) t).errno();
    }

    @Test
    void msixIsPreferredAndProgrammed() throws Exception {
        PciDev dev = boundDevice(allThree());

        int n = dev.allocIrqVectors(1, 3, IrqVectorFlags.ALL_TYPES);

        assertThat(n).isEqualTo(3);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.MSIX);
        int cap = dev.findCapability(PciRegs.CAP_ID_MSIX);
        assertThat(cap).isEqualTo(0x70);
        assertThat(dev.configRead16(cap + PciRegs.MSIX_FLAGS) & PciRegs.MSIX_FLAGS_ENABLE).isNotZero();
        assertThat(dev.configRead16(cap + PciRegs.MSIX_FLAGS) & PciRegs.MSIX_FLAGS_MASKALL).isZero();
        assertThat(dev.configRead16(PciRegs.COMMAND) & PciRegs.COMMAND_INTX_DISABLE).isNotZero();
        int msi = dev.findCapability(PciRegs.CAP_ID_MSI);
        assertThat(dev.configRead16(msi + PciRegs.MSI_FLAGS) & PciRegs.MSI_FLAGS_ENABLE).isZero();

        // The MSI-X table in BAR1 holds one unmasked entry per vector: the CPU's message address and the IRQ.
        IoRegion table = dev.iomap(1);
        for (int i = 0; i < 3; i++) {
            int irq = dev.irqVector(i);
            assertThat(irq).isGreaterThanOrEqualTo(InterruptController.FIRST_MSI_IRQ);
            long entry = (long) i * PciRegs.MSIX_ENTRY_SIZE;
            assertThat(table.read32(entry) & 0xFFFF_FFFFL).isEqualTo(InterruptController.msiAddress(0));
            assertThat(table.read32(entry + 4)).isZero();
            assertThat(table.read32(entry + 8)).isEqualTo(irq);
            assertThat(table.read32(entry + PciRegs.MSIX_ENTRY_VECTOR_CTRL) & PciRegs.MSIX_ENTRY_CTRL_MASKBIT).isZero();
        }
        assertThat(List.of(dev.irqVector(0), dev.irqVector(1), dev.irqVector(2))).doesNotHaveDuplicates();
        assertThat(m.pci().lspci(true, false)).contains("MSI-X: Enable+ Count=3");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void failedMsixFallsBackToOneMsiVector() throws Exception {
        PciDev dev = boundDevice(allThree());
        m.faults().failMsixAllocation(1);

        int n = dev.allocIrqVectors(1, 3, IrqVectorFlags.ALL_TYPES);

        assertThat(n).isEqualTo(1);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.MSI);
        int msi = dev.findCapability(PciRegs.CAP_ID_MSI);
        assertThat(msi).isEqualTo(0x50);
        assertThat(dev.configRead16(msi + PciRegs.MSI_FLAGS) & PciRegs.MSI_FLAGS_ENABLE).isNotZero();
        assertThat(dev.configRead32(msi + PciRegs.MSI_ADDRESS_LO) & 0xFFFF_FFFFL).isEqualTo(InterruptController.msiAddress(0));
        assertThat(dev.configRead16(msi + PciRegs.MSI_DATA_64)).isEqualTo(dev.irqVector(0));
        assertThat(dev.configRead16(PciRegs.COMMAND) & PciRegs.COMMAND_INTX_DISABLE).isNotZero();
        int msix = dev.findCapability(PciRegs.CAP_ID_MSIX);
        assertThat(dev.configRead16(msix + PciRegs.MSIX_FLAGS) & PciRegs.MSIX_FLAGS_ENABLE).isZero();
        assertThat(m.log().lines()).anyMatch(l -> l.text().contains(DEV + ": MSI-X allocation failed (injected fault)"));

        // The fault was armed once: the next allocation gets MSI-X again.
        dev.freeIrqVectors();
        assertThat(dev.allocIrqVectors(1, 3, IrqVectorFlags.ALL_TYPES)).isEqualTo(3);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.MSIX);
    }

    @Test
    void failedMsixAndMsiFallBackToTheIntxLine() throws Exception {
        PciDev dev = boundDevice(allThree());
        m.faults().failMsixAllocation(1).failMsiAllocation(1);

        int n = dev.allocIrqVectors(1, 3, IrqVectorFlags.ALL_TYPES);

        assertThat(n).isEqualTo(1);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.INTX);
        int gsi = dev.irqVector(0);
        assertThat(gsi).isEqualTo(InterruptController.intxGsi(SLOT, 1)).isBetween(16, 19);
        assertThat(dev.configRead8(PciRegs.INTERRUPT_LINE)).isEqualTo(gsi);
        assertThat(dev.configRead16(PciRegs.COMMAND) & PciRegs.COMMAND_INTX_DISABLE).isZero();
        assertThat(m.irqCore().desc(gsi).chip()).isEqualTo("IO-APIC");
    }

    @Test
    void minAboveWhatMsiAndIntxOfferIsEnospc() throws Exception {
        PciDev dev = boundDevice(TestPciModel.builder().msi(1).build());

        assertThat(errnoOf(() -> dev.allocIrqVectors(2, 4, IrqVectorFlags.ALL_TYPES))).isEqualTo(Errno.ENOSPC);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.NONE);

        // With min 1 the same device gets its single MSI vector.
        assertThat(dev.allocIrqVectors(1, 4, IrqVectorFlags.ALL_TYPES)).isEqualTo(1);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.MSI);
    }

    @Test
    void msixOnlyOnADeviceWithoutMsixIsEnospc() throws Exception {
        PciDev dev = boundDevice(TestPciModel.builder().msi(1).build());

        assertThat(errnoOf(() -> dev.allocIrqVectors(1, 1, IrqVectorFlags.MSIX))).isEqualTo(Errno.ENOSPC);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.NONE);
        assertThat(dev.findCapability(PciRegs.CAP_ID_MSIX)).isZero();
    }

    @Test
    void irqVectorOutOfRangeIsEinval() throws Exception {
        PciDev dev = boundDevice(allThree());
        assertThat(errnoOf(() -> dev.irqVector(0))).as("before allocation").isEqualTo(Errno.EINVAL);

        dev.allocIrqVectors(1, 3, IrqVectorFlags.MSIX);

        assertThat(errnoOf(() -> dev.irqVector(3))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> dev.irqVector(-1))).isEqualTo(Errno.EINVAL);
        dev.freeIrqVectors();
        dev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
        assertThat(errnoOf(() -> dev.irqVector(1))).as("INTx has only vector 0").isEqualTo(Errno.EINVAL);
    }

    @Test
    void freeThenAllocateAgainReusesTheVectors() throws Exception {
        PciDev dev = boundDevice(allThree());
        dev.allocIrqVectors(1, 3, IrqVectorFlags.MSIX);
        int[] first = {dev.irqVector(0), dev.irqVector(1), dev.irqVector(2)};

        dev.freeIrqVectors();

        assertThat(dev.irqMode()).isEqualTo(IrqMode.NONE);
        for (int irq : first) {
            assertThat(m.irqCore().desc(irq)).as("descriptor of IRQ %d", irq).isNull();
        }
        int cap = dev.findCapability(PciRegs.CAP_ID_MSIX);
        assertThat(dev.configRead16(cap + PciRegs.MSIX_FLAGS) & PciRegs.MSIX_FLAGS_ENABLE).isZero();
        assertThat(dev.configRead16(PciRegs.COMMAND) & PciRegs.COMMAND_INTX_DISABLE).isZero();

        assertThat(dev.allocIrqVectors(1, 3, IrqVectorFlags.ALL_TYPES)).isEqualTo(3);
        assertThat(new int[] {dev.irqVector(0), dev.irqVector(1), dev.irqVector(2)}).containsExactly(first);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void freeingVectorsWithAHandlerStillRequestedIsAD13Violation() throws Exception {
        PciDev dev = boundDevice(allThree());
        dev.allocIrqVectors(1, 3, IrqVectorFlags.MSIX);
        int irq = dev.irqVector(0);
        dev.requestIrq(irq, i -> IrqReturn.HANDLED, 0, "vecnic-rx", dev);

        dev.freeIrqVectors();

        assertThat(m.violations().ofRule("D13")).singleElement().satisfies(v -> {
            assertThat(v.device()).isEqualTo(DEV);
            assertThat(v.driver()).isEqualTo("vecnic");
            assertThat(v.message()).contains("IRQ " + irq).contains("still requested by vecnic-rx");
        });
        assertThat(m.irqCore().actionsOwnedBy(DEV)).isEmpty();
        assertThat(m.procInterrupts()).doesNotContain("vecnic-rx");
    }

    @Test
    void procInterruptsShowsEachVectorAndCountsPerCpu() throws Exception {
        PciDev dev = boundDevice(allThree(), MachineConfig.builder().cpus(2));
        dev.allocIrqVectors(3, 3, IrqVectorFlags.MSIX | IrqVectorFlags.AFFINITY);
        for (int i = 0; i < 3; i++) {
            dev.requestIrq(dev.irqVector(i), irq -> IrqReturn.HANDLED, 0, "vecnic-q" + i, dev);
        }

        model.raise(1, 1);
        m.settle();
        model.raise(1, 2);
        model.raise(1, 2);
        m.settle();

        // With affinity vector i goes to CPU i % 2.
        int v0 = dev.irqVector(0);
        int v1 = dev.irqVector(1);
        int v2 = dev.irqVector(2);
        assertThat(m.irqCore().desc(v1).targetCpu()).isEqualTo(1);
        assertThat(m.irqCore().desc(v1).count(1)).isEqualTo(1);
        assertThat(m.irqCore().desc(v2).count(0)).isEqualTo(2);
        assertThat(m.irqCore().desc(v0).totalCount()).isZero();
        String proc = m.procInterrupts();
        assertThat(proc.lines().findFirst().orElseThrow()).matches("\\s+CPU0\\s+CPU1");
        assertThat(proc).containsPattern("(?m)^\\s*" + v0 + ":\\s+0\\s+0\\s+PCI-MSIX-0000:00:03\\.0\\s+0-edge\\s+vecnic-q0$");
        assertThat(proc).containsPattern("(?m)^\\s*" + v1 + ":\\s+0\\s+1\\s+PCI-MSIX-0000:00:03\\.0\\s+1-edge\\s+vecnic-q1$");
        assertThat(proc).containsPattern("(?m)^\\s*" + v2 + ":\\s+2\\s+0\\s+PCI-MSIX-0000:00:03\\.0\\s+2-edge\\s+vecnic-q2$");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void msixHandlerRunsInHardIrqContextWithItsIrqNumber() throws Exception {
        PciDev dev = boundDevice(allThree());
        dev.allocIrqVectors(1, 3, IrqVectorFlags.MSIX);
        int irq = dev.irqVector(2);
        List<String> seen = new ArrayList<>();
        dev.requestIrq(irq, n -> {
            Cpu cpu = m.cpus().current();
            seen.add("irq=" + n + " cpu=" + cpu.id() + " hardirq=" + cpu.inHardIrq() + " ctx=" + cpu.context()
                    + " atomic=" + dev.kernel().inAtomicContext());
            return IrqReturn.HANDLED;
        }, 0, "vecnic-q2", dev);

        model.raise(1, 2);
        assertThat(seen).as("nothing runs before the machine settles").isEmpty();
        m.settle();

        assertThat(seen).containsExactly("irq=" + irq + " cpu=0 hardirq=true ctx=" + ExecContext.HARDIRQ + " atomic=true");
        assertThat(m.cpus().current().inHardIrq()).isFalse();
        assertThat(m.irqCore().desc(irq).count(0)).isEqualTo(1);
    }
}
