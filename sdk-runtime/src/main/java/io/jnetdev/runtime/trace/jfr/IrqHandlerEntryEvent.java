package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Linux's {@code irq_handler_entry} ({@code include/trace/events/irq.h}): one handler is about to run. */
@Name("jnetdev.irq_handler_entry")
@Label("irq_handler_entry")
@Category({"jnetdev", "irq"})
@Description("A hard-IRQ handler is about to run (Linux's irq_handler_entry)")
@StackTrace(false)
final class IrqHandlerEntryEvent extends Event {
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
    @Description("The name the handler was requested with (request_irq's name), e.g. eth0-rx-0")
    String name;
}
