package io.jnetdev.conformance;

/**
 * What a driver declares it supports, in the manner of DPDK's per-driver feature file or the
 * Reactive Streams TCK's capability knobs. A check whose capability is not declared is reported
 * as skipped, with the missing capability as the reason; a declared capability that misbehaves
 * fails.
 */
public enum Capability {
    /** Receives through NAPI ({@code netif_napi_add}, poll, {@code napi_complete_done}). */
    NAPI,
    /** Receives through the old interface, {@code netif_rx} from the interrupt handler. */
    LEGACY_NETIF_RX,
    /** Uses MSI-X when the platform grants it. */
    MSIX,
    /** Uses MSI, by choice or when MSI-X fails. */
    MSI,
    /** Uses legacy INTx, by choice or when MSI-X and MSI fail. */
    INTX,
    /** Its INTx handler copes with a shared line: claims only what its device raised (D14). */
    SHARED_INTX,
    /** Transmits ({@code ndo_start_xmit} with queue stop/wake and TX reclaim). */
    TX,
    /**
     * {@code ndo_tx_timeout} recovers a stalled transmitter: with the card's DMA stalled the ring
     * fills, the queue stops, the core's watchdog fires after {@code watchdog_timeo}, and once DMA is
     * back the driver's reset lets the queue wake and every frame leave or be counted. Needs a
     * bus-master card: the kit stalls its DMA, which a programmed-I/O card does not have.
     */
    TX_TIMEOUT,
    /** {@code ethtool -i}: {@code get_drvinfo}. */
    ETHTOOL_DRVINFO,
    /** {@code ethtool -g/-G}: {@code get_ringparam}/{@code set_ringparam}, with the declared maxima. */
    ETHTOOL_RINGS,
    /** {@code ethtool -c/-C}: {@code get_coalesce}/{@code set_coalesce}. */
    ETHTOOL_COALESCE,
    /** {@code ethtool -S}: {@code get_sset_count}/{@code get_strings}/{@code get_ethtool_stats}. */
    ETHTOOL_STATS,
    /** {@code ethtool -d}: {@code get_regs_len}/{@code get_regs}. */
    ETHTOOL_REGS,
    /** {@code ethtool -t}: {@code self_test}. */
    ETHTOOL_SELF_TEST,
    /** More than one receive/transmit queue pair. No check exists yet: always skipped. */
    MULTI_QUEUE
}
