package io.jnetdev.api.net;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;

/**
 * The driver's {@code struct net_device_ops}. {@link #open}, {@link #stop} and {@link #startXmit}
 * are required; the others have defaults with the meaning Linux gives a NULL op.
 */
public interface NetDeviceOps {

    /** {@code ndo_open}: the interface goes up. Process context; may sleep. */
    void open(NetDevice dev) throws ErrnoException;

    /** {@code ndo_stop}: the interface goes down; afterwards the hardware must neither receive nor send. */
    void stop(NetDevice dev);

    /**
     * {@code ndo_start_xmit}: queue one frame for transmission. Called with bottom halves off.
     * On {@link NetdevTx#OK} the driver owns the skb; on {@link NetdevTx#BUSY} it keeps no reference.
     */
    NetdevTx startXmit(Skb skb, NetDevice dev);

    /** {@code ndo_get_stats64}: fill the zeroed {@code stats}; must not sleep. NULL: the core's own counters. */
    default void getStats64(NetDevice dev, RtnlLinkStats64 stats) {
        dev.coreStats(stats);
    }

    /** {@code ndo_set_rx_mode}: promiscuous, all-multicast or the address lists changed. Atomic context. */
    default void setRxMode(NetDevice dev) {
    }

    /** {@code ndo_set_mac_address}: the core has checked the address is a valid unicast one.
     *  NULL: {@code EOPNOTSUPP}. */
    default void setMacAddress(NetDevice dev, MacAddress address) throws ErrnoException {
        throw new ErrnoException(Errno.EOPNOTSUPP, dev.name() + ": the driver cannot change its MAC address");
    }

    /** {@code ndo_change_mtu}: the core has checked {@code [minMtu, maxMtu]}; it stores the MTU when this returns. */
    default void changeMtu(NetDevice dev, int newMtu) throws ErrnoException {
    }

    /** {@code ndo_tx_timeout}: the transmit watchdog found a queue stopped too long with the carrier up. */
    default void txTimeout(NetDevice dev, int queue) {
    }
}
