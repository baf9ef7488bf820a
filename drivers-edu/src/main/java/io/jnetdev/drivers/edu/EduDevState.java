package io.jnetdev.drivers.edu;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;

/** Per-device driver state ({@code pci_get_drvdata}): the mapped registers and what the handler saw. */
public final class EduDevState {
    private final IoRegion regs;
    private final int irq;
    private long interruptsHandled;
    private int lastStatus;

    EduDevState(IoRegion regs, int irq) {
        this.regs = regs;
        this.irq = irq;
    }

    /**
     * The interrupt handler. The line may be shared, so first ask the device whether it raised
     * anything; acknowledge exactly what it raised.
     */
    IrqReturn interrupt(int irqNumber) {
        int status = regs.read32(Edu.IRQ_STATUS);
        if (status == 0) {
            return IrqReturn.NONE;
        }
        regs.write32(Edu.IRQ_ACK, status);
        lastStatus = status;
        interruptsHandled++;
        return IrqReturn.HANDLED;
    }

    public IoRegion regs() {
        return regs;
    }

    public int irq() {
        return irq;
    }

    /** Interrupts this device raised and the handler acknowledged. */
    public long interruptsHandled() {
        return interruptsHandled;
    }

    /** The interrupt status of the last handled interrupt. */
    public int lastStatus() {
        return lastStatus;
    }
}
