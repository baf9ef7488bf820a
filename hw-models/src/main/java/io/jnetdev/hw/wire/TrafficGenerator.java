package io.jnetdev.hw.wire;

import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameSink;
import io.jnetdev.hw.WireContext;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A constant-rate traffic source on a wire (what a hardware packet generator or {@code pktgen}
 * does): {@code fps} frames per second of one size for a duration, into a {@link FrameSink} —
 * usually a NIC's {@link EthernetPort}. Frame {@code i} is due at {@code start + floor(i * 1e9 / fps)}
 * ns; the run offers {@code ceil(duration * fps / 1e9)} frames.
 *
 * <p>The frames are deterministic IPv4/UDP datagrams (RFC 2544's benchmarking addresses
 * 198.18.0.1 → 198.18.0.2, UDP port 1024 → 9 "discard"), addressed to the destination MAC (the
 * port's station address, read when the generator starts) from the locally administered
 * 02:00:00:00:00:01. The 8 bytes after the UDP header carry the frame's sequence number (big-endian),
 * the rest a fixed pattern. The length is what the port receives, without FCS: 60..1514 bytes.
 *
 * <p>Timing: the generator wakes at the due time of its next frame, but at most once per
 * {@code minTickNanos} (default {@value #DEFAULT_MIN_TICK_NANOS} ns) and sends everything due by then.
 * Up to {@code 1e9 / minTickNanos} fps each frame arrives at its own instant; above that, frames
 * come in bursts of the frames due within one tick, which keeps the cost per frame low (one timer
 * event per burst; sending a frame allocates nothing).
 *
 * <p>Quick use, e.g. from a shell command: {@code TrafficGenerator.start(machine.wireContext(),
 * machine.portOf("eth0"), 100_000, 64, 10_000_000)} and then run the machine.
 */
public final class TrafficGenerator {
    /** Default shortest interval between two wake-ups: 1 µs. */
    public static final long DEFAULT_MIN_TICK_NANOS = 1_000;
    /** Smallest frame: {@code ETH_ZLEN}. */
    public static final int MIN_FRAME = 60;
    /** Largest frame without VLAN tag: {@code ETH_FRAME_LEN}. */
    public static final int MAX_FRAME = 1514;
    /** The source address of every frame: 02:00:00:00:00:01. */
    public static final long SOURCE_MAC = 0x0200_0000_0001L;
    /** Offset of the sequence number in a frame: Ethernet (14) + IPv4 (20) + UDP (8). */
    public static final int SEQUENCE_OFFSET = 42;

    private static final long NANOS = 1_000_000_000L;
    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final WireContext wire;
    private final FrameSink target;
    private final EthernetPort port;
    private final long fixedDestination;
    private final long fps;
    private final int frameSize;
    private final long durationNanos;
    private final long minTickNanos;
    private final String name;
    private final MemorySegment frame;
    private final DeviceTimer timer;
    private final long total;
    private long startNanos = -1;
    private long offered;
    private boolean stopped;

    private TrafficGenerator(Builder b) {
        this.wire = b.wire;
        this.target = b.target;
        this.port = b.target instanceof EthernetPort p ? p : null;
        this.fixedDestination = b.destination;
        this.fps = b.fps;
        this.frameSize = b.frameSize;
        this.durationNanos = b.durationNanos;
        this.minTickNanos = b.minTickNanos;
        this.name = b.name != null ? b.name : "traffic" + (port == null ? "" : " to " + port.deviceName());
        // frames [0, total): due time floor(i*1e9/fps) < duration  <=>  i < duration*fps/1e9
        this.total = (durationNanos / NANOS) * fps + Math.ceilDiv((durationNanos % NANOS) * fps, NANOS);
        this.frame = MemorySegment.ofArray(new byte[frameSize]);
        this.timer = wire.newTimer(name, this::tick);
    }

    /**
     * Starts {@code fps} frames per second of {@code frameSize} bytes for {@code durationNanos} into
     * {@code port}, addressed to its station address, now. Refuses rates above the port's line rate.
     */
    public static TrafficGenerator start(WireContext wire, EthernetPort port, long fps, int frameSize, long durationNanos) {
        TrafficGenerator g = builder(wire, port).fps(fps).frameSize(frameSize).durationNanos(durationNanos).build();
        g.start();
        return g;
    }

    /** A generator into {@code target}; when the target is an {@link EthernetPort}, frames go to its address at its line rate at most. */
    public static Builder builder(WireContext wire, FrameSink target) {
        return new Builder(wire, target);
    }

    /** Fills the frame template (everything but the destination and the sequence number). */
    private void buildTemplate(long destination) {
        MemorySegment f = frame;
        putMac(f, 0, destination);
        putMac(f, 6, SOURCE_MAC);
        f.set(ValueLayout.JAVA_BYTE, 12, (byte) 0x08); // ethertype IPv4
        f.set(ValueLayout.JAVA_BYTE, 13, (byte) 0x00);
        int ipLen = frameSize - 14;
        byte[] ip = {
            0x45, 0, (byte) (ipLen >>> 8), (byte) ipLen, // version 4, IHL 5, total length
            0, 0, 0x40, 0,                               // ID 0, don't fragment
            64, 17, 0, 0,                                // TTL 64, UDP, checksum (below)
            (byte) 198, 18, 0, 1,                        // 198.18.0.1
            (byte) 198, 18, 0, 2                         // 198.18.0.2
        };
        int sum = 0;
        for (int i = 0; i < ip.length; i += 2) {
            sum += ((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = ~sum & 0xFFFF;
        ip[10] = (byte) (checksum >>> 8);
        ip[11] = (byte) checksum;
        MemorySegment.copy(MemorySegment.ofArray(ip), 0, f, 14, ip.length);
        int udpLen = ipLen - 20;
        byte[] udp = {0x04, 0x00, 0x00, 0x09, (byte) (udpLen >>> 8), (byte) udpLen, 0, 0}; // 1024 -> 9, no checksum
        MemorySegment.copy(MemorySegment.ofArray(udp), 0, f, 34, udp.length);
        for (int i = SEQUENCE_OFFSET + 8; i < frameSize; i++) {
            f.set(ValueLayout.JAVA_BYTE, i, (byte) i);
        }
    }

    private static void putMac(MemorySegment f, int offset, long mac) {
        for (int i = 0; i < 6; i++) {
            f.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (mac >>> (40 - 8 * i)));
        }
    }

    /** Starts sending now. A generator runs once. */
    public void start() {
        if (startNanos >= 0) {
            throw new IllegalStateException(name + " was already started");
        }
        buildTemplate(fixedDestination >= 0 ? fixedDestination : port != null ? port.macAddress() : 0xFFFF_FFFF_FFFFL);
        startNanos = wire.nowNanos();
        if (total > 0) {
            timer.schedule(0);
        }
    }

    /** Stops before the end; what was offered stays counted. */
    public void stop() {
        stopped = true;
        timer.cancel();
    }

    /** Virtual time frame {@code i} is due, relative to the start. */
    private long dueAt(long i) {
        return (i / fps) * NANOS + ((i % fps) * NANOS) / fps;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long elapsed = wire.nowNanos() - startNanos;
        while (offered < total && dueAt(offered) <= elapsed) {
            frame.set(BE_LONG, SEQUENCE_OFFSET, offered);
            offered++; // counted before handing it over: a sink that throws has still been offered the frame
            target.frame(frame, frameSize);
        }
        if (offered < total) {
            timer.schedule(Math.max(dueAt(offered) - elapsed, minTickNanos));
        }
    }

    /** Frames offered to the target so far. */
    public long offered() {
        return offered;
    }

    /** Frames the whole run offers. */
    public long total() {
        return total;
    }

    /** Whether every frame was offered (or the generator was stopped). */
    public boolean done() {
        return stopped || offered == total;
    }

    public long fps() {
        return fps;
    }

    public int frameSize() {
        return frameSize;
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** Virtual time the generator started, or -1 before {@link #start()}. */
    public long startNanos() {
        return startNanos;
    }

    @Override
    public String toString() {
        return String.format("%s: %d fps, %d-byte frames, %d ns: offered %d of %d", name, fps, frameSize, durationNanos,
                offered, total);
    }

    /** Settings of a {@link TrafficGenerator}; {@link #fps}, {@link #frameSize} and {@link #durationNanos} are required. */
    public static final class Builder {
        private final WireContext wire;
        private final FrameSink target;
        private long fps = -1;
        private int frameSize = -1;
        private long durationNanos = -1;
        private long destination = -1;
        private long minTickNanos = DEFAULT_MIN_TICK_NANOS;
        private long lineRate = -1;
        private String name;

        private Builder(WireContext wire, FrameSink target) {
            this.wire = java.util.Objects.requireNonNull(wire, "wire");
            this.target = java.util.Objects.requireNonNull(target, "target");
            if (target instanceof EthernetPort p) {
                lineRate = p.lineRateBitsPerSecond();
            }
        }

        /** Frames per second, at least 1. */
        public Builder fps(long framesPerSecond) {
            this.fps = framesPerSecond;
            return this;
        }

        /** Bytes per frame without FCS, {@value TrafficGenerator#MIN_FRAME}..{@value TrafficGenerator#MAX_FRAME}. */
        public Builder frameSize(int bytes) {
            this.frameSize = bytes;
            return this;
        }

        /** How long to send, in virtual nanoseconds. */
        public Builder durationNanos(long nanos) {
            this.durationNanos = nanos;
            return this;
        }

        /** Destination MAC (48 bits); default: the port's station address, or broadcast for a plain sink. */
        public Builder destination(long mac) {
            if ((mac & ~0xFFFF_FFFF_FFFFL) != 0) {
                throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(mac));
            }
            this.destination = mac;
            return this;
        }

        /** Shortest interval between two wake-ups; frames due meanwhile go out together. */
        public Builder minTickNanos(long nanos) {
            if (nanos < 1) {
                throw new IllegalArgumentException("minimum tick must be at least 1 ns, not " + nanos);
            }
            this.minTickNanos = nanos;
            return this;
        }

        /** The wire's line rate in bit/s, which the rate may not exceed (default: the port's; none for a plain sink). */
        public Builder lineRate(long bitsPerSecond) {
            this.lineRate = bitsPerSecond;
            return this;
        }

        /** The timer's name in the machine's event trace. */
        public Builder name(String timerName) {
            this.name = timerName;
            return this;
        }

        public TrafficGenerator build() {
            if (fps < 1) {
                throw new IllegalArgumentException("traffic rate must be at least 1 frame/s, not " + fps);
            }
            if (frameSize < MIN_FRAME || frameSize > MAX_FRAME) {
                throw new IllegalArgumentException("frame size " + frameSize + " outside " + MIN_FRAME + ".." + MAX_FRAME
                        + " bytes (without FCS)");
            }
            if (durationNanos < 0) {
                throw new IllegalArgumentException("traffic duration must be given and not negative, not " + durationNanos);
            }
            if (lineRate > 0) {
                long maxFps = lineRate / EthernetPort.wireBits(frameSize);
                if (fps > maxFps) {
                    throw new IllegalArgumentException(String.format(
                            "%d fps of %d-byte frames exceed the line rate of %d bit/s: at most %d fps",
                            fps, frameSize, lineRate, maxFps));
                }
            }
            return new TrafficGenerator(this);
        }
    }
}
