package io.jnetdev.api.net;

/**
 * The 64-bit interface counters ({@code struct rtnl_link_stats64}) that {@code ndo_get_stats64}
 * fills. The core hands the driver a zeroed instance.
 */
public final class RtnlLinkStats64 {
    public long rxPackets;
    public long txPackets;
    public long rxBytes;
    public long txBytes;
    public long rxErrors;
    public long txErrors;
    public long rxDropped;
    public long txDropped;
    public long multicast;
    public long collisions;
    public long rxLengthErrors;
    public long rxOverErrors;
    public long rxCrcErrors;
    public long rxFrameErrors;
    public long rxFifoErrors;
    public long rxMissedErrors;
    public long txAbortedErrors;
    public long txCarrierErrors;
    public long txFifoErrors;

    /** Sets every counter to zero. */
    public void clear() {
        rxPackets = txPackets = rxBytes = txBytes = rxErrors = txErrors = rxDropped = txDropped = 0;
        multicast = collisions = rxLengthErrors = rxOverErrors = rxCrcErrors = rxFrameErrors = 0;
        rxFifoErrors = rxMissedErrors = txAbortedErrors = txCarrierErrors = txFifoErrors = 0;
    }
}
