package io.jnetdev.hw.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The traffic generator: how many frames, when, what they carry, and the line-rate limit. */
class TrafficGeneratorTest {
    private static final long MS = 1_000_000L;

    /** Records each frame's arrival time and sequence number. */
    private static final class Recorder implements FrameSink {
        final ManualWire wire;
        final List<Long> times = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        int lastLength;
        byte[] last;

        Recorder(ManualWire wire) {
            this.wire = wire;
        }

        @Override
        public void frame(MemorySegment frame, int length) {
            times.add(wire.now);
            sequences.add(frame.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN),
                    TrafficGenerator.SEQUENCE_OFFSET));
            lastLength = length;
            last = frame.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    @Test
    void framesArriveAtTheirDueTimesInSequence() {
        ManualWire wire = new ManualWire();
        Recorder sink = new Recorder(wire);
        // 3 frames per ms: due at floor(i * 1e9 / 3000) ns
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(3000).frameSize(100).durationNanos(MS).build();
        g.start();
        wire.runUntil(10 * MS);
        assertThat(g.total()).isEqualTo(3);
        assertThat(sink.times).containsExactly(0L, 333_333L, 666_666L);
        assertThat(sink.sequences).containsExactly(0L, 1L, 2L);
        assertThat(g.done()).isTrue();
        assertThat(sink.lastLength).isEqualTo(100);
    }

    @Test
    void theFrameIsAWellFormedIpv4UdpDatagramToTheGivenAddress() {
        ManualWire wire = new ManualWire();
        Recorder sink = new Recorder(wire);
        TrafficGenerator.builder(wire, sink).fps(1).frameSize(60).durationNanos(1).destination(0x5254_0012_3456L).build().start();
        wire.runUntil(MS);
        byte[] f = sink.last;
        assertThat(f).startsWith(0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x45);
        assertThat(((f[16] & 0xFF) << 8) | (f[17] & 0xFF)).as("IPv4 total length").isEqualTo(60 - 14);
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        assertThat(sum).as("the IPv4 header checksum verifies").isEqualTo(0xFFFF);
        assertThat(f[23]).as("protocol UDP").isEqualTo((byte) 17);
    }

    @Test
    void aboveOneFramePerTickFramesComeInBurstsWithOneTimerEventEach() {
        ManualWire wire = new ManualWire();
        CountingSink sink = new CountingSink();
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(10_000_000).frameSize(60).durationNanos(MS)
                .minTickNanos(1_000).build();
        g.start();
        int expiries = wire.runUntil(2 * MS);
        assertThat(sink.frames()).isEqualTo(10_000);
        assertThat(expiries).as("one wake-up per microsecond, not per frame").isBetween(1_000, 1_001);
        assertThat(sink.lastLong(TrafficGenerator.SEQUENCE_OFFSET)).isEqualTo(9_999);
    }

    @Test
    void stopKeepsWhatWasOffered() {
        ManualWire wire = new ManualWire();
        CountingSink sink = new CountingSink();
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(1000).frameSize(60).durationNanos(10 * MS).build();
        g.start();
        wire.runUntil(4 * MS + 1);
        g.stop();
        wire.runUntil(20 * MS);
        assertThat(g.offered()).isEqualTo(5).isEqualTo(sink.frames());
        assertThat(g.done()).isTrue();
    }

    @Test
    void ratesAboveThePortsLineRateAndBadSizesAreRefused() {
        ManualWire wire = new ManualWire();
        EthernetPort port = new EthernetPort() {
            @Override
            public void frame(MemorySegment frame, int length) {}

            @Override
            public void erroredFrame(MemorySegment frame, int length, FrameError error) {}

            @Override
            public void connect(FrameSink egress) {}

            @Override
            public boolean linkUp() {
                return true;
            }

            @Override
            public void setLinkUp(boolean up) {}

            @Override
            public long lineRateBitsPerSecond() {
                return 1_000_000_000L;
            }

            @Override
            public long macAddress() {
                return 0x5254_0012_3456L;
            }

            @Override
            public String deviceName() {
                return "test";
            }
        };
        // 60-byte frames occupy 84 bytes of wire time with FCS, preamble and gap: 1e9 / 672 = 1,488,095 fps
        assertThat(TrafficGenerator.builder(wire, port).fps(1_488_095).frameSize(60).durationNanos(MS).build().total())
                .isEqualTo(1489);
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, port).fps(1_488_096).frameSize(60).durationNanos(MS).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1488095 fps");
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, port).fps(1).frameSize(1515).durationNanos(MS).build())
                .hasMessageContaining("outside 60..1514");
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, port).fps(0).frameSize(60).durationNanos(MS).build())
                .hasMessageContaining("at least 1 frame/s");
    }
}
