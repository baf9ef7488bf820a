package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Linux's {@code net_dev_xmit} ({@code include/trace/events/net.h}): the driver's {@code ndo_start_xmit} returned. */
@Name("jnetdev.net_dev_xmit")
@Label("net_dev_xmit")
@Category({"jnetdev", "net"})
@Description("A frame was handed to the driver's ndo_start_xmit (Linux's net_dev_xmit)")
@StackTrace(false)
final class NetDevXmitEvent extends Event {
    @Label("Virtual Time (ns)")
    @Description("The machine's virtual time on the firing CPU, in nanoseconds since boot")
    long virtualTime;

    @Label("CPU")
    @Description("The virtual CPU that fired the tracepoint")
    int cpu;

    /** {@code NETDEV_TX_OK} in {@code include/linux/netdevice.h}. */
    static final int NETDEV_TX_OK = 0x00;
    /** {@code NETDEV_TX_BUSY} in {@code include/linux/netdevice.h}. */
    static final int NETDEV_TX_BUSY = 0x10;

    @Label("Device")
    @Description("The transmitting interface (Linux's name)")
    String device;

    @Label("Length")
    @Description("The frame's length")
    @DataAmount(DataAmount.BYTES)
    int len;

    @Label("Return Code")
    @Description("ndo_start_xmit's return value as Linux numbers it: 0 NETDEV_TX_OK, 16 (0x10) NETDEV_TX_BUSY")
    int rc;
}
