package io.jnetdev.api.irq;

/** What an interrupt handler returns ({@code irqreturn_t}). */
public enum IrqReturn {
    /** The interrupt was not from this handler's device ({@code IRQ_NONE}). */
    NONE,
    /** The interrupt was from this device and was handled ({@code IRQ_HANDLED}). */
    HANDLED,
    /** Handled in part; wake the threaded handler ({@code IRQ_WAKE_THREAD}). */
    WAKE_THREAD
}
