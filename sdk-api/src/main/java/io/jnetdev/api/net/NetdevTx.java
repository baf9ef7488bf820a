package io.jnetdev.api.net;

/** What {@code ndo_start_xmit} returns ({@code netdev_tx_t}). */
public enum NetdevTx {
    /** The driver took the skb; it must free it in finite time. */
    OK,
    /** The driver could not take the skb and kept no reference: a driver bug when the queue was awake. */
    BUSY
}
