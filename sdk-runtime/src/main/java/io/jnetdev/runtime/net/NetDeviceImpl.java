package io.jnetdev.runtime.net;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceFlags;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network interface ({@code struct net_device}) as the core keeps it; the driver sees {@link NetDevice}. */
public final class NetDeviceImpl implements NetDevice {
    private final NetCore core;
    private final PciFunction parent;
    String name = "eth%d";
    int ifindex;
    NetDeviceOps ops;
    io.jnetdev.api.ethtool.EthtoolOps ethtoolOps = io.jnetdev.api.ethtool.EthtoolOps.NONE;
    MacAddress mac = MacAddress.ZERO;
    int mtu = EtherType.ETH_DATA_LEN;
    int minMtu = 68;
    int maxMtu = EtherType.ETH_DATA_LEN;
    long watchdogTimeoMillis;
    Object priv;
    boolean registered;
    boolean freed;
    boolean running;
    boolean carrier;
    boolean queueStopped = true;
    /** The administrator's {@code IFF_PROMISC} ({@code dev->gflags}: {@code ip link set DEV promisc on}). */
    boolean promisc;
    /** {@code dev->promiscuity}: users of promiscuous mode; the card is promiscuous while it is above zero. */
    int promiscuity;
    /**
     * {@code dev->ptype_all}: taps bound to this device. Replaced, never changed in place, when a
     * tap comes or goes (as an RCU list is), so a tap may remove itself while the frame path walks it.
     */
    PacketHandler[] ptypeAll = NO_TAPS;
    static final PacketHandler[] NO_TAPS = {};
    boolean allmulti;
    /** {@code dev->mc}: joined multicast groups, in join order. */
    final List<MacAddress> mc = new ArrayList<>();
    long transStartNanos;
    /** {@code dev->watchdog_timer}, made at the first watchdog up. */
    io.jnetdev.runtime.timer.KernelTimerImpl watchdogTimer;
    /** Transmit timeouts the watchdog found ({@code txq->trans_timeout}, sysfs {@code tx_timeout}). */
    long txTimeouts;
    /** On a CPU's output queue, waiting for NET_TX to run its qdisc. */
    boolean txScheduled;
    final List<NapiImpl> napis = new ArrayList<>();
    int liveSkbs;
    /** Frames handed to a protocol handler. */
    long delivered;
    long deliveredBytes;
    private final Map<String, long[]> rxDrops = new LinkedHashMap<>();
    /** The core's own {@code dev->stats} (rx_dropped, rx_nohandler, ...). */
    final RtnlLinkStats64 coreStats = new RtnlLinkStats64();
    long rxNohandler;
    /** {@code txqueuelen}. */
    static final int TX_QUEUE_LEN = 1000;
    /** The FIFO qdisc. */
    final java.util.ArrayDeque<SkbImpl> txQueue = new java.util.ArrayDeque<>();

    NetDeviceImpl(NetCore core, PciFunction parent) {
        this.core = core;
        this.parent = parent;
    }

    public PciFunction parent() {
        return parent;
    }

    /** The parent PCI function's name ({@code 0000:00:04.0}), as violations name the device; null without one. */
    public String parentName() {
        return parent == null ? null : parent.name();
    }

    String driverName() {
        return parent == null || parent.driver() == null ? null : parent.driver().name();
    }

    public int ifindex() {
        return ifindex;
    }

    public boolean registered() {
        return registered;
    }

    /** Transmit timeouts the watchdog found on queue 0 ({@code /sys/class/net/DEV/queues/tx-0/tx_timeout}). */
    public long txTimeouts() {
        return txTimeouts;
    }

    /** Whether the administrator set promiscuous mode ({@code ip link set DEV promisc on}). */
    public boolean promisc() {
        return promisc;
    }

    /** {@code dev->promiscuity}: how many users hold promiscuous mode (the administrator, captures). */
    public int promiscuity() {
        return promiscuity;
    }

    public boolean allmulti() {
        return allmulti;
    }

    /** Frames delivered to a protocol handler. */
    public long delivered() {
        return delivered;
    }

    /** Drops by counter name, every cause that ended a received frame short of a protocol. */
    public Map<String, Long> rxDrops() {
        Map<String, Long> m = new LinkedHashMap<>();
        rxDrops.forEach((k, v) -> m.put(k, v[0]));
        return m;
    }

    /** All receive drops together. */
    public long rxDropsTotal() {
        long sum = 0;
        for (long[] v : rxDrops.values()) {
            sum += v[0];
        }
        return sum;
    }

    void countDrop(String counter, long n) {
        rxDrops.computeIfAbsent(counter, k -> new long[1])[0] += n;
    }

    /** Skbs allocated for this device and not yet freed. */
    public int liveSkbs() {
        return liveSkbs;
    }

    /** The NAPI instances added to this device and not deleted (for netpoll-style polls from tests and the kit). */
    public List<io.jnetdev.api.net.Napi> napiInstances() {
        return List.copyOf(napis);
    }

    public List<String> napiLabels() {
        return napis.stream().map(NapiImpl::label).toList();
    }

    // ---- NetDevice ---------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setOps(NetDeviceOps ops) {
        this.ops = ops;
    }

    @Override
    public void setEthtoolOps(io.jnetdev.api.ethtool.EthtoolOps ops) {
        this.ethtoolOps = ops == null ? io.jnetdev.api.ethtool.EthtoolOps.NONE : ops;
    }

    @Override
    public io.jnetdev.api.ethtool.EthtoolOps ethtoolOps() {
        return ethtoolOps;
    }

    @Override
    public MacAddress macAddress() {
        return mac;
    }

    @Override
    public void setMacAddress(MacAddress address) {
        this.mac = address;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public void setMtuRange(int min, int max) {
        if (min < 68 || max < min) {
            throw new IllegalArgumentException(name + ": MTU range " + min + ".." + max);
        }
        this.minMtu = min;
        this.maxMtu = max;
    }

    @Override
    public void setWatchdogTimeoMillis(long millis) {
        this.watchdogTimeoMillis = millis;
    }

    @Override
    public void setPriv(Object priv) {
        this.priv = priv;
    }

    @Override
    public <T> T priv(Class<T> type) {
        return type.cast(priv);
    }

    @Override
    public void register() throws ErrnoException {
        core.registerNetdev(this);
    }

    @Override
    public void unregister() {
        core.unregisterNetdev(this);
    }

    @Override
    public void free() {
        core.freeNetdev(this);
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public int flags() {
        return NetDeviceFlags.BROADCAST | NetDeviceFlags.MULTICAST | (running ? NetDeviceFlags.UP : 0)
                | (promiscuity > 0 ? NetDeviceFlags.PROMISC : 0) | (allmulti ? NetDeviceFlags.ALLMULTI : 0);
    }

    @Override
    public List<MacAddress> mcAddresses() {
        return List.copyOf(mc);
    }

    @Override
    public void carrierOn() {
        if (!carrier) {
            carrier = true;
            core.netifCarrierOn(this);
        }
    }

    @Override
    public void carrierOff() {
        carrier = false;
    }

    @Override
    public boolean carrierOk() {
        return carrier;
    }

    @Override
    public void startQueue() {
        queueStopped = false;
    }

    @Override
    public void stopQueue() {
        queueStopped = true;
    }

    @Override
    public void wakeQueue() {
        core.netifWakeQueue(this);
    }

    @Override
    public boolean queueStopped() {
        return queueStopped;
    }

    @Override
    public void transUpdate() {
        transStartNanos = core.nowNanos();
    }

    @Override
    public Skb allocSkb(int length) {
        return core.allocSkb(this, length);
    }

    @Override
    public int ethTypeTrans(Skb skb) {
        return core.ethTypeTrans((SkbImpl) skb, this);
    }

    @Override
    public void receiveSkb(Skb skb) {
        core.netifReceiveSkb((SkbImpl) skb);
    }

    @Override
    public void netifRx(Skb skb) {
        core.netifRx((SkbImpl) skb);
    }

    @Override
    public void kfreeSkb(Skb skb) {
        core.freeSkb((SkbImpl) skb, true, "kfree_skb");
    }

    @Override
    public void consumeSkb(Skb skb) {
        core.freeSkb((SkbImpl) skb, false, "consume_skb");
    }

    @Override
    public Napi napiAdd(NapiPoll poll, int weight) {
        return core.napiAdd(this, poll, weight);
    }

    @Override
    public void countRxDrop(String counter, long frames) {
        countDrop(counter, frames);
    }

    @Override
    public void coreStats(RtnlLinkStats64 into) {
        into.rxPackets = coreStats.rxPackets;
        into.rxBytes = coreStats.rxBytes;
        into.txPackets = coreStats.txPackets;
        into.txBytes = coreStats.txBytes;
        into.rxDropped = coreStats.rxDropped;
        into.txDropped = coreStats.txDropped;
    }

    @Override
    public Kernel kernel() {
        return core.kernel();
    }

    @Override
    public String toString() {
        return name;
    }
}
