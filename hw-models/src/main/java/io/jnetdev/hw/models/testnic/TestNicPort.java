package io.jnetdev.hw.models.testnic;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;

/**
 * The test NIC's port backend (QEMU's {@code NetClientState} of the card): link state, line rate,
 * and the egress sink. Ingress frames go straight to the card's receive engine; the port keeps no
 * queue, so a frame the card cannot store is counted by the card as missed.
 */
final class TestNicPort implements EthernetPort {
    /** What the port needs of its card. */
    interface Card {
        void receive(MemorySegment frame, int length);

        void receiveErrored(MemorySegment frame, int length, FrameError error);

        void linkChanged(boolean up);

        long stationAddress();

        String deviceName();
    }

    private final Card card;
    private final long lineRate;
    private FrameSink egress;
    private boolean linkUp = true;

    TestNicPort(Card card, long lineRateBitsPerSecond) {
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

    /** The card transmits a frame: out to the wire if one is connected and the link is up. */
    boolean transmit(MemorySegment frame, int length) {
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
