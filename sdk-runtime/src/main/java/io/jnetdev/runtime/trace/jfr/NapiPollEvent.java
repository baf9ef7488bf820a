package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Linux's {@code napi_poll} ({@code include/trace/events/napi.h}): one poll returned from {@code net_rx_action}. */
@Name("jnetdev.napi_poll")
@Label("napi_poll")
@Category({"jnetdev", "napi"})
@Description("One NAPI poll returned: the work it did against its budget (Linux's napi_poll)")
@StackTrace(false)
final class NapiPollEvent extends Event {
    @Label("Virtual Time (ns)")
    @Description("The machine's virtual time on the firing CPU, in nanoseconds since boot")
    long virtualTime;

    @Label("CPU")
    @Description("The virtual CPU that fired the tracepoint")
    int cpu;

    @Label("Device")
    @Description("The interface the NAPI instance belongs to, or backlog for a CPU's netif_rx queue (Linux's dev_name)")
    String device;

    @Label("Work")
    @Description("Frames the poll processed (its return value)")
    int work;

    @Label("Budget")
    @Description("The most the poll was allowed to process (the instance's weight)")
    int budget;
}
