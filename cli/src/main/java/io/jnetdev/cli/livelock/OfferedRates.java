package io.jnetdev.cli.livelock;

import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.hw.wire.FrameSizeMix;
import io.jnetdev.hw.wire.TrafficGenerator;

/**
 * The offered rates of a sweep: {@code points} rates spaced evenly on a log scale from a
 * hundredth of the card's line rate for 60-byte frames up to the line rate itself, so that each
 * configuration is driven from well below its saturation to as far past it as its port allows.
 */
final class OfferedRates {
    /** The lowest rate is the line rate divided by this. */
    static final int SPAN = 100;

    private OfferedRates() {}

    /** The line rate of {@code config}'s port in frames/s of {@link PointRunner#FRAME}-byte frames. */
    static long lineRateFps(LivelockConfig config) {
        PciFunctionModel card = config.card().get();
        if (!(card instanceof NicModel nic)) {
            throw new IllegalArgumentException(config.label() + ": the card is not a NIC: " + card);
        }
        return TrafficGenerator.maxFps(FrameSizeMix.fixed(PointRunner.FRAME), null, nic.port().lineRateBitsPerSecond());
    }

    /** {@code points} ≥ 2 rates, ascending, the last one {@code lineFps}. */
    static long[] logSpaced(long lineFps, int points) {
        double lo = (double) lineFps / SPAN;
        long[] rates = new long[points];
        for (int i = 0; i < points; i++) {
            rates[i] = Math.round(lo * Math.pow((double) lineFps / lo, (double) i / (points - 1)));
        }
        rates[points - 1] = lineFps;
        return rates;
    }
}
