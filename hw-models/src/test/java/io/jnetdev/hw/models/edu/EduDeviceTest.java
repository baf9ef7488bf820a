package io.jnetdev.hw.models.edu;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edu model's registers as QEMU's specification describes them, poked through the same
 * {@link PciDev} view a driver gets (no driver bound).
 */
class EduDeviceTest {
    private Machine machine;
    private PciDev dev;
    private IoRegion regs;

    @BeforeEach
    void plug() throws Exception {
        machine = Machine.create(MachineConfig.builder().seed(3).slot(4, EduDevice::new).modules(Map.of()).build());
        machine.boot(new ClassLoader(null) { });
        dev = machine.pci().function("0000:00:04.0").orElseThrow().handle();
        dev.enableDevice();
        regs = dev.iomap(0);
    }

    @Test
    void identityAndConfigSpace() {
        assertThat(dev.vendor()).isEqualTo(0x1234);
        assertThat(dev.device()).isEqualTo(0x11E8);
        assertThat(dev.revision()).isEqualTo(0x10);
        assertThat(dev.configRead16(0x0A)).as("class register: PCI_CLASS_OTHERS").isEqualTo(0x00FF);
        assertThat(dev.resourceLen(0)).isEqualTo(1L << 20);
        assertThat(dev.findCapability(PciRegs.CAP_ID_MSI)).isEqualTo(0x40);
        assertThat(dev.configRead8(PciRegs.INTERRUPT_PIN)).isEqualTo(1);
        assertThat(regs.read32(EduRegs.ID)).isEqualTo(0x010000ED);
    }

    @Test
    void livenessInvertsAndWrongWidthsReadAllOnes() {
        regs.write32(EduRegs.LIVENESS, 0x0F0F_0000);
        assertThat(regs.read32(EduRegs.LIVENESS)).isEqualTo(0xF0F0_FFFF);
        assertThat(regs.read16(EduRegs.ID)).isEqualTo(0xFFFF);
        assertThat(regs.read64(EduRegs.ID)).isEqualTo(-1L);
    }

    @Test
    void raiseAndAcknowledgeDriveIntxAsALevel() {
        int gsi = machine.pci().function("0000:00:04.0").orElseThrow().intxGsi();
        regs.write32(EduRegs.IRQ_RAISE, 0x5);
        assertThat(regs.read32(EduRegs.IRQ_STATUS)).isEqualTo(0x5);
        assertThat(dev.configRead16(PciRegs.STATUS) & PciRegs.STATUS_INTERRUPT).isNotZero();
        regs.write32(EduRegs.IRQ_ACK, 0x1);
        assertThat(dev.configRead16(PciRegs.STATUS) & PciRegs.STATUS_INTERRUPT).as("still one bit set").isNotZero();
        regs.write32(EduRegs.IRQ_ACK, 0x4);
        assertThat(regs.read32(EduRegs.IRQ_STATUS)).isZero();
        assertThat(dev.configRead16(PciRegs.STATUS) & PciRegs.STATUS_INTERRUPT).isZero();
        assertThat(gsi).isBetween(16, 19);
    }

    @Test
    void factorialTakesVirtualTimeAndBusyWritesAreIgnored() {
        regs.write32(EduRegs.FACTORIAL, 5);
        assertThat(regs.read32(EduRegs.STATUS) & EduRegs.STATUS_COMPUTING).isEqualTo(1);
        regs.write32(EduRegs.FACTORIAL, 7); // ignored while computing
        machine.run(5 * EduDevice.NANOS_PER_MULTIPLY);
        assertThat(regs.read32(EduRegs.STATUS) & EduRegs.STATUS_COMPUTING).isZero();
        assertThat(regs.read32(EduRegs.FACTORIAL)).isEqualTo(120);
    }

    @Test
    void dmaRoundTripThroughTheDeviceBuffer() throws Exception {
        dev.setDmaMask(28);
        dev.setMaster();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        for (int i = 0; i < 100; i++) {
            buf.segment().set(ValueLayout.JAVA_BYTE, i, (byte) (i * 3));
        }
        regs.write64(EduRegs.DMA_SRC, buf.dmaAddress());
        regs.write64(EduRegs.DMA_DST, EduRegs.DMA_BUFFER_START);
        regs.write64(EduRegs.DMA_COUNT, 100);
        regs.write64(EduRegs.DMA_CMD, EduRegs.DMA_START);
        assertThat(regs.read64(EduRegs.DMA_CMD) & EduRegs.DMA_START).as("running").isEqualTo(1);
        machine.run(EduDevice.DMA_DELAY_NANOS);
        assertThat(regs.read64(EduRegs.DMA_CMD) & EduRegs.DMA_START).as("done").isZero();

        regs.write64(EduRegs.DMA_SRC, EduRegs.DMA_BUFFER_START);
        regs.write64(EduRegs.DMA_DST, buf.dmaAddress() + 100);
        regs.write64(EduRegs.DMA_COUNT, 100);
        regs.write64(EduRegs.DMA_CMD, EduRegs.DMA_START | EduRegs.DMA_FROM_DEVICE | EduRegs.DMA_IRQ);
        machine.run(EduDevice.DMA_DELAY_NANOS);

        for (int i = 0; i < 100; i++) {
            assertThat(buf.segment().get(ValueLayout.JAVA_BYTE, 100 + i)).as("byte %d", i).isEqualTo((byte) (i * 3));
        }
        assertThat(regs.read32(EduRegs.IRQ_STATUS)).isEqualTo(EduRegs.DMA_DONE_IRQ);
        dev.dmaFreeCoherent(buf);
    }

    @Test
    void dmaIsRefusedWithoutBusMasteringOrOutsideTheBuffer() throws Exception {
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        regs.write64(EduRegs.DMA_SRC, EduRegs.DMA_BUFFER_START);
        regs.write64(EduRegs.DMA_DST, buf.dmaAddress());
        regs.write64(EduRegs.DMA_COUNT, 8);
        regs.write64(EduRegs.DMA_CMD, EduRegs.DMA_START | EduRegs.DMA_FROM_DEVICE);
        machine.run(EduDevice.DMA_DELAY_NANOS);
        assertThat(machine.dmesg()).contains("DMA with bus mastering off: refused");

        dev.setMaster();
        regs.write64(EduRegs.DMA_SRC, EduRegs.DMA_BUFFER_START + 4090);
        regs.write64(EduRegs.DMA_COUNT, 16);
        regs.write64(EduRegs.DMA_CMD, EduRegs.DMA_START | EduRegs.DMA_FROM_DEVICE);
        machine.run(EduDevice.DMA_DELAY_NANOS);
        assertThat(machine.dmesg()).contains("leaves the 4 KiB buffer: refused");
        assertThat(regs.read64(EduRegs.DMA_CMD) & EduRegs.DMA_START).isZero();
        dev.dmaFreeCoherent(buf);
    }
}
