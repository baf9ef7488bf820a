package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Linux's {@code netif_rx} ({@code include/trace/events/net.h}): a driver hands a frame to the backlog. */
@Name("jnetdev.netif_rx")
@Label("netif_rx")
@Category({"jnetdev", "net"})
@Description("A driver handed a received frame to the CPU's backlog queue (Linux's netif_rx)")
@StackTrace(false)
final class NetifRxEvent extends Event {
    @Label("Virtual Time (ns)")
    @Description("The machine's virtual time on the firing CPU, in nanoseconds since boot")
    long virtualTime;

    @Label("CPU")
    @Description("The virtual CPU that fired the tracepoint")
    int cpu;

    @Label("Device")
    @Description("The receiving interface (Linux's name)")
    String device;

    @Label("Length")
    @Description("skb->len when the driver handed the frame over")
    @DataAmount(DataAmount.BYTES)
    int len;
}
