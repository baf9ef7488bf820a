package io.jnetdev.hw.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's frame-size mixes, bursts and bad frames: proportions, timing, line-rate bounds, validation. */
class TrafficGeneratorMixTest {
    private static final long MS = 1_000_000L;
    private static final long GBIT = 1_000_000_000L;

    private static FakePort gigabitPort() {
        return new FakePort("dut", 0x5254_0012_3456L, GBIT);
    }

    /** The highest IMIX rate at 1 Gb/s worked out from the profile: 12 frames per cycle over their wire bits. */
    private static long imixMaxFps() {
        long cycleBits = 7 * EthernetPort.wireBits(60) + 4 * EthernetPort.wireBits(590) + EthernetPort.wireBits(1514);
        return GBIT * 12 / cycleBits;
    }

    @Test
    void imixIsSevenFourOneOf60And590And1514InTheDocumentedOrder() {
        FrameSizeMix imix = FrameSizeMix.imix();
        assertThat(imix.cycle()).containsExactly(60, 590, 60, 60, 590, 60, 1514, 60, 590, 60, 590, 60);
        assertThat(imix.cycleLength()).isEqualTo(12);
        assertThat(imix.meanSize()).isEqualTo((7 * 60 + 4 * 590 + 1514) / 12.0);
        assertThat(FrameSizeMix.fixed(128).cycle()).containsExactly(128);
    }

    @Test
    void mixProportionsHoldOverEveryCycleAndTheMeanRateIsFps() {
        ManualWire wire = new ManualWire();
        RecordingSink sink = new RecordingSink(wire);
        // 100,000 fps: 10 us apart, less than a 1514-byte frame's 12.304 us on the wire, so the frame
        // after each one is held back and the mix still averages out to fps
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(100_000).sizeMix(FrameSizeMix.imix())
                .lineRate(GBIT).durationNanos(120 * MS).minTickNanos(1).build();
        g.start();
        wire.runUntil(200 * MS);
        int n = sink.size();
        assertThat(n).isEqualTo(12_000).isEqualTo((int) g.offered()).isEqualTo((int) g.offeredGood());
        int[] count = new int[3];
        int[] sizes = {60, 590, 1514};
        int[] weights = {7, 4, 1};
        for (int i = 0; i < n; i++) {
            count[List.of(60, 590, 1514).indexOf(sink.length(i))]++;
            for (int k = 0; k < 3; k++) {
                assertThat(Math.abs(count[k] - (i + 1) * weights[k] / 12.0))
                        .as("%d-byte frames after %d frames stay within one of their share", sizes[k], i + 1).isLessThan(1.0);
            }
            if ((i + 1) % 12 == 0) {
                assertThat(count).as("after %d frames (whole cycles)", i + 1)
                        .containsExactly(7 * (i + 1) / 12, 4 * (i + 1) / 12, (i + 1) / 12);
            }
        }
        for (int i = 1; i < n; i++) {
            long nominal = i * 10_000L;
            assertThat(sink.time(i)).as("frame %d: at its due time or held back by at most one big frame", i)
                    .isBetween(nominal, nominal + EthernetPort.wireBits(1514));
            assertThat(sink.time(i) - sink.time(i - 1)).as("frame %d starts after frame %d left the wire", i, i - 1)
                    .isGreaterThanOrEqualTo(EthernetPort.wireBits(sink.length(i - 1)));
        }
        double meanFps = (n - 1) * 1e9 / (sink.time(n - 1) - sink.time(0));
        assertThat(meanFps).as("mean rate").isCloseTo(100_000, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void imixIsBoundByTheLineRateOnTheMeanWireTimeAndFillsTheWireAtThatRate() {
        ManualWire wire = new ManualWire();
        FakePort port = gigabitPort();
        long max = imixMaxFps();
        assertThat(max).as("1e9 * 12 / 36656 bits").isEqualTo(327_367);
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, port).fps(max + 1).sizeMix(FrameSizeMix.imix())
                .durationNanos(MS).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + max + " fps");

        RecordingSink sink = new RecordingSink(wire);
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(max).sizeMix(FrameSizeMix.imix())
                .lineRate(port.lineRateBitsPerSecond()).durationNanos(10 * MS).minTickNanos(1).build();
        g.start();
        wire.runUntil(20 * MS);
        int n = sink.size();
        assertThat((long) n).isEqualTo(g.total());
        long bits = 0;
        for (int i = 1; i < n; i++) {
            assertThat(sink.time(i) - sink.time(i - 1)).as("frame %d does not overlap frame %d on the wire", i, i - 1)
                    .isGreaterThanOrEqualTo(EthernetPort.wireBits(sink.length(i - 1)));
            bits += EthernetPort.wireBits(sink.length(i - 1));
        }
        assertThat((double) bits / (sink.time(n - 1) - sink.time(0))).as("wire utilisation (bit/ns at 1 Gb/s)")
                .isBetween(0.99, 1.0);
    }

    @Test
    void eachFrameCarriesIpv4AndUdpLengthsOfItsOwnSizeWithAValidChecksum() {
        ManualWire wire = new ManualWire();
        RecordingSink sink = new RecordingSink(wire);
        TrafficGenerator.builder(wire, sink).fps(1_000).sizeMix(FrameSizeMix.imix()).durationNanos(12 * MS).build().start();
        wire.runUntil(20 * MS);
        assertThat(sink.firstFrames).hasSize(12);
        for (byte[] f : sink.firstFrames) {
            assertThat(u16(f, 16)).as("IPv4 total length of a %d-byte frame", f.length).isEqualTo(f.length - 14);
            assertThat(u16(f, 38)).as("UDP length of a %d-byte frame", f.length).isEqualTo(f.length - 34);
            int sum = 0;
            for (int i = 14; i < 34; i += 2) {
                sum += u16(f, i);
            }
            sum = (sum & 0xFFFF) + (sum >>> 16);
            assertThat(sum).as("IPv4 checksum of a %d-byte frame verifies", f.length).isEqualTo(0xFFFF);
            assertThat(f[f.length - 1]).as("payload pattern up to the end").isEqualTo((byte) (f.length - 1));
        }
    }

    private static int u16(byte[] f, int offset) {
        return ((f[offset] & 0xFF) << 8) | (f[offset + 1] & 0xFF);
    }

    @Test
    void burstsGoBackToBackAtLineRateAndStartWhereConstantRateWouldPutThem() {
        ManualWire wire = new ManualWire();
        RecordingSink sink = new RecordingSink(wire);
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(100_000).frameSize(60).burst(8).lineRate(GBIT)
                .durationNanos(MS).minTickNanos(1).build();
        g.start();
        wire.runUntil(2 * MS);
        assertThat(sink.size()).isEqualTo(100);
        long backToBack = EthernetPort.wireBits(60) * 1_000_000_000L / GBIT; // 672 ns
        for (int i = 0; i < sink.size(); i++) {
            if (i % 8 == 0) {
                assertThat(sink.time(i)).as("burst %d starts at frame %d's constant-rate due time", i / 8, i)
                        .isEqualTo(i * 1_000_000_000L / 100_000);
            } else {
                assertThat(sink.time(i) - sink.time(i - 1)).as("frame %d back to back", i).isEqualTo(backToBack);
            }
        }
        // 12 whole bursts: 96 frames from the first burst's start to the 13th's
        assertThat(96 * 1e9 / (sink.time(96) - sink.time(0))).as("mean rate").isEqualTo(100_000.0);
        assertThat(g.burst()).isEqualTo(8);
    }

    @Test
    void burstSpacingIsEachFramesOwnWireTimeAtTheGivenRate() {
        ManualWire wire = new ManualWire();
        RecordingSink sink = new RecordingSink(wire);
        long tenGbit = 10 * GBIT;
        TrafficGenerator.builder(wire, sink).fps(50_000).sizeMix(FrameSizeMix.imix()).burst(12).lineRate(tenGbit)
                .durationNanos(MS).minTickNanos(1).build().start();
        wire.runUntil(2 * MS);
        assertThat(sink.size()).isEqualTo(50);
        for (int burstStart = 0; burstStart < sink.size(); burstStart += 12) {
            long bits = 0;
            for (int i = burstStart + 1; i < Math.min(burstStart + 12, sink.size()); i++) {
                bits += EthernetPort.wireBits(sink.length(i - 1));
                assertThat(sink.time(i) - sink.time(burstStart)).as("frame %d: the burst's wire time so far", i)
                        .isEqualTo(bits * 1_000_000_000L / tenGbit);
            }
        }
    }

    @Test
    void burstsNeedALineRateAndAtLeastOneFrame() {
        ManualWire wire = new ManualWire();
        CountingSink sink = new CountingSink();
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, sink).burst(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 frame, not 0");
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, sink).fps(10).frameSize(60).burst(4).durationNanos(MS).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at line rate").hasMessageContaining("lineRate");
        assertThat(TrafficGenerator.builder(wire, sink).fps(10).frameSize(60).burst(1).durationNanos(MS).build().burst())
                .as("a burst of one is no burst and needs no line rate").isEqualTo(1);
        assertThat(TrafficGenerator.builder(wire, gigabitPort()).fps(10).frameSize(60).burst(4).durationNanos(MS).build()
                .lineRateBitsPerSecond()).as("a port brings its line rate").isEqualTo(GBIT);
    }

    @Test
    void everyNthFrameIsARuntAnOversizeOrABadFcsFrameInTurn() {
        ManualWire wire = new ManualWire();
        RecordingSink sink = new RecordingSink(wire);
        TrafficGenerator g = TrafficGenerator.builder(wire, sink).fps(1_000_000).frameSize(60)
                .badFrames(BadFrameMix.everyNth(10)).durationNanos(3 * MS).build();
        g.start();
        wire.runUntil(4 * MS);
        assertThat(sink.size()).isEqualTo(3000);
        int[] kinds = new int[4];
        for (int i = 0; i < sink.size(); i++) {
            int len = sink.length(i);
            FrameError error = sink.errors.get(i);
            if ((i + 1) % 10 != 0) {
                assertThat(len).as("frame %d is good", i).isEqualTo(60);
                assertThat(error).as("frame %d is good", i).isNull();
                kinds[0]++;
                continue;
            }
            switch ((i + 1) / 10 % 3) {
                case 1 -> {
                    assertThat(len).as("frame %d is a runt", i).isEqualTo(BadFrameMix.DEFAULT_RUNT);
                    assertThat(error).isNull();
                    kinds[1]++;
                }
                case 2 -> {
                    assertThat(len).as("frame %d is oversize", i).isEqualTo(BadFrameMix.DEFAULT_OVERSIZE);
                    assertThat(error).isNull();
                    kinds[2]++;
                }
                default -> {
                    assertThat(len).as("frame %d is a bad-FCS frame", i).isEqualTo(BadFrameMix.DEFAULT_BAD_FCS);
                    assertThat(error).as("frame %d arrives through erroredFrame", i).isEqualTo(FrameError.FCS);
                    kinds[3]++;
                }
            }
        }
        assertThat(kinds).containsExactly(2700, 100, 100, 100);
        assertThat(new long[] {g.offeredGood(), g.offeredRunts(), g.offeredOversize(), g.offeredBadFcs(), g.offered()})
                .containsExactly(2700, 100, 100, 100, 3000);
        byte[] oversize = sink.firstFrames.get(19);
        assertThat(oversize).as("the 20th frame, oversize, is filled to its end").hasSize(1600);
        assertThat(oversize[1599]).isEqualTo((byte) 1599);
    }

    @Test
    void badFramesInAMixLeaveTheGoodFramesTheirOwnSizeOrderAndReachACountingSink() {
        ManualWire wire = new ManualWire();
        RecordingSink recorder = new RecordingSink(wire);
        BadFrameMix bad = BadFrameMix.of(100, 2, 1, 3);
        TrafficGenerator g = TrafficGenerator.builder(wire, recorder).fps(100_000).sizeMix(FrameSizeMix.imix())
                .badFrames(bad).durationNanos(12 * MS).build();
        g.start();
        wire.runUntil(20 * MS);
        assertThat(new long[] {g.offeredGood(), g.offeredRunts(), g.offeredOversize(), g.offeredBadFcs()})
                .as("12 periods of 100").containsExactly(12 * 94, 12 * 2, 12 * 1, 12 * 3);
        int[] cycle = FrameSizeMix.imix().cycle();
        int good = 0;
        for (int i = 0; i < recorder.size(); i++) {
            int len = recorder.length(i);
            if (recorder.errors.get(i) == null && len >= 60 && len <= 1514) {
                assertThat(len).as("good frame %d (frame %d) follows the mix", good, i).isEqualTo(cycle[good % 12]);
                good++;
            }
        }
        assertThat(good).isEqualTo(12 * 94);

        CountingSink counting = new CountingSink();
        TrafficGenerator g2 = TrafficGenerator.builder(wire, counting).fps(100_000).sizeMix(FrameSizeMix.imix())
                .badFrames(bad).durationNanos(12 * MS).build();
        g2.start();
        wire.runUntil(40 * MS);
        assertThat(counting.frames()).as("good, runts and oversize come through frame()")
                .isEqualTo(g2.offeredGood() + g2.offeredRunts() + g2.offeredOversize());
        assertThat(counting.erroredFrames(FrameError.FCS)).isEqualTo(g2.offeredBadFcs()).isEqualTo(36);
        assertThat(counting.erroredFrames()).isEqualTo(36);
    }

    @Test
    void theLineRateCheckCountsTheBadFramesWireTime() {
        ManualWire wire = new ManualWire();
        FakePort port = gigabitPort();
        BadFrameMix bad = BadFrameMix.everyNth(2); // per 6 frames: 3 good of 60, a runt (padded to 60), 1600, 60 bad FCS
        long periodBits = 5 * EthernetPort.wireBits(60) + EthernetPort.wireBits(1600);
        long max = GBIT * 6 / periodBits;
        assertThat(TrafficGenerator.builder(wire, port).fps(max).frameSize(60).badFrames(bad).durationNanos(MS).build()
                .total()).isPositive();
        assertThatThrownBy(() -> TrafficGenerator.builder(wire, port).fps(max + 1).frameSize(60).badFrames(bad)
                .durationNanos(MS).build()).hasMessageContaining("at most " + max + " fps");
    }

    @Test
    void badMixesAndSizeMixesAreValidated() {
        assertThatThrownBy(() -> BadFrameMix.of(3, 1, 1, 1)).hasMessageContaining("leave no good frames");
        assertThatThrownBy(() -> BadFrameMix.of(10, 0, 0, 0)).hasMessageContaining("at least one bad frame");
        assertThatThrownBy(() -> BadFrameMix.of(10, -1, 2, 0)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> BadFrameMix.of(1, 0, 0, 0)).hasMessageContaining("period must be 2..");
        assertThatThrownBy(() -> BadFrameMix.everyNth(1)).hasMessageContaining("n in 2..");
        assertThatThrownBy(() -> BadFrameMix.of(10, 1, 0, 0).withSizes(60, 1600, 60)).hasMessageContaining("a runt is 1..59");
        assertThatThrownBy(() -> BadFrameMix.of(10, 1, 0, 0).withSizes(40, 1514, 60))
                .hasMessageContaining("an oversize frame is 1515..");
        assertThatThrownBy(() -> BadFrameMix.of(10, 1, 0, 0).withSizes(40, 1600, 59))
                .hasMessageContaining("a bad-FCS frame is 60..1514");

        assertThatThrownBy(() -> FrameSizeMix.of(new FrameSizeMix.Entry(60, 0)))
                .hasMessageContaining("weight of 60-byte frames must be at least 1");
        assertThatThrownBy(() -> FrameSizeMix.of(new FrameSizeMix.Entry(59, 1))).hasMessageContaining("outside 60..1514");
        assertThatThrownBy(() -> FrameSizeMix.fixed(1515)).hasMessageContaining("outside 60..1514");
        assertThatThrownBy(() -> FrameSizeMix.of()).hasMessageContaining("at least one size");
        assertThatThrownBy(() -> FrameSizeMix.of(new FrameSizeMix.Entry(60, 1), new FrameSizeMix.Entry(60, 2)))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> FrameSizeMix.of(new FrameSizeMix.Entry(60, 1 << 20), new FrameSizeMix.Entry(61, 1)))
                .hasMessageContaining("divide them");
    }

    @Test
    void theLastOfFrameSizeAndSizeMixWins() {
        ManualWire wire = new ManualWire();
        CountingSink sink = new CountingSink();
        TrafficGenerator a = TrafficGenerator.builder(wire, sink).fps(1).durationNanos(1).frameSize(100)
                .sizeMix(FrameSizeMix.imix()).build();
        assertThat(a.sizeMix()).isEqualTo(FrameSizeMix.imix());
        assertThat(a.frameSize()).as("no single size for a mix").isEqualTo(-1);
        TrafficGenerator b = TrafficGenerator.builder(wire, sink).fps(1).durationNanos(1).sizeMix(FrameSizeMix.imix())
                .frameSize(100).build();
        assertThat(b.frameSize()).isEqualTo(100);
        assertThat(b.sizeMix()).isEqualTo(FrameSizeMix.fixed(100));
    }
}
