package io.jnetdev.hw;

import java.lang.foreign.MemorySegment;

/**
 * A device's Ethernet port: the point where a wire plugs into a NIC model (QEMU's
 * {@code NetClientState} of a NIC). The wire delivers received frames through
 * {@link #frame}; what the device transmits goes to the sink given to {@link #connect}.
 *
 * <p>Every frame handed to {@link #frame} is accounted for by the device: stored in its receive
 * ring, or counted in one of its drop counters (no descriptor free, receiver off, link down,
 * bad length, damaged on the wire) — never silently lost.
 */
public interface EthernetPort extends FrameSink {

    /** Ingress: a frame arrives from the wire. See {@link FrameSink#frame}. */
    @Override
    void frame(MemorySegment frame, int length);

    /**
     * Ingress: a damaged frame arrives from the wire. A device counts it in its error counters
     * (and never hands it to its driver as a good frame); it is not optional for a port, as every
     * frame offered to a device is accounted for.
     */
    @Override
    void erroredFrame(MemorySegment frame, int length, FrameError error);

    /** Egress: the device transmits into {@code egress} from now on; null disconnects (frames are then dropped on the floor). */
    void connect(FrameSink egress);

    /** Whether the link is up (cable in, partner present). */
    boolean linkUp();

    /** Plugs or pulls the cable; the device sees a link-status change. */
    void setLinkUp(boolean up);

    /** The line rate in bits per second (1 Gbit/s is {@code 1_000_000_000L}). */
    long lineRateBitsPerSecond();

    /** The station address the device currently answers to, in the low 48 bits (first octet most significant). */
    long macAddress();

    /** The device this port belongs to (its PCI name), for log lines. */
    String deviceName();

    /**
     * Time one frame of {@code length} bytes (without FCS) occupies the wire: the frame padded to
     * 60 bytes, plus 4 bytes FCS, 8 bytes preamble and SFD and a 12-byte inter-frame gap.
     */
    static long wireBits(int length) {
        return (Math.max(length, 60) + 4 + 8 + 12) * 8L;
    }
}
