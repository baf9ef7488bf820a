package io.jnetdev.runtime.pci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Masked message interrupts are held, not lost: a message signalled while its MSI vector (per-vector
 * masking) or MSI-X entry or function is masked is recorded in the Pending Bits / PBA and sent when
 * unmasked (PCI spec 6.8.1.7 and 6.8.2.9; QEMU's {@code msi_notify}, {@code msix_notify}). A lost
 * message would leave the driver waiting for an interrupt that never comes (D13's mechanisms).
 */
class MsiMaskPendingTest {
    private static final int CAP = 0x50;
    /** 64-bit capable capability with masking: Mask Bits at +0x10, Pending Bits at +0x14. */
    private static final int MASK = CAP + 0x10;
    private static final int PENDING = CAP + 0x14;

    /** A function with one MMIO BAR and a 2-message, 64-bit, maskable MSI capability; no INTx. */
    static final class MaskableMsiModel implements PciFunctionModel {
        private DeviceContext ctx;

        @Override
        public PciConfigLayout layout() {
            return new PciConfigLayout(0x1AF4, 0x00F0, 0x1AF4, 0x00F0, 0x02_0000, 1, 0,
                    List.of(BarSpec.mmio(0, 4096)), List.of(new CapabilitySpec.Msi(CAP, 2, true, true)));
        }

        @Override
        public void attach(DeviceContext context) {
            this.ctx = context;
        }

        @Override
        public long read(int bar, long offset, int size) {
            return 0;
        }

        @Override
        public void write(int bar, long offset, int size, long value) {}

        void notifyVector(int vector) {
            ctx.msiNotify(vector);
        }
    }

    @Test
    void aMessageSentWhileMaskedIsDeliveredOnUnmask() throws Exception {
        MaskableMsiModel model = new MaskableMsiModel();
        Machine m = Machines.booted(MachineConfig.builder().slot(5, () -> model));
        PciDev[] dev = new PciDev[1];
        TestDriver drv = new TestDriver("masknic", PciDeviceId.of(0x1AF4, 0x00F0)).onProbe((d, id) -> {
            d.enableDevice();
            dev[0] = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("masknic", () -> new TestModule("masknic", drv));
        m.modprobe("masknic", Map.of());
        PciDev d = dev[0];
        assertThat(d.allocIrqVectors(1, 2, IrqVectorFlags.MSI)).isEqualTo(2);
        assertThat(d.irqMode()).isEqualTo(IrqMode.MSI);
        assertThat(d.configRead16(CAP + PciRegs.MSI_FLAGS) & PciRegs.MSI_FLAGS_MASKBIT).isNotZero();
        List<Integer> handled = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            d.requestIrq(d.irqVector(i), irq -> {
                handled.add(irq);
                return IrqReturn.HANDLED;
            }, 0, "masknic-" + i, d);
        }

        d.configWrite32(MASK, 0b01);
        model.notifyVector(0);
        model.notifyVector(1);
        m.settle();

        assertThat(handled).as("only the unmasked vector is delivered").containsExactly(d.irqVector(1));
        assertThat(d.configRead32(PENDING)).as("Pending Bits").isEqualTo(0b01);

        d.configWrite32(MASK, 0);
        m.settle();

        assertThat(handled).containsExactly(d.irqVector(1), d.irqVector(0));
        assertThat(d.configRead32(PENDING)).isZero();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void msixEntryAndFunctionMasksHoldMessagesInThePba() throws Exception {
        TestPciModel model = TestPciModel.builder().msix(2).build();
        Machine m = Machines.booted(MachineConfig.builder().slot(3, () -> model));
        PciDev[] dev = new PciDev[1];
        TestDriver drv = new TestDriver("masknic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            dev[0] = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("masknic", () -> new TestModule("masknic", drv));
        m.modprobe("masknic", Map.of());
        PciDev d = dev[0];
        assertThat(d.allocIrqVectors(2, 2, IrqVectorFlags.MSIX)).isEqualTo(2);
        List<Integer> handled = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            d.requestIrq(d.irqVector(i), irq -> {
                handled.add(irq);
                return IrqReturn.HANDLED;
            }, 0, "masknic-" + i, d);
        }
        var bar1 = d.iomap(1);
        long ctrl1 = PciRegs.MSIX_ENTRY_SIZE + PciRegs.MSIX_ENTRY_VECTOR_CTRL;
        long pba = 0x2000;

        // Entry mask.
        bar1.write32(ctrl1, PciRegs.MSIX_ENTRY_CTRL_MASKBIT);
        model.raise(1, 1);
        m.settle();
        assertThat(handled).isEmpty();
        assertThat(bar1.read64(pba)).isEqualTo(0b10);
        bar1.write32(ctrl1, 0);
        m.settle();
        assertThat(handled).containsExactly(d.irqVector(1));
        assertThat(bar1.read64(pba)).isZero();

        // Function mask.
        int cap = d.findCapability(PciRegs.CAP_ID_MSIX);
        int flags = d.configRead16(cap + PciRegs.MSIX_FLAGS);
        d.configWrite16(cap + PciRegs.MSIX_FLAGS, flags | PciRegs.MSIX_FLAGS_MASKALL);
        model.raise(1, 0);
        m.settle();
        assertThat(handled).hasSize(1);
        assertThat(bar1.read64(pba)).isEqualTo(0b01);
        d.configWrite16(cap + PciRegs.MSIX_FLAGS, flags);
        m.settle();
        assertThat(handled).containsExactly(d.irqVector(1), d.irqVector(0));
        assertThat(bar1.read64(pba)).isZero();
        assertThat(m.violations().all()).isEmpty();
    }
}
