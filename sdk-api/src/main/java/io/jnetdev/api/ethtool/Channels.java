package io.jnetdev.api.ethtool;

/**
 * {@code struct ethtool_channels}: how many interrupt/queue channels of each kind the device has
 * and can have. A combined channel serves one receive and one transmit queue; "other" channels
 * serve neither (link interrupts, for instance). Values are unsigned in Linux; negative ones are
 * refused here.
 *
 * @param maxRx         most receive-only channels
 * @param maxTx         most transmit-only channels
 * @param maxOther      most other channels
 * @param maxCombined   most combined channels
 * @param rxCount       receive-only channels now ({@code ethtool -L DEV rx N})
 * @param txCount       transmit-only channels now ({@code tx})
 * @param otherCount    other channels now ({@code other})
 * @param combinedCount combined channels now ({@code combined})
 */
public record Channels(int maxRx, int maxTx, int maxOther, int maxCombined,
                       int rxCount, int txCount, int otherCount, int combinedCount) {
    public Channels {
        int[] all = {maxRx, maxTx, maxOther, maxCombined, rxCount, txCount, otherCount, combinedCount};
        for (int v : all) {
            if (v < 0) {
                throw new IllegalArgumentException("channel counts are unsigned: " + v);
            }
        }
    }

    /** The same maxima with other current counts. */
    public Channels withCounts(int rx, int tx, int other, int combined) {
        return new Channels(maxRx, maxTx, maxOther, maxCombined, rx, tx, other, combined);
    }

    /** Whether the current counts equal those of {@code o} (the maxima are not compared). */
    public boolean sameCounts(Channels o) {
        return rxCount == o.rxCount && txCount == o.txCount && otherCount == o.otherCount
                && combinedCount == o.combinedCount;
    }
}
