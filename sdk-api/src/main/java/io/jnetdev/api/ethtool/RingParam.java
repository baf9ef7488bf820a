package io.jnetdev.api.ethtool;

/**
 * {@code struct ethtool_ringparam}: descriptor ring sizes and their maxima. A maximum of 0 means
 * the device has no such ring (ethtool shows "n/a"). Values are unsigned in Linux; negative ones
 * are refused here.
 *
 * @param rxMaxPending      largest receive ring
 * @param rxMiniMaxPending  largest receive ring for small frames
 * @param rxJumboMaxPending largest receive ring for jumbo frames
 * @param txMaxPending      largest transmit ring
 * @param rxPending         receive ring size ({@code ethtool -G DEV rx N})
 * @param rxMiniPending     mini receive ring size ({@code rx-mini})
 * @param rxJumboPending    jumbo receive ring size ({@code rx-jumbo})
 * @param txPending         transmit ring size ({@code tx})
 */
public record RingParam(int rxMaxPending, int rxMiniMaxPending, int rxJumboMaxPending, int txMaxPending,
                        int rxPending, int rxMiniPending, int rxJumboPending, int txPending) {
    public RingParam {
        int[] all = {rxMaxPending, rxMiniMaxPending, rxJumboMaxPending, txMaxPending, rxPending, rxMiniPending,
                rxJumboPending, txPending};
        for (int v : all) {
            if (v < 0) {
                throw new IllegalArgumentException("ring sizes are unsigned: " + v);
            }
        }
    }

    /** A device with only a receive and a transmit ring: maxima and current sizes. */
    public static RingParam of(int rxMax, int txMax, int rx, int tx) {
        return new RingParam(rxMax, 0, 0, txMax, rx, 0, 0, tx);
    }

    /** The same maxima with other current sizes. */
    public RingParam withPending(int rx, int rxMini, int rxJumbo, int tx) {
        return new RingParam(rxMaxPending, rxMiniMaxPending, rxJumboMaxPending, txMaxPending, rx, rxMini, rxJumbo, tx);
    }

    /** The same current sizes with the maxima of {@code max}. */
    public RingParam withMaxima(RingParam max) {
        return new RingParam(max.rxMaxPending, max.rxMiniMaxPending, max.rxJumboMaxPending, max.txMaxPending,
                rxPending, rxMiniPending, rxJumboPending, txPending);
    }
}
