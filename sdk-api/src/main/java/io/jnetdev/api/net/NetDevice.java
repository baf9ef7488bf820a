package io.jnetdev.api.net;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;

/**
 * The driver's view of its network interface ({@code struct net_device}), allocated by
 * {@link io.jnetdev.api.pci.PciDev#allocEtherdev()} in probe, set up, then
 * {@link #register() registered}; unregistered and freed in remove.
 */
public interface NetDevice {

    // ---- identity and setup ---------------------------------------------------------------

    /** The interface name: {@code eth0}, {@code eth1}, ... once registered; {@code eth%d} before. */
    String name();

    /** Attaches the {@code net_device_ops}; before {@link #register()}. */
    void setOps(NetDeviceOps ops);

    /** Attaches the {@code ethtool_ops} ({@code dev->ethtool_ops}); before {@link #register()}. Null means none. */
    void setEthtoolOps(io.jnetdev.api.ethtool.EthtoolOps ops);

    /** The attached {@code ethtool_ops}; {@link io.jnetdev.api.ethtool.EthtoolOps#NONE} when none was set. */
    io.jnetdev.api.ethtool.EthtoolOps ethtoolOps();

    /** The hardware address ({@code dev->dev_addr}). */
    MacAddress macAddress();

    /** {@code eth_hw_addr_set}: sets the hardware address, in probe or from {@code ndo_set_mac_address}. */
    void setMacAddress(MacAddress address);

    int mtu();

    /** The MTU range the core enforces before {@code ndo_change_mtu} (default 68..1500). */
    void setMtuRange(int minMtu, int maxMtu);

    /** {@code dev->watchdog_timeo} in milliseconds; 0 or less means the default 5000. */
    void setWatchdogTimeoMillis(long millis);

    /** {@code netdev_priv}: the driver's private state. */
    void setPriv(Object priv);

    <T> T priv(Class<T> type);

    /** {@code register_netdev}: names the device and makes it visible. */
    void register() throws ErrnoException;

    /** {@code unregister_netdev}: brings it down if up (ndo_stop), then removes it. */
    void unregister();

    /** {@code free_netdev}: after unregister; deletes any NAPI instance left. */
    void free();

    // ---- state ----------------------------------------------------------------------------

    /** {@code netif_running}: the interface is up. */
    boolean running();

    /**
     * {@code dev->flags}: {@link NetDeviceFlags#UP}, {@link NetDeviceFlags#BROADCAST},
     * {@link NetDeviceFlags#MULTICAST}, and {@link NetDeviceFlags#PROMISC} /
     * {@link NetDeviceFlags#ALLMULTI} while a user (or a capture) asked for them. Read it in
     * {@link NetDeviceOps#setRxMode}.
     */
    int flags();

    /**
     * The multicast groups the stack joined ({@code netdev_for_each_mc_addr} over {@code dev->mc}),
     * in the order they were added; {@code netdev_mc_count} is its size. An unmodifiable snapshot.
     */
    java.util.List<MacAddress> mcAddresses();

    void carrierOn();

    void carrierOff();

    boolean carrierOk();

    /** {@code netif_start_queue}. */
    void startQueue();

    /** {@code netif_stop_queue}: the ring is (nearly) full; the core stops calling startXmit. */
    void stopQueue();

    /** {@code netif_wake_queue}: room again; the core resumes transmission. */
    void wakeQueue();

    boolean queueStopped();

    /** {@code netif_trans_update}: a frame was handed to the hardware now (for the TX watchdog). */
    void transUpdate();

    // ---- receive --------------------------------------------------------------------------

    /** {@code netdev_alloc_skb_ip_align}: an skb with room for {@code length} bytes, or null when
     *  none can be had (count the drop). */
    Skb allocSkb(int length);

    /** {@code eth_type_trans}: reads the Ethernet header, sets protocol and packet type, pulls the
     *  header; returns the protocol. */
    int ethTypeTrans(Skb skb);

    /** {@code netif_receive_skb} (or GRO): hands a frame to the protocols; from NAPI poll only. */
    void receiveSkb(Skb skb);

    /** {@code netif_rx}: the old interface; queues the frame on this CPU's backlog from interrupt context. */
    void netifRx(Skb skb);

    /** {@code dev_kfree_skb_any}: frees an skb that was dropped (counted as a drop). */
    void kfreeSkb(Skb skb);

    /** {@code dev_consume_skb_any}: frees an skb that was transmitted or consumed normally. */
    void consumeSkb(Skb skb);

    /** {@code netif_napi_add_weight}: a new NAPI instance, disabled. */
    Napi napiAdd(NapiPoll poll, int weight);

    // ---- counters -------------------------------------------------------------------------

    /**
     * Counts a frame the driver dropped before it became an skb: a missed or errored frame, so
     * that every frame offered is accounted for. {@code counter} names the cause as ethtool
     * would ({@code rx_missed_errors}, {@code rx_crc_errors}, ...).
     */
    void countRxDrop(String counter, long frames);

    /** The core's own counters ({@code dev->stats}), what a NULL {@code ndo_get_stats64} reports. */
    void coreStats(RtnlLinkStats64 into);

    Kernel kernel();
}
