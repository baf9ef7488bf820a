package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both cards plugged into a real {@link Machine} at slots 3 and 7, whose INTA pins swizzle onto the
 * same IO-APIC line: the config space the runtime builds from their layouts (B.1), what lspci shows,
 * and two shared handlers each claiming only its own card's interrupt.
 */
class VortexMachineTest {
    private static final long SEED = 11;
    private Machine machine;
    private Vortex vortex;
    private Vortex tornado;
    private PciDev vdev;
    private PciDev tdev;

    @BeforeEach
    void plug() {
        vortex = Vortex.c3c595(0x0004_7500_0001L);
        tornado = Vortex.c3c905c(0x0004_7500_0002L);
        machine = Machine.create(MachineConfig.builder().seed(SEED).slot(3, () -> vortex).slot(7, () -> tornado)
                .modules(Map.of()).build());
        machine.boot(new ClassLoader(null) { });
        vdev = machine.pci().function("0000:00:03.0").orElseThrow().handle();
        tdev = machine.pci().function("0000:00:07.0").orElseThrow().handle();
    }

    @Test
    void lspciShowsBothCardsWithTheirIdsBarsAndNoMsi() throws Exception {
        String lspci = machine.pci().lspci(false, true);
        assertThat(lspci).as("seed %d", SEED)
                .contains("00:03.0 Ethernet controller [0200]: 3Com Corporation 3c595 100BaseTX [Vortex] [10b7:5950]")
                .contains("00:07.0 Ethernet controller [0200]: 3Com Corporation 3c905C-TX/TX-M [Tornado] [10b7:9200] (rev 74)");
        assertThat(vdev.resourceIsIo(0)).isTrue();
        assertThat(vdev.resourceLen(0)).as("B.1 Vortex I/O size").isEqualTo(32);
        assertThat(tdev.resourceLen(0)).as("B.1 Tornado I/O size").isEqualTo(128);
        assertThat(tdev.resourceIsIo(1)).as("BAR1: memory copy").isFalse();
        assertThat(tdev.resourceLen(1)).isEqualTo(128);
        for (PciDev d : new PciDev[] {vdev, tdev}) {
            assertThat(d.configRead16(0x0A)).isEqualTo(0x0200);
            assertThat(d.configRead8(PciRegs.INTERRUPT_PIN)).as("INTA").isEqualTo(1);
            assertThat(d.findCapability(PciRegs.CAP_ID_MSI)).as("no MSI").isZero();
            assertThat(d.findCapability(PciRegs.CAP_ID_MSIX)).as("no MSI-X").isZero();
        }
        assertThat(tdev.findCapability(PciRegs.CAP_ID_PM)).isEqualTo(Vortex.PM_CAP_OFFSET);
        String verbose = machine.pci().lspci(true, false);
        assertThat(verbose).contains("I/O ports at").contains("[size=32]").contains("[size=128]");
    }

    @Test
    void bothCardsShareOneIntxLineAndEachHandlerClaimsOnlyItsOwnCard() throws Exception {
        long[] claimed = new long[2];
        long[] none = new long[2];
        IoRegion[] regs = new IoRegion[2];
        PciDev[] devs = {vdev, tdev};
        int[] irqs = new int[2];
        for (int i = 0; i < 2; i++) {
            PciDev d = devs[i];
            d.enableDevice();
            d.setMaster();
            regs[i] = d.iomap(0);
            assertThat(d.allocIrqVectors(1, 1, IrqVectorFlags.INTX)).isEqualTo(1);
            irqs[i] = d.irqVector(0);
            int k = i;
            IoRegion r = regs[i];
            d.requestIrq(irqs[i], irq -> {
                int status = r.read16(EL3_STATUS);
                if ((status & IntLatch) == 0) {
                    none[k]++;
                    return IrqReturn.NONE;
                }
                r.write16(EL3_CMD, AckIntr | IntReq | IntLatch);
                claimed[k]++;
                return IrqReturn.HANDLED;
            }, IrqFlags.SHARED, k == 0 ? "eth0" : "eth1", d);
            r.write16(EL3_CMD, SetStatusEnb | 0x7EC6);
            r.write16(EL3_CMD, SetIntrEnb | 0x76CF);
        }
        assertThat(irqs[0]).as("seed %d: slots 3 and 7 share one line", SEED).isEqualTo(irqs[1]);

        regs[1].write16(EL3_CMD, FakeIntr);
        machine.run(1_000_000);
        assertThat(claimed).as("the Tornado's FakeIntr: its handler claims, the Vortex's says none").containsExactly(0, 1);
        assertThat(none[0]).isEqualTo(1);

        regs[0].write16(EL3_CMD, FakeIntr);
        machine.run(1_000_000);
        assertThat(claimed).containsExactly(1, 1);
        assertThat(machine.procInterrupts()).contains("eth0, eth1");
        assertThat(machine.violations().all()).as("no nobody-cared, no spurious claims").isEmpty();
    }

    @Test
    void theMemoryBarReachesTheSameRegistersAsTheIoBar() throws Exception {
        tdev.enableDevice();
        IoRegion io = tdev.iomap(0);
        IoRegion mem = tdev.iomap(1);
        io.write16(EL3_CMD, SelectWindow + 4);
        assertThat(mem.read16(EL3_STATUS) >>> WINDOW_SHIFT).isEqualTo(4);
        mem.write32(UpListPtr, 0xCAFE_0000);
        assertThat(io.read32(UpListPtr)).isEqualTo(0xCAFE_0000);
    }
}
