package io.jnetdev.hw.models.e1000e;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;

/**
 * The 82574L's port backend (QEMU's {@code NetClientState} of the card): the cable (link state),
 * the 1 Gbit/s line rate and the egress sink. Ingress frames go straight to the card's receive
 * engine; the port keeps no queue. The station address it reports is RAL0/RAH0.
 */
final class E1000ePort implements EthernetPort {
    private final E1000e card;
    private final long lineRate;
    private FrameSink egress;
    private boolean cable = true;

    E1000ePort(E1000e card, long lineRateBitsPerSecond) {
        this.card = card;
        this.lineRate = lineRateBitsPerSecond;
    }

    @Override
    public void frame(MemorySegment frame, int length) {
        card.rx().receive(frame, length);
    }

    @Override
    public void erroredFrame(MemorySegment frame, int length, FrameError error) {
        card.rx().receiveErrored(frame, length, error);
    }

    @Override
    public void connect(FrameSink sink) {
        this.egress = sink;
    }

    /** The card transmits a frame: out to the wire if one is connected and the link is up. */
    boolean transmit(MemorySegment frame, int length) {
        FrameSink sink = egress;
        if (sink == null || !cable) {
            return false;
        }
        sink.frame(frame, length);
        return true;
    }

    /** Whether the cable is in and a partner present (the card's STATUS.LU also needs CTRL.SLU). */
    @Override
    public boolean linkUp() {
        return cable;
    }

    @Override
    public void setLinkUp(boolean up) {
        if (up != cable) {
            cable = up;
            card.cableChanged(up);
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
        return "port of " + card.deviceName() + (cable ? " (link up, " : " (link down, ") + lineRate / 1_000_000 + " Mbit/s)";
    }
}
