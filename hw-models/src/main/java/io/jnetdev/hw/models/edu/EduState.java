package io.jnetdev.hw.models.edu;

/**
 * The hardware state of an edu device, kept apart from its register handlers (as QEMU keeps
 * {@code EduState}). Power-on values are those of {@link #reset()}.
 */
final class EduState {
    int liveness;
    int factorial;
    int status;
    int irqStatus;
    long dmaSrc;
    long dmaDst;
    long dmaCount;
    long dmaCmd;
    final byte[] dmaBuffer = new byte[EduRegs.DMA_BUFFER_SIZE];

    void reset() {
        liveness = 0;
        factorial = 0;
        status = 0;
        irqStatus = 0;
        dmaSrc = 0;
        dmaDst = 0;
        dmaCount = 0;
        dmaCmd = 0;
        java.util.Arrays.fill(dmaBuffer, (byte) 0);
    }

    boolean dmaRunning() {
        return (dmaCmd & EduRegs.DMA_START) != 0;
    }
}
