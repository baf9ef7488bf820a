package io.jnetdev.conformance.kitnic;

/**
 * The one rule each broken variant of the kit's own test driver breaks, and the kit rule id that
 * must fail for it (and no other). {@link #NONE} is the correct driver.
 */
public enum Breakage {
    NONE(null),
    POLL_OVER_BUDGET("R7"),
    COMPLETE_AT_FULL_BUDGET("R9"),
    NEVER_COMPLETE("R10"),
    REARM_WHILE_SCHEDULED("R13"),
    SCHEDULE_WITHOUT_PREP("R15"),
    RESCHEDULE_AT_BUDGET("R18"),
    DOUBLE_NAPI_ENABLE("R4"),
    WEIGHT_ABOVE_64("R6"),
    COMPLETE_IN_BUDGET_ZERO("R12"),
    CLAIM_SHARED_IRQ("D14-SHIRQ"),
    DOUBLE_FREE_SKB("SKB"),
    LEAK_DMA_BUFFER("D4"),
    SLEEP_IN_IRQ("R21"),
    TX_BUSY_QUEUE_AWAKE("NDO-XMIT-BUSY"),
    FAILED_PROBE_LEAK("D3"),
    STATS_RESET_ON_DOWN("NDO-STATS"),
    RING_SET_IGNORED("ETH-RINGS"),
    SILENT_DROP("CONS"),
    TIMER_LEFT_PENDING("ODEBUG"),
    WRONG_DRVINFO("ETH-DRVINFO"),
    /** {@code ndo_tx_timeout} does nothing: after a DMA stall the ring stays full and the queue never wakes. */
    TX_TIMEOUT_IGNORED("NDO-TX-TIMEOUT");

    private final String rule;

    Breakage(String rule) {
        this.rule = rule;
    }

    /** The kit rule id this variant must fail, or null for the correct driver. */
    public String rule() {
        return rule;
    }
}
