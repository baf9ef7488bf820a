package io.jnetdev.runtime.irq;

import io.jnetdev.api.irq.IrqHandler;

/**
 * One handler installed on an IRQ line ({@code struct irqaction}).
 *
 * @param handler the primary (hard-IRQ) handler
 * @param thread  the threaded handler, or null
 * @param flags   {@link io.jnetdev.api.irq.IrqFlags}
 * @param name    the name shown in {@code /proc/interrupts}
 * @param devId   the cookie that identifies this action for {@code free_irq}
 * @param device  the device that requested it (for ownership and leak checks), or null
 * @param driver  the driver that requested it, or null
 */
public record IrqAction(IrqHandler handler, IrqHandler thread, int flags, String name, Object devId,
                        String device, String driver) {

    public boolean shared() {
        return (flags & io.jnetdev.api.irq.IrqFlags.SHARED) != 0;
    }
}
