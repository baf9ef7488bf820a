package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Linux's {@code netif_receive_skb} ({@code include/trace/events/net.h}): a frame enters the
 * stack's receive path, before the taps and the protocol handler. {@code protocol} is one of the
 * fields Linux's verbose {@code netif_receive_skb_entry} adds.
 */
@Name("jnetdev.netif_receive_skb")
@Label("netif_receive_skb")
@Category({"jnetdev", "net"})
@Description("A received frame enters the stack (Linux's netif_receive_skb)")
@StackTrace(false)
final class NetifReceiveSkbEvent extends Event {
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
    @Description("The frame's length from its network header (skb->len after eth_type_trans)")
    @DataAmount(DataAmount.BYTES)
    int len;

    @Label("Protocol")
    @Description("The EtherType in host order, e.g. 2048 for IPv4 (0x0800)")
    int protocol;
}
