package io.jnetdev.hw.wire;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import io.jnetdev.hw.WireContext;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A crossover cable between two Ethernet ports (QEMU's socket/hub backends joining two NICs play this
 * part): what port A transmits arrives at port B's ingress and back, in the same call — the segment
 * belongs to the transmitter for the duration of the call, and the receiving port copies what it
 * keeps, so the cable copies nothing and allocates nothing per frame. Damaged frames
 * ({@link FrameSink#erroredFrame}) pass through as damaged.
 *
 * <p>The cable runs at the slower port's line rate. Each {@link Direction} keeps the virtual time its
 * wire is busy until: a frame of {@code len} bytes occupies it for {@link EthernetPort#wireBits
 * wireBits(len)} bits (preamble, FCS and inter-frame gap included), rounded down to whole ns. A
 * transmitter that starts a frame before the previous one has left the wire breaks Ethernet; the cable
 * counts it in {@link Direction#overruns()} and still delivers it: the device has already sent the frame
 * (its descriptor is done, its counters have moved), so dropping it here would only make the two ends
 * disagree, while the count shows plainly that the transmitting model does not pace itself to the line
 * rate. An overrun frame occupies the wire from the instant it was sent, so one late burst is counted
 * once per early frame and a transmitter that paces itself afterwards is not counted again.
 *
 * <p>Conservation: {@link #offeredTo(EthernetPort)} is what the cable handed to a port (good and damaged
 * frames), to be matched against that device's received + dropped counters.
 */
public final class Cable {
    private final WireContext wire;
    private final EthernetPort a;
    private final EthernetPort b;
    private final Direction aToB;
    private final Direction bToA;
    private long lineRate;
    private boolean plugged;

    private Cable(WireContext wire, EthernetPort a, EthernetPort b) {
        this.wire = Objects.requireNonNull(wire, "wire");
        this.a = Objects.requireNonNull(a, "port a");
        this.b = Objects.requireNonNull(b, "port b");
        if (a == b) {
            throw new IllegalArgumentException("a cable needs two ports, not " + a.deviceName() + " twice");
        }
        this.aToB = new Direction(a, b);
        this.bToA = new Direction(b, a);
    }

    /** Joins {@code a} and {@code b} with a cable, plugged in: both ports connected, link up. */
    public static Cable connect(WireContext wire, EthernetPort a, EthernetPort b) {
        Cable cable = new Cable(wire, a, b);
        cable.plug();
        return cable;
    }

    /**
     * Plugs the cable in: each port transmits into the other, both links go up (a port whose link is
     * already up is not told again). Takes the slower port's line rate. No effect when plugged.
     */
    public void plug() {
        if (plugged) {
            return;
        }
        long rateA = a.lineRateBitsPerSecond();
        long rateB = b.lineRateBitsPerSecond();
        if (rateA < 1 || rateB < 1) {
            throw new IllegalStateException(String.format("cable %s: a port without line rate (%d, %d bit/s)", this,
                    rateA, rateB));
        }
        lineRate = Math.min(rateA, rateB);
        LineRate rate = new LineRate(lineRate);
        aToB.reset(rate);
        bToA.reset(rate);
        plugged = true;
        // connected before the links come up: a device that transmits on link-up finds its wire
        a.connect(aToB);
        b.connect(bToA);
        if (!a.linkUp()) {
            a.setLinkUp(true);
        }
        if (!b.linkUp()) {
            b.setLinkUp(true);
        }
    }

    /** Pulls the cable: both ports disconnected, both links down. Counters stay. No effect when unplugged. */
    public void unplug() {
        if (!plugged) {
            return;
        }
        plugged = false;
        a.connect(null);
        b.connect(null);
        if (a.linkUp()) {
            a.setLinkUp(false);
        }
        if (b.linkUp()) {
            b.setLinkUp(false);
        }
    }

    /** Whether the cable is plugged in. */
    public boolean plugged() {
        return plugged;
    }

    /** The rate the cable carries in bit/s: the slower port's when last plugged. */
    public long lineRateBitsPerSecond() {
        return lineRate;
    }

    /** Port A. */
    public EthernetPort a() {
        return a;
    }

    /** Port B. */
    public EthernetPort b() {
        return b;
    }

    /** What A transmits toward B. */
    public Direction aToB() {
        return aToB;
    }

    /** What B transmits toward A. */
    public Direction bToA() {
        return bToA;
    }

    /** Frames the cable handed to {@code port}'s ingress, good and damaged: the "offered" of its conservation check. */
    public long offeredTo(EthernetPort port) {
        if (port == b) {
            return aToB.frames;
        }
        if (port == a) {
            return bToA.frames;
        }
        throw new IllegalArgumentException(port.deviceName() + " is not an end of cable " + this);
    }

    @Override
    public String toString() {
        return a.deviceName() + " <-> " + b.deviceName();
    }

    /**
     * One direction of the cable: the sink the transmitting port sends into, and what it carried.
     * Counters only grow (they survive unplugging).
     */
    public final class Direction implements FrameSink {
        private final EthernetPort from;
        private final EthernetPort to;
        private LineRate rate;
        private long busyUntil;
        private long frames;
        private long bytes;
        private long errored;
        private long overruns;
        private long droppedUnplugged;

        private Direction(EthernetPort from, EthernetPort to) {
            this.from = from;
            this.to = to;
        }

        private void reset(LineRate lineRate) {
            rate = lineRate;
            busyUntil = 0;
        }

        /** The transmitting port sends a frame: carried to the other port now. */
        @Override
        public void frame(MemorySegment frame, int length) {
            if (carry(length)) {
                to.frame(frame, length);
            }
        }

        /** The transmitting port sends a damaged frame: carried as damaged. */
        @Override
        public void erroredFrame(MemorySegment frame, int length, FrameError error) {
            if (carry(length)) {
                errored++;
                to.erroredFrame(frame, length, error);
            }
        }

        /** Counts a frame and occupies the wire; false (and counted as dropped) when the cable is out. */
        private boolean carry(int length) {
            if (!plugged) {
                // a port keeps transmitting into a sink it was disconnected from: a model bug, but counted
                droppedUnplugged++;
                return false;
            }
            long now = wire.nowNanos();
            if (now < busyUntil) {
                overruns++;
            }
            busyUntil = now + rate.nanos(EthernetPort.wireBits(length));
            frames++; // counted before handing it over: a receiver that throws has still been offered the frame
            bytes += length;
            return true;
        }

        /** The transmitting port. */
        public EthernetPort from() {
            return from;
        }

        /** The receiving port. */
        public EthernetPort to() {
            return to;
        }

        /** Frames carried, good and damaged. */
        public long frames() {
            return frames;
        }

        /** Bytes carried (frames without FCS), good and damaged. */
        public long bytes() {
            return bytes;
        }

        /** Damaged frames carried (through {@link #erroredFrame}); included in {@link #frames()}. */
        public long erroredFrames() {
            return errored;
        }

        /** Frames that started before the previous one had left the wire (carried anyway, see {@link Cable}). */
        public long overruns() {
            return overruns;
        }

        /** Frames sent into this direction while the cable was unplugged (not carried). */
        public long droppedUnplugged() {
            return droppedUnplugged;
        }

        /** Virtual time the wire is busy until with the last frame, in ns. */
        public long busyUntilNanos() {
            return busyUntil;
        }

        @Override
        public String toString() {
            return String.format("%s -> %s: %d frames, %d bytes, %d errored, %d overruns", from.deviceName(),
                    to.deviceName(), frames, bytes, errored, overruns);
        }
    }
}
