package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Linux's {@code softirq_entry} ({@code include/trace/events/irq.h}): a softirq's action is about to run. */
@Name("jnetdev.softirq_entry")
@Label("softirq_entry")
@Category({"jnetdev", "softirq"})
@Description("A softirq action is about to run (Linux's softirq_entry)")
@StackTrace(false)
final class SoftirqEntryEvent extends Event {
    @Label("Virtual Time (ns)")
    @Description("The machine's virtual time on the firing CPU, in nanoseconds since boot")
    long virtualTime;

    @Label("CPU")
    @Description("The virtual CPU that fired the tracepoint")
    int cpu;

    @Label("Vector")
    @Description("The softirq vector in Linux's order: 0 HI, 1 TIMER, 2 NET_TX, 3 NET_RX, ...")
    int vec;

    @Label("Action")
    @Description("The vector's name as /proc/softirqs lists it (Linux's softirq_to_name)")
    String action;
}
