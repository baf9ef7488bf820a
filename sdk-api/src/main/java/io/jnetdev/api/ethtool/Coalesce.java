package io.jnetdev.api.ethtool;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code struct ethtool_coalesce}: interrupt moderation, as {@code get_coalesce} reports it and
 * {@code set_coalesce} receives it. The components follow the C struct, so component {@code i}
 * is the parameter {@link CoalesceParam} of ordinal {@code i}; {@link #get} and {@link #with}
 * address them by parameter. Values are unsigned in Linux; negative ones are refused here.
 *
 * @param rxCoalesceUsecs {@code rx_coalesce_usecs}: receive: microseconds from a frame's arrival to the interrupt
 * @param rxMaxCoalescedFrames {@code rx_max_coalesced_frames}: receive: frames after which the interrupt fires regardless
 * @param rxCoalesceUsecsIrq {@code rx_coalesce_usecs_irq}: as rxCoalesceUsecs while the interrupt is being serviced
 * @param rxMaxCoalescedFramesIrq {@code rx_max_coalesced_frames_irq}: as rxMaxCoalescedFrames while the interrupt is being serviced
 * @param txCoalesceUsecs {@code tx_coalesce_usecs}: transmit: microseconds from a completion to the interrupt
 * @param txMaxCoalescedFrames {@code tx_max_coalesced_frames}: transmit: completions after which the interrupt fires regardless
 * @param txCoalesceUsecsIrq {@code tx_coalesce_usecs_irq}: as txCoalesceUsecs while the interrupt is being serviced
 * @param txMaxCoalescedFramesIrq {@code tx_max_coalesced_frames_irq}: as txMaxCoalescedFrames while the interrupt is being serviced
 * @param statsBlockCoalesceUsecs {@code stats_block_coalesce_usecs}: how often the device updates its statistics block
 * @param useAdaptiveRxCoalesce {@code use_adaptive_rx_coalesce}: receive moderation adapts to the packet rate
 * @param useAdaptiveTxCoalesce {@code use_adaptive_tx_coalesce}: transmit moderation adapts to the packet rate
 * @param pktRateLow {@code pkt_rate_low}: adaptive: packets per second below which the low settings apply
 * @param rxCoalesceUsecsLow {@code rx_coalesce_usecs_low}: adaptive low-rate rx-usecs
 * @param rxMaxCoalescedFramesLow {@code rx_max_coalesced_frames_low}: adaptive low-rate rx-frames
 * @param txCoalesceUsecsLow {@code tx_coalesce_usecs_low}: adaptive low-rate tx-usecs
 * @param txMaxCoalescedFramesLow {@code tx_max_coalesced_frames_low}: adaptive low-rate tx-frames
 * @param pktRateHigh {@code pkt_rate_high}: adaptive: packets per second above which the high settings apply
 * @param rxCoalesceUsecsHigh {@code rx_coalesce_usecs_high}: adaptive high-rate rx-usecs
 * @param rxMaxCoalescedFramesHigh {@code rx_max_coalesced_frames_high}: adaptive high-rate rx-frames
 * @param txCoalesceUsecsHigh {@code tx_coalesce_usecs_high}: adaptive high-rate tx-usecs
 * @param txMaxCoalescedFramesHigh {@code tx_max_coalesced_frames_high}: adaptive high-rate tx-frames
 * @param rateSampleInterval {@code rate_sample_interval}: adaptive: seconds between packet-rate samples
 */
public record Coalesce(int rxCoalesceUsecs,
                       int rxMaxCoalescedFrames,
                       int rxCoalesceUsecsIrq,
                       int rxMaxCoalescedFramesIrq,
                       int txCoalesceUsecs,
                       int txMaxCoalescedFrames,
                       int txCoalesceUsecsIrq,
                       int txMaxCoalescedFramesIrq,
                       int statsBlockCoalesceUsecs,
                       boolean useAdaptiveRxCoalesce,
                       boolean useAdaptiveTxCoalesce,
                       int pktRateLow,
                       int rxCoalesceUsecsLow,
                       int rxMaxCoalescedFramesLow,
                       int txCoalesceUsecsLow,
                       int txMaxCoalescedFramesLow,
                       int pktRateHigh,
                       int rxCoalesceUsecsHigh,
                       int rxMaxCoalescedFramesHigh,
                       int txCoalesceUsecsHigh,
                       int txMaxCoalescedFramesHigh,
                       int rateSampleInterval) {
    /** Every parameter 0 or off. */
    public static final Coalesce ZERO = fromValues(new int[CoalesceParam.values().length]);

    public Coalesce {
        int[] unsigned = {
                rxCoalesceUsecs, rxMaxCoalescedFrames, rxCoalesceUsecsIrq, rxMaxCoalescedFramesIrq,
                txCoalesceUsecs, txMaxCoalescedFrames, txCoalesceUsecsIrq, txMaxCoalescedFramesIrq,
                statsBlockCoalesceUsecs, pktRateLow, rxCoalesceUsecsLow, rxMaxCoalescedFramesLow,
                txCoalesceUsecsLow, txMaxCoalescedFramesLow, pktRateHigh, rxCoalesceUsecsHigh,
                rxMaxCoalescedFramesHigh, txCoalesceUsecsHigh, txMaxCoalescedFramesHigh, rateSampleInterval};
        for (int v : unsigned) {
            if (v < 0) {
                throw new IllegalArgumentException("coalescing parameters are unsigned: " + v);
            }
        }
    }

    /** The value of {@code param}; the adaptive switches read 1 for on and 0 for off. */
    public int get(CoalesceParam param) {
        return switch (param) {
            case RX_USECS -> rxCoalesceUsecs;
            case RX_MAX_FRAMES -> rxMaxCoalescedFrames;
            case RX_USECS_IRQ -> rxCoalesceUsecsIrq;
            case RX_MAX_FRAMES_IRQ -> rxMaxCoalescedFramesIrq;
            case TX_USECS -> txCoalesceUsecs;
            case TX_MAX_FRAMES -> txMaxCoalescedFrames;
            case TX_USECS_IRQ -> txCoalesceUsecsIrq;
            case TX_MAX_FRAMES_IRQ -> txMaxCoalescedFramesIrq;
            case STATS_BLOCK_USECS -> statsBlockCoalesceUsecs;
            case USE_ADAPTIVE_RX -> useAdaptiveRxCoalesce ? 1 : 0;
            case USE_ADAPTIVE_TX -> useAdaptiveTxCoalesce ? 1 : 0;
            case PKT_RATE_LOW -> pktRateLow;
            case RX_USECS_LOW -> rxCoalesceUsecsLow;
            case RX_MAX_FRAMES_LOW -> rxMaxCoalescedFramesLow;
            case TX_USECS_LOW -> txCoalesceUsecsLow;
            case TX_MAX_FRAMES_LOW -> txMaxCoalescedFramesLow;
            case PKT_RATE_HIGH -> pktRateHigh;
            case RX_USECS_HIGH -> rxCoalesceUsecsHigh;
            case RX_MAX_FRAMES_HIGH -> rxMaxCoalescedFramesHigh;
            case TX_USECS_HIGH -> txCoalesceUsecsHigh;
            case TX_MAX_FRAMES_HIGH -> txMaxCoalescedFramesHigh;
            case RATE_SAMPLE_INTERVAL -> rateSampleInterval;
        };
    }

    /** A copy with {@code param} set to {@code value} (for the adaptive switches nonzero means on). */
    public Coalesce with(CoalesceParam param, int value) {
        int[] v = values();
        v[param.ordinal()] = value;
        return fromValues(v);
    }

    /** The parameters whose values differ between this and {@code other}. */
    public Set<CoalesceParam> differences(Coalesce other) {
        Set<CoalesceParam> changed = EnumSet.noneOf(CoalesceParam.class);
        for (CoalesceParam p : CoalesceParam.values()) {
            if (get(p) != other.get(p)) {
                changed.add(p);
            }
        }
        return changed;
    }

    /** All parameters in {@link CoalesceParam} order. */
    public int[] values() {
        CoalesceParam[] all = CoalesceParam.values();
        int[] v = new int[all.length];
        for (CoalesceParam p : all) {
            v[p.ordinal()] = get(p);
        }
        return v;
    }

    /** The inverse of {@link #values()}. */
    public static Coalesce fromValues(int[] v) {
        if (v.length != CoalesceParam.values().length) {
            throw new IllegalArgumentException("expected " + CoalesceParam.values().length + " values, got " + v.length);
        }
        return new Coalesce(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9] != 0, v[10] != 0, v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21]);
    }
}
