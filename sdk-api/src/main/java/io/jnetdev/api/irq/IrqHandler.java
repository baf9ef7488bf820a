package io.jnetdev.api.irq;

/**
 * An interrupt handler ({@code irq_handler_t}). The primary handler runs in hard-IRQ context
 * with local interrupts off and must not sleep; a threaded handler runs in process context.
 * A shared handler must tolerate being called when its device raised nothing, and return
 * {@link IrqReturn#NONE} then.
 */
@FunctionalInterface
public interface IrqHandler {
    IrqReturn handle(int irq);
}
