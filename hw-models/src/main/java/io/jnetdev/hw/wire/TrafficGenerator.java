package io.jnetdev.hw.wire;

import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import io.jnetdev.hw.WireContext;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * A traffic source on a wire (what a hardware packet generator or {@code pktgen} does): {@code fps}
 * frames per second for a duration, into a {@link FrameSink} — usually a NIC's {@link EthernetPort}.
 * Frame {@code i} is due at {@code start + floor(i * 1e9 / fps)} ns; the run offers
 * {@code ceil(duration * fps / 1e9)} frames.
 *
 * <p>What is sent:
 * <ul>
 *   <li>Sizes: one size ({@link Builder#frameSize}) or a {@link FrameSizeMix} ({@link Builder#sizeMix}),
 *       e.g. {@link FrameSizeMix#imix()}, in the mix's deterministic round-robin order.</li>
 *   <li>Bursts ({@link Builder#burst}): frames come in bursts of {@code k}, sent back to back at
 *       line rate (each frame starts when the previous one's wire time, {@link EthernetPort#wireBits},
 *       has passed); burst {@code b} is due when frame {@code b * k} would be at constant rate, so the
 *       mean rate stays {@code fps}.</li>
 *   <li>Bad frames ({@link Builder#badFrames}): runts and oversize frames through
 *       {@link FrameSink#frame} with their odd length, bad-FCS frames through
 *       {@link FrameSink#erroredFrame} with {@link FrameError#FCS}, at the deterministic places
 *       {@link BadFrameMix} says. Good frames follow the size mix among themselves.</li>
 * </ul>
 *
 * <p>When a line rate is known (the target port's, or {@link Builder#lineRate}), no frame starts
 * before the previous one has left the wire: a frame is sent at {@code max(due, end of the previous
 * frame)}. The rate check at build time uses the mean wire time (size mix and bad frames), so a
 * frame held back by a large one before it is caught up within the mix's cycle, and the generator
 * can feed a {@link Cable} without overrunning it; the last frames of a run may go out slightly after
 * {@code duration}.
 *
 * <p>The frames are deterministic IPv4/UDP datagrams (RFC 2544's benchmarking addresses
 * 198.18.0.1 → 198.18.0.2, UDP port 1024 → 9 "discard"), addressed to the destination MAC (the
 * port's station address, read when the generator starts) from the locally administered
 * 02:00:00:00:00:01. IPv4 and UDP lengths and the IPv4 checksum follow each frame's length. The 8
 * bytes after the UDP header carry the frame's sequence number (big-endian; every offered frame,
 * good or bad, takes the next number; a runt is too short to carry it), the rest a fixed pattern.
 * Lengths are what the port receives, without FCS.
 *
 * <p>Timing: the generator wakes at the due time of its next frame, but at most once per
 * {@code minTickNanos} (default {@value #DEFAULT_MIN_TICK_NANOS} ns) and sends everything due by then.
 * Up to {@code 1e9 / minTickNanos} fps each frame arrives at its own instant; above that, frames
 * come in batches of the frames due within one tick, which keeps the cost per frame low (one timer
 * event per batch; sending a frame allocates nothing). A batch shares one instant, so a generator that
 * feeds a {@link Cable} above that rate should use {@code minTickNanos(1)}, or the cable counts the
 * batching as overruns.
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
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int IP_TOTAL_LENGTH = 16;
    private static final int IP_CHECKSUM = 24;
    private static final int UDP_LENGTH = 38;

    private final WireContext wire;
    private final FrameSink target;
    private final EthernetPort port;
    private final long fixedDestination;
    private final long fps;
    private final FrameSizeMix mix;
    private final BadFrameMix badMix;
    private final int burst;
    private final LineRate lineRate;
    private final long durationNanos;
    private final long minTickNanos;
    private final String name;
    private final MemorySegment frame;
    private final DeviceTimer timer;
    private final long total;

    // per-frame tables, built once: the size cycle of good frames and the bad-frame layout
    private final int[] sizes;
    private final byte[] layout;
    private int sizeCursor;
    private int layoutCursor;

    // schedule, relative to the start: frame `offered` is due at nextDue; the current burst
    // (a burst of 1 without bursts) began at burstStart and has put burstBits on the wire so far
    private long nextDue;
    private long burstStart;
    private long burstBits;

    private int ipSumBase;
    private int writtenLength = -1;
    private long startNanos = -1;
    private long offered;
    private long offeredGood;
    private long offeredRunts;
    private long offeredOversize;
    private long offeredBadFcs;
    private boolean stopped;

    private TrafficGenerator(Builder b, FrameSizeMix mix, LineRate lineRate) {
        this.wire = b.wire;
        this.target = b.target;
        this.port = b.target instanceof EthernetPort p ? p : null;
        this.fixedDestination = b.destination;
        this.fps = b.fps;
        this.mix = mix;
        this.badMix = b.badFrames;
        this.burst = b.burst;
        this.lineRate = lineRate;
        this.durationNanos = b.durationNanos;
        this.minTickNanos = b.minTickNanos;
        this.name = b.name != null ? b.name : "traffic" + (port == null ? "" : " to " + port.deviceName());
        // frames [0, total): due time floor(i*1e9/fps) < duration  <=>  i < duration*fps/1e9
        this.total = (durationNanos / NANOS) * fps + Math.ceilDiv((durationNanos % NANOS) * fps, NANOS);
        this.sizes = mix.cycle();
        this.layout = badMix == null ? null : badMix.layout();
        int capacity = Math.max(MIN_FRAME, Math.max(mix.maxSize(), badMix == null ? 0 : badMix.maxSize()));
        this.frame = MemorySegment.ofArray(new byte[capacity]);
        this.timer = wire.newTimer(name, this::tick);
    }

    /**
     * The most frames per second of {@code mix} (with {@code bad} frames mixed in, or none when
     * null) that {@code lineRateBitsPerSecond} carries, preamble and inter-frame gap included: the
     * ceiling the builder enforces.
     */
    public static long maxFps(FrameSizeMix mix, BadFrameMix bad, long lineRateBitsPerSecond) {
        return Builder.maxFps(mix, bad, lineRateBitsPerSecond);
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

    /** Fills the frame template: everything but the length fields, the IPv4 checksum and the sequence number. */
    private void buildTemplate(long destination) {
        MemorySegment f = frame;
        putMac(f, 0, destination);
        putMac(f, 6, SOURCE_MAC);
        f.set(ValueLayout.JAVA_BYTE, 12, (byte) 0x08); // ethertype IPv4
        f.set(ValueLayout.JAVA_BYTE, 13, (byte) 0x00);
        byte[] ip = {
            0x45, 0, 0, 0,                               // version 4, IHL 5, total length (per frame)
            0, 0, 0x40, 0,                               // ID 0, don't fragment
            64, 17, 0, 0,                                // TTL 64, UDP, checksum (per frame)
            (byte) 198, 18, 0, 1,                        // 198.18.0.1
            (byte) 198, 18, 0, 2                         // 198.18.0.2
        };
        int sum = 0;
        for (int i = 0; i < ip.length; i += 2) {
            sum += ((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF);
        }
        ipSumBase = sum; // the header's sum without total length and checksum (both 0 here)
        MemorySegment.copy(MemorySegment.ofArray(ip), 0, f, 14, ip.length);
        byte[] udp = {0x04, 0x00, 0x00, 0x09, 0, 0, 0, 0}; // 1024 -> 9, length (per frame), no checksum
        MemorySegment.copy(MemorySegment.ofArray(udp), 0, f, 34, udp.length);
        for (int i = SEQUENCE_OFFSET + 8; i < f.byteSize(); i++) {
            f.set(ValueLayout.JAVA_BYTE, i, (byte) i);
        }
    }

    private static void putMac(MemorySegment f, int offset, long mac) {
        for (int i = 0; i < 6; i++) {
            f.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (mac >>> (40 - 8 * i)));
        }
    }

    /** Writes the IPv4 total length, its checksum and the UDP length for a frame of {@code length} bytes. */
    private void setLength(int length) {
        if (length == writtenLength) {
            return;
        }
        writtenLength = length;
        int ipLen = Math.max(length - 14, 0);
        int sum = ipSumBase + ipLen;
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        frame.set(BE_SHORT, IP_TOTAL_LENGTH, (short) ipLen);
        frame.set(BE_SHORT, IP_CHECKSUM, (short) ~sum);
        frame.set(BE_SHORT, UDP_LENGTH, (short) Math.max(ipLen - 20, 0));
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

    /** Virtual time frame {@code i} is due at the constant rate, relative to the start. */
    private long dueAt(long i) {
        return (i / fps) * NANOS + ((i % fps) * NANOS) / fps;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long elapsed = wire.nowNanos() - startNanos;
        while (offered < total && nextDue <= elapsed) {
            sendNext();
        }
        if (offered < total) {
            timer.schedule(Math.max(nextDue - elapsed, minTickNanos));
        }
    }

    /** Sends frame {@code offered}: picks its kind and size, counts it, schedules the next, hands it over. */
    private void sendNext() {
        byte kind = BadFrameMix.GOOD;
        if (layout != null) {
            kind = layout[layoutCursor];
            if (++layoutCursor == layout.length) {
                layoutCursor = 0;
            }
        }
        int length;
        switch (kind) {
            case BadFrameMix.RUNT -> {
                length = badMix.runtSize();
                offeredRunts++;
            }
            case BadFrameMix.OVERSIZE -> {
                length = badMix.oversizeSize();
                offeredOversize++;
            }
            case BadFrameMix.BAD_FCS -> {
                length = badMix.badFcsSize();
                offeredBadFcs++;
            }
            default -> {
                length = sizes[sizeCursor];
                if (++sizeCursor == sizes.length) {
                    sizeCursor = 0;
                }
                offeredGood++;
            }
        }
        setLength(length);
        frame.set(BE_LONG, SEQUENCE_OFFSET, offered);
        offered++; // counted before handing it over: a sink that throws has still been offered the frame
        scheduleAfter(length);
        if (kind == BadFrameMix.BAD_FCS) {
            target.erroredFrame(frame, length, FrameError.FCS);
        } else {
            target.frame(frame, length);
        }
    }

    /** Sets {@code nextDue} for frame {@code offered}, the previous one having been {@code length} bytes. */
    private void scheduleAfter(int length) {
        if (lineRate == null) {
            nextDue = dueAt(offered);
            return;
        }
        // back to back within a burst; a new burst (every frame without bursts) at its constant-rate
        // due time, but never before the wire is free
        burstBits += EthernetPort.wireBits(length);
        long wireFree = burstStart + lineRate.nanos(burstBits);
        if (offered % burst != 0) {
            nextDue = wireFree;
        } else {
            nextDue = Math.max(dueAt(offered), wireFree);
            burstStart = nextDue;
            burstBits = 0;
        }
    }

    /** Frames offered to the target so far: good, runts, oversize and bad FCS. */
    public long offered() {
        return offered;
    }

    /** Good frames offered so far (sizes of the mix, FCS right). */
    public long offeredGood() {
        return offeredGood;
    }

    /** Runts offered so far. */
    public long offeredRunts() {
        return offeredRunts;
    }

    /** Oversize frames offered so far. */
    public long offeredOversize() {
        return offeredOversize;
    }

    /** Bad-FCS frames offered so far (through {@link FrameSink#erroredFrame}). */
    public long offeredBadFcs() {
        return offeredBadFcs;
    }

    /** Frames the whole run offers. */
    public long total() {
        return total;
    }

    /** Whether every frame was offered (or the generator was stopped). */
    public boolean done() {
        return stopped || offered == total;
    }

    /** The mean rate in frames per second. */
    public long fps() {
        return fps;
    }

    /** The size of every good frame for a one-size run; -1 for a mix of sizes (see {@link #sizeMix()}). */
    public int frameSize() {
        return mix.isFixed() ? mix.entries().getFirst().size() : -1;
    }

    /** The sizes of the good frames. */
    public FrameSizeMix sizeMix() {
        return mix;
    }

    /** The bad frames of the run, or null when all are good. */
    public BadFrameMix badFrames() {
        return badMix;
    }

    /** Frames per burst; 1 without bursts. */
    public int burst() {
        return burst;
    }

    /** The line rate that bounds the generator in bit/s, or -1 when there is none (a plain sink). */
    public long lineRateBitsPerSecond() {
        return lineRate == null ? -1 : lineRate.bitsPerSecond();
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
        return String.format("%s: %d fps, %s%s%s, %d ns: offered %d of %d", name, fps, mix,
                burst > 1 ? ", bursts of " + burst : "", badMix == null ? "" : ", " + badMix, durationNanos, offered, total);
    }

    /**
     * Settings of a {@link TrafficGenerator}; {@link #fps}, {@link #durationNanos} and one of
     * {@link #frameSize} / {@link #sizeMix} (the last given wins) are required.
     */
    public static final class Builder {
        private final WireContext wire;
        private final FrameSink target;
        private long fps = -1;
        private int frameSize = -1;
        private FrameSizeMix sizeMix;
        private BadFrameMix badFrames;
        private int burst = 1;
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

        /** Mean frames per second, at least 1. */
        public Builder fps(long framesPerSecond) {
            this.fps = framesPerSecond;
            return this;
        }

        /** Every good frame this many bytes without FCS, {@value TrafficGenerator#MIN_FRAME}..{@value TrafficGenerator#MAX_FRAME}. */
        public Builder frameSize(int bytes) {
            this.frameSize = bytes;
            this.sizeMix = null;
            return this;
        }

        /** Good frames of these sizes, in the mix's order (instead of {@link #frameSize}). */
        public Builder sizeMix(FrameSizeMix mix) {
            this.sizeMix = java.util.Objects.requireNonNull(mix, "mix");
            this.frameSize = -1;
            return this;
        }

        /** Frames in bursts of {@code framesPerBurst}, back to back at line rate; 1 (the default) means no bursts. */
        public Builder burst(int framesPerBurst) {
            if (framesPerBurst < 1) {
                throw new IllegalArgumentException("a burst is at least 1 frame, not " + framesPerBurst);
            }
            this.burst = framesPerBurst;
            return this;
        }

        /** Runts, oversize and bad-FCS frames among the good ones; null for none (the default). */
        public Builder badFrames(BadFrameMix mix) {
            this.badFrames = mix;
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

        /**
         * The wire's line rate in bit/s, which the mean rate may not exceed and at which bursts go out
         * (default: the port's; none for a plain sink; 0 or less: none).
         */
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
            FrameSizeMix mix = sizeMix != null ? sizeMix : FrameSizeMix.fixed(frameSize);
            if (durationNanos < 0) {
                throw new IllegalArgumentException("traffic duration must be given and not negative, not " + durationNanos);
            }
            if (burst > 1 && lineRate <= 0) {
                throw new IllegalArgumentException("bursts of " + burst + " frames go out back to back at line rate, and "
                        + "this target (not an EthernetPort) has none: set lineRate(bit/s)");
            }
            if (lineRate > 0) {
                long maxFps = maxFps(mix, badFrames, lineRate);
                if (fps > maxFps) {
                    throw new IllegalArgumentException(String.format(
                            "%d fps of %s%s exceed the line rate of %d bit/s: at most %d fps", fps, mix,
                            badFrames == null ? "" : " with " + badFrames, lineRate, maxFps));
                }
            }
            return new TrafficGenerator(this, mix, lineRate > 0 ? new LineRate(lineRate) : null);
        }

        /**
         * The highest mean rate at {@code lineRate}: line rate over the mean wire time of a frame, bad
         * frames included — per bad-frame period, the bad frames' bits plus the good frames' share of
         * the size mix's cycle. Exact (rounded down).
         */
        static long maxFps(FrameSizeMix mix, BadFrameMix bad, long lineRate) {
            BigInteger cycle = BigInteger.valueOf(mix.cycleLength());
            BigInteger cycleBits = BigInteger.valueOf(mix.cycleWireBits());
            BigInteger period = BigInteger.ONE;
            BigInteger periodBits = cycleBits; // in units of 1/cycle bit
            if (bad != null) {
                period = BigInteger.valueOf(bad.period());
                periodBits = BigInteger.valueOf(bad.badWireBits()).multiply(cycle)
                        .add(BigInteger.valueOf(bad.goodPerPeriod()).multiply(cycleBits));
            }
            return BigInteger.valueOf(lineRate).multiply(period).multiply(cycle).divide(periodBits).longValueExact();
        }
    }
}
