package io.jnetdev.hw.models;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;

/**
 * A NIC model's port backend (QEMU's {@code NetClientState} of a NIC): the cable (link state), the
 * line rate and the egress sink, shared by the card models. Ingress frames go straight to the card's
 * receive engine; the port keeps no queue, so a frame the card cannot store is the card's to count.
 */
public final class NicPort implements EthernetPort {
    /** What the port needs of its card: the receive engine, link changes, the station address. */
    public interface Card {
        /** A frame from the wire (see {@link EthernetPort#frame}). */
        void receive(MemorySegment frame, int length);

        /** A damaged frame from the wire (see {@link EthernetPort#erroredFrame}). */
        void receiveErrored(MemorySegment frame, int length, FrameError error);

        /** The cable was plugged ({@code true}) or pulled. */
        void linkChanged(boolean up);

        /** The address the card answers to, 48 bits, first octet most significant. */
        long stationAddress();

        /** The card's PCI name, for log lines. */
        String deviceName();
    }

    private final Card card;
    private final long lineRate;
    private FrameSink egress;
    private boolean linkUp = true;

    /** A port for {@code card} at {@code lineRateBitsPerSecond}, cable in. */
    public NicPort(Card card, long lineRateBitsPerSecond) {
        if (lineRateBitsPerSecond <= 0) {
            throw new IllegalArgumentException("line rate must be positive, not " + lineRateBitsPerSecond);
        }
        this.card = card;
        this.lineRate = lineRateBitsPerSecond;
    }

    @Override
    public void frame(MemorySegment frame, int length) {
        card.receive(frame, length);
    }

    @Override
    public void erroredFrame(MemorySegment frame, int length, FrameError error) {
        card.receiveErrored(frame, length, error);
    }

    @Override
    public void connect(FrameSink sink) {
        this.egress = sink;
    }

    /** The card transmits a frame: out to the wire if one is connected and the link is up; false if it went nowhere. */
    public boolean transmit(MemorySegment frame, int length) {
        FrameSink sink = egress;
        if (sink == null || !linkUp) {
            return false;
        }
        sink.frame(frame, length);
        return true;
    }

    @Override
    public boolean linkUp() {
        return linkUp;
    }

    @Override
    public void setLinkUp(boolean up) {
        if (up != linkUp) {
            linkUp = up;
            card.linkChanged(up);
        }
    }

    @Override
    public long lineRateBitsPerSecond() {
        return lineRate;
    }

    @Override
    public long macAddress() {
        return card.stationAddress();
    }

    @Override
    public String deviceName() {
        return card.deviceName();
    }

    @Override
    public String toString() {
        return "port of " + card.deviceName() + (linkUp ? " (link up, " : " (link down, ") + lineRate / 1_000_000 + " Mbit/s)";
    }
}
