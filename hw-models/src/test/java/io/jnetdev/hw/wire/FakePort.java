package io.jnetdev.hw.wire;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A port with no device behind it: counts what arrives, remembers the last good frame's first
 * bytes, follows link changes, and transmits on demand into whatever it is connected to (dropping and
 * counting when disconnected, as a real port does). Allocates nothing per frame.
 */
final class FakePort implements EthernetPort {
    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    final String name;
    final long mac;
    final long rate;
    final byte[] txBuffer = new byte[2048];
    final MemorySegment tx = MemorySegment.ofArray(txBuffer);
    FrameSink egress;
    boolean link = true;
    int linkChanges;
    long received;
    long receivedBytes;
    long lastSequence = -1;
    long transmitted;
    long droppedNoWire;
    final long[] errored = new long[FrameError.values().length];
    /** A broken model keeps transmitting into the sink it was disconnected from. */
    boolean ignoreDisconnect;

    FakePort(String name, long mac, long rate) {
        this.name = name;
        this.mac = mac;
        this.rate = rate;
    }

    /** Sends a frame of {@code length} bytes carrying {@code sequence} at offset 0 (big-endian). */
    void transmit(int length, long sequence) {
        tx.set(BE_LONG, 0, sequence);
        transmitted++;
        if (egress == null) {
            droppedNoWire++;
        } else {
            egress.frame(tx, length);
        }
    }

    /** Sends a damaged frame. */
    void transmitErrored(int length, FrameError error) {
        transmitted++;
        if (egress == null) {
            droppedNoWire++;
        } else {
            egress.erroredFrame(tx, length, error);
        }
    }

    long errored(FrameError e) {
        return errored[e.ordinal()];
    }

    @Override
    public void frame(MemorySegment frame, int length) {
        received++;
        receivedBytes += length;
        lastSequence = frame.get(BE_LONG, 0);
    }

    @Override
    public void erroredFrame(MemorySegment frame, int length, FrameError error) {
        errored[error.ordinal()]++;
    }

    @Override
    public void connect(FrameSink sink) {
        if (sink == null && ignoreDisconnect) {
            return;
        }
        egress = sink;
    }

    @Override
    public boolean linkUp() {
        return link;
    }

    @Override
    public void setLinkUp(boolean up) {
        if (up != link) {
            linkChanges++;
        }
        link = up;
    }

    @Override
    public long lineRateBitsPerSecond() {
        return rate;
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    public String deviceName() {
        return name;
    }
}
