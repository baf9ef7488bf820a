package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What every tracepoint event carries besides its own fields: the machine's virtual time and the
 * virtual CPU that fired it, as ftrace prints them before each event. The event's JFR start time
 * is the host's wall clock when it was committed and says nothing about the simulated machine.
 * No stack traces: the simulator's Java stack is not the machine's call chain.
 */
@StackTrace(false)
abstract class TracepointEvent extends Event {
    @Label("Virtual Time")
    @Description("The machine's virtual time on the firing CPU, in nanoseconds since boot")
    @Timespan(Timespan.NANOSECONDS)
    long virtualTime;

    @Label("CPU")
    @Description("The virtual CPU that fired the tracepoint")
    int cpu;
}
