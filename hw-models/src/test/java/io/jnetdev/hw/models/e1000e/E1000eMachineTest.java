package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model plugged into a real {@link Machine}: the config space the runtime builds from its
 * layout (A.1, A.2), MSI-X messages delivered through the runtime's interrupt controller, and
 * DMA through the device's IOMMU view — poked through the {@link PciDev} a driver gets.
 */
class E1000eMachineTest {
    private static final long SEED = 7;
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private Machine machine;
    private E1000e nic;
    private PciDev dev;
    private IoRegion regs;

    @BeforeEach
    void plug() throws Exception {
        nic = new E1000e();
        machine = Machine.create(MachineConfig.builder().seed(SEED).slot(4, () -> nic).modules(Map.of()).build());
        machine.boot(new ClassLoader(null) { });
        dev = machine.pci().function("0000:00:04.0").orElseThrow().handle();
        dev.enableDevice();
        regs = dev.iomap(BAR_REGS);
    }

    @Test
    void configSpaceShowsThe82574L() throws Exception {
        assertThat(dev.vendor()).as("seed %d: A.1", SEED).isEqualTo(0x8086);
        assertThat(dev.device()).isEqualTo(0x10D3);
        assertThat(dev.revision()).isZero();
        assertThat(dev.configRead16(0x0A)).as("class 0x0200 Ethernet").isEqualTo(0x0200);
        assertThat(dev.configRead16(PciRegs.SUBSYSTEM_VENDOR_ID)).isEqualTo(0x8086);
        assertThat(dev.configRead16(PciRegs.SUBSYSTEM_ID)).isZero();
        assertThat(dev.configRead8(PciRegs.INTERRUPT_PIN)).as("INTA").isEqualTo(1);
        assertThat(new long[] {dev.resourceLen(0), dev.resourceLen(1), dev.resourceLen(2), dev.resourceLen(3)})
                .as("A.2 BAR sizes").containsExactly(128 * 1024, 128 * 1024, 32, 16 * 1024);
        assertThat(dev.resourceIsIo(2)).as("BAR2 is I/O").isTrue();
        assertThat(new int[] {dev.findCapability(PciRegs.CAP_ID_MSIX), dev.findCapability(PciRegs.CAP_ID_PM),
            dev.findCapability(PciRegs.CAP_ID_MSI), dev.findCapability(PciRegs.CAP_ID_EXP)})
                .as("A.2 capability offsets").containsExactly(0xA0, 0xC8, 0xD0, 0xE0);
        assertThat((dev.configRead16(0xA2) & 0x7FF) + 1).as("A.2 five MSI-X vectors").isEqualTo(5);
        assertThat(dev.configRead32(0xA4)).as("table at BAR3 + 0").isEqualTo(3);
        assertThat(dev.configRead32(0xA8)).as("PBA at BAR3 + 0x2000").isEqualTo(0x2003);
        assertThat(dev.configRead16(0xE2) & 0xF).as("PCIe capability version 1").isEqualTo(1);
        assertThat(regs.read32(STATUS) & STATUS_LU).isEqualTo(STATUS_LU);
        IoRegion io = dev.iomap(BAR_IO);
        io.write32(IOADDR, RAH0);
        assertThat(io.read32(IODATA)).as("A.2 the I/O window reaches BAR0").isEqualTo(0x8000_5634);
    }

    @Test
    void msixVectorsReachTheirHandlersThroughTheRuntime() throws Exception {
        dev.setMaster();
        assertThat(dev.allocIrqVectors(3, 3, IrqVectorFlags.MSIX)).isEqualTo(3);
        long[] counts = new long[3];
        String[] names = {"eth0-rx-0", "eth0-tx-0", "eth0"};
        for (int v = 0; v < 3; v++) {
            int vector = v;
            dev.requestIrq(dev.irqVector(v), irq -> {
                counts[vector]++;
                return IrqReturn.HANDLED;
            }, 0, names[v], this);
        }
        regs.write32(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        regs.write32(IMS, E1000eInterruptsTest.LINUX_MSIX_IMS);
        regs.write32(ICS, ICR_RXQ0);
        regs.write32(ICS, ICR_TXQ0);
        regs.write32(ICS, ICR_LSC);
        machine.run(1_000_000);
        assertThat(counts).as("seed %d: A.3 RXQ0→0, TXQ0→1, OTHER→2", SEED).containsExactly(1, 1, 1);
        assertThat(machine.procInterrupts()).contains("eth0-rx-0", "eth0-tx-0");
    }

    @Test
    void receiveThroughTheIommuAndAFaultingRingStopsWithoutHarm() throws Exception {
        dev.setMaster();
        dev.setDmaMask(64);
        DmaBuffer ring = dev.dmaAllocCoherent(8 * 16);
        DmaBuffer bufs = dev.dmaAllocCoherent(8 * 2048);
        for (int i = 0; i < 8; i++) {
            ring.segment().set(LE_LONG, 16L * i, bufs.dmaAddress() + 2048L * i);
        }
        regs.write32(RDBAL, (int) ring.dmaAddress());
        regs.write32(RDBAH, (int) (ring.dmaAddress() >>> 32));
        regs.write32(RDLEN, 8 * 16);
        regs.write32(RDH, 0);
        regs.write32(RDT, 7);
        regs.write32(RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 60);
        nic.port().frame(MemorySegment.ofArray(f), f.length);
        assertThat(ring.segment().get(ValueLayout.JAVA_BYTE, 12) & 0xFF).as("seed %d: DD|EOP", SEED)
                .isEqualTo(RXD_STAT_DD | RXD_STAT_EOP);
        assertThat(bufs.segment().asSlice(0, 60).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(f);

        ring.segment().set(LE_LONG, 16L, 0x7000_0000_0000L); // descriptor 1 points outside the view
        nic.port().frame(MemorySegment.ofArray(f), f.length);
        nic.port().frame(MemorySegment.ofArray(f), f.length);
        assertThat(machine.dmesg()).contains("DMA fault").contains("receive ring stopped");
        assertThat(nic.missedTotal()).isEqualTo(2);
        assertThat(nic.offeredTotal()).isEqualTo(nic.rxFramesTotal() + nic.missedTotal());
        machine.run(1_000_000);
        assertThat(regs.read32(STATUS) & STATUS_LU).as("the machine and the device go on").isEqualTo(STATUS_LU);
    }
}
