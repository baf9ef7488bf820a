package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Linux's {@code irq_handler_exit} ({@code include/trace/events/irq.h}): one handler returned.
 * Linux's event has no handler name; it is kept here so an exit reads without its entry.
 */
@Name("jnetdev.irq_handler_exit")
@Label("irq_handler_exit")
@Category({"jnetdev", "irq"})
@Description("A hard-IRQ handler returned (Linux's irq_handler_exit)")
@StackTrace(false)
final class IrqHandlerExitEvent extends Event {
    @Label("Virtual Time (ns)")
    @Description("The machine's virtual time on the firing CPU, in nanoseconds since boot")
    long virtualTime;

    @Label("CPU")
    @Description("The virtual CPU that fired the tracepoint")
    int cpu;

    @Label("IRQ")
    @Description("The interrupt number, as /proc/interrupts lists it")
    int irq;

    @Label("Handler")
    @Description("The name the handler was requested with (request_irq's name)")
    String name;

    @Label("Return")
    @Description("1 if the handler returned IRQ_HANDLED (or IRQ_WAKE_THREAD), 0 for IRQ_NONE: Linux prints handled/unhandled")
    int ret;
}
