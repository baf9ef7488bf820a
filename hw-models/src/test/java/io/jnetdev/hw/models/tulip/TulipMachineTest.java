package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model plugged into a real {@link Machine}: the config space the runtime builds from its layout
 * (C.1), and its INTA reaching a handler through the runtime's interrupt controller — poked through
 * the {@link PciDev} a driver gets.
 */
class TulipMachineTest {
    private static final long SEED = 7;

    private static PciDev plug(Tulip nic) throws Exception {
        Machine machine = Machine.create(MachineConfig.builder().seed(SEED).slot(4, () -> nic).modules(Map.of()).build());
        machine.boot(new ClassLoader(null) { });
        PciDev dev = machine.pci().function("0000:00:04.0").orElseThrow().handle();
        dev.enableDevice();
        return dev;
    }

    @Test
    void configSpaceShowsThe21143AndThe21140() throws Exception {
        PciDev dev = plug(Tulip.dec21143(Tulip.DEFAULT_MAC));
        assertThat(dev.vendor()).as("seed %d: C.1", SEED).isEqualTo(0x1011);
        assertThat(dev.device()).isEqualTo(0x0019);
        assertThat(dev.configRead16(0x0A)).as("class 0x0200 Ethernet").isEqualTo(0x0200);
        assertThat(dev.configRead16(PciRegs.SUBSYSTEM_VENDOR_ID)).isEqualTo(0x103C);
        assertThat(dev.configRead16(PciRegs.SUBSYSTEM_ID)).isEqualTo(0x104F);
        assertThat(dev.configRead8(PciRegs.INTERRUPT_PIN)).as("INTA").isEqualTo(1);
        assertThat(new long[] {dev.resourceLen(0), dev.resourceLen(1)}).as("C.1 128-byte BARs").containsExactly(128, 128);
        assertThat(dev.resourceIsIo(0)).as("BAR0 is I/O").isTrue();
        assertThat(dev.resourceIsIo(1)).as("BAR1 is memory").isFalse();
        assertThat(dev.findCapability(PciRegs.CAP_ID_MSI)).as("no MSI").isZero();
        assertThat(dev.findCapability(PciRegs.CAP_ID_MSIX)).as("no MSI-X").isZero();
        IoRegion io = dev.iomap(BAR_IO);
        IoRegion mem = dev.iomap(BAR_MEM);
        io.write32(CSR3, 0x0012_3400);
        assertThat(mem.read32(CSR3)).as("one set of CSRs behind both BARs").isEqualTo(0x0012_3400);

        PciDev old = plug(Tulip.dec21140(Tulip.DEFAULT_MAC));
        assertThat(old.device()).isEqualTo(0x0009);
        assertThat(old.configRead16(PciRegs.SUBSYSTEM_VENDOR_ID)).isZero();
    }

    @Test
    void theTimerInterruptReachesAnIntxHandlerInVirtualTime() throws Exception {
        Tulip nic = Tulip.dec21143(Tulip.DEFAULT_MAC);
        Machine machine = Machine.create(MachineConfig.builder().seed(SEED).slot(4, () -> nic).modules(Map.of()).build());
        machine.boot(new ClassLoader(null) { });
        PciDev dev = machine.pci().function("0000:00:04.0").orElseThrow().handle();
        dev.enableDevice();
        IoRegion regs = dev.iomap(BAR_IO);
        assertThat(dev.allocIrqVectors(1, 1, IrqVectorFlags.ALL_TYPES)).isEqualTo(1);
        long[] handled = new long[1];
        dev.requestIrq(dev.irqVector(0), irq -> {
            int csr5 = regs.read32(CSR5);
            if ((csr5 & (NormalIntr | AbnormalIntr)) == 0) {
                return IrqReturn.NONE;
            }
            regs.write32(CSR5, csr5);
            handled[0]++;
            return IrqReturn.HANDLED;
        }, 0, "eth0", this);
        regs.write32(CSR7, VALID_INTRS_21143);
        regs.write32(CSR11, 12);
        machine.run(12 * TulipMitigation.GP_TICK_NANOS - 1_000);
        assertThat(handled[0]).as("seed %d: not before 12 ticks", SEED).isZero();
        machine.run(2_000_000);
        assertThat(handled[0]).as("GTE through INTA: one interrupt, acknowledged").isEqualTo(1);
        assertThat(machine.procInterrupts()).contains("eth0");
        assertThat(machine.dmesg()).doesNotContain("nobody cared");
    }
}
