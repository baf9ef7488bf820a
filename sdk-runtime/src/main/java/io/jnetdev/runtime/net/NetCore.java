package io.jnetdev.runtime.net;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.api.net.PacketType;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.mem.PhysicalMemory;
import io.jnetdev.runtime.pci.PciFunction;
import io.jnetdev.runtime.softirq.Softirqs;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The net core: Linux's {@code net/core/dev.c} — device registration, {@code dev_open}/{@code
 * dev_close}, MTU/MAC/promiscuity, skb allocation, protocol dispatch ({@code __netif_receive_skb})
 * and the views ({@code ip link}, {@code /proc/net/softnet_stat}, conservation). NAPI and
 * {@code net_rx_action} are told in {@link NapiCore}, the old {@code netif_rx} backlog in
 * {@link Backlog}, transmit in {@link Transmit}; this class is their front door.
 */
public final class NetCore {
    private DevWatchdog watchdog;
    private Tracepoints tracepoints = Tracepoints.NONE;
    /** {@code NAPI_POLL_WEIGHT}: the largest weight a driver should ask for (R6). */
    public static final int NAPI_POLL_WEIGHT = 64;
    /** {@code NET_SKB_PAD + NET_IP_ALIGN}: headroom of a receive skb. */
    static final int RX_HEADROOM = 66;

    private final Engine engine;
    private final Cpus cpus;
    private final KernelLog log;
    private final Violations violations;
    private final KernelServices kernel;
    private final NetSysctl sysctl;
    private final CostModel costs;
    private final SkbPool[] pools;
    private final SoftnetData[] softnet;
    private final NapiCore napi;
    private final Backlog backlog;
    private final Transmit transmit;
    private final List<NetDeviceImpl> devices = new ArrayList<>();
    private final List<NetDeviceImpl> allocated = new ArrayList<>();
    private final PacketHandler[] handlers = new PacketHandler[0x10000];
    /** {@code ptype_all}: taps on every device. */
    private final List<PacketHandler> taps = new ArrayList<>();
    /** {@code netdev_chain}: told when an interface goes down or away. */
    private final List<NetdevNotifier> notifiers = new ArrayList<>();
    private int nextIfindex = 2;
    private io.jnetdev.runtime.fault.FaultInjector faults = new io.jnetdev.runtime.fault.FaultInjector();

    public NetCore(Engine engine, Cpus cpus, KernelLog log, Violations violations, KernelServices kernel,
                   Softirqs softirqs, PhysicalMemory memory, NetSysctl sysctl, CostModel costs) {
        this.costs = costs;
        this.engine = engine;
        this.cpus = cpus;
        this.log = log;
        this.violations = violations;
        this.kernel = kernel;
        this.sysctl = sysctl;
        this.pools = new SkbPool[cpus.count()];
        this.softnet = new SoftnetData[cpus.count()];
        for (int c = 0; c < cpus.count(); c++) {
            pools[c] = new SkbPool(c, memory, violations, sysctl.skbPoolMax, this);
            softnet[c] = new SoftnetData(c);
        }
        this.napi = new NapiCore(engine, cpus, log, violations, kernel, softirqs, sysctl, costs, softnet);
        this.backlog = new Backlog(this, napi, cpus, sysctl, costs, softnet);
        this.transmit = new Transmit(this, cpus, violations, softirqs, softnet);
    }

    public NetSysctl sysctl() {
        return sysctl;
    }

    KernelServices kernel() {
        return kernel;
    }

    long nowNanos() {
        return cpus.now();
    }

    /** The CPU copies {@code bytes} (an skb filled or read by the driver). */
    void chargeCopy(long bytes) {
        cpus.charge(bytes * costs.copyPicosPerByte() / 1000);
    }

    /** Where injected skb allocation failures and MISSED events come from. */
    public void faults(io.jnetdev.runtime.fault.FaultInjector faults) {
        this.faults = faults;
        napi.faults(faults);
    }

    /** The IRQ core, for linking lines to the NAPI instances they schedule. */
    public void irqCore(IrqCore irqCore) {
        napi.irqCore(irqCore);
    }

    /** The TX watchdog, armed at open and carrier-on, stopped at close and unregister. */
    public void watchdog(DevWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    /** {@code netif_carrier_on}: restarts the TX watchdog of a running device. */
    void netifCarrierOn(NetDeviceImpl dev) {
        if (watchdog != null) {
            watchdog.carrierOn(dev);
        }
    }

    /** Where {@code napi_poll}, {@code netif_rx}, {@code netif_receive_skb} and {@code net_dev_xmit} fire. */
    public void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
        napi.tracepoints(tp);
        backlog.tracepoints(tp);
        transmit.tracepoints(tp);
    }

    // ---- devices -------------------------------------------------------------------------------

    /** {@code alloc_etherdev} for a PCI function. */
    public NetDeviceImpl allocEtherdev(PciFunction parent) {
        NetDeviceImpl dev = new NetDeviceImpl(this, parent);
        allocated.add(dev);
        return dev;
    }

    /** Interfaces allocated for {@code parent} and not freed: a leak after remove. */
    public List<String> netdevsHeldBy(PciFunction parent) {
        return allocated.stream().filter(d -> d.parent() == parent)
                .map(d -> "net device " + d.name + (d.registered ? " (registered)" : " (not freed)")).toList();
    }

    /** Unregisters and frees what a driver left behind (containment after a leak). */
    public void reclaim(PciFunction parent) {
        for (NetDeviceImpl d : List.copyOf(allocated)) {
            if (d.parent() == parent) {
                if (d.registered) {
                    unregisterNetdev(d);
                }
                freeNetdev(d);
            }
        }
    }

    /** {@code register_netdev}: checks, names the device {@code ethN} (lowest free), makes it visible. */
    void registerNetdev(NetDeviceImpl dev) throws ErrnoException {
        if (dev.registered) {
            throw new ErrnoException(Errno.EEXIST, dev.name + " is already registered");
        }
        if (dev.freed) {
            throw new ErrnoException(Errno.EINVAL, "register_netdev of a freed device");
        }
        if (dev.ops == null) {
            throw new ErrnoException(Errno.EINVAL, "register_netdev without net_device_ops");
        }
        if (!dev.mac.isValidEther()) {
            log.warn(owner(dev) + ": registering with invalid MAC address " + dev.mac + " (probe should validate it)");
        }
        int n = 0;
        while (device("eth" + n).isPresent()) {
            n++;
        }
        dev.name = "eth" + n;
        dev.ifindex = nextIfindex++;
        dev.registered = true;
        devices.add(dev);
        log.info(owner(dev) + " " + dev.name + ": registered, MAC " + dev.mac);
    }

    private static String owner(NetDeviceImpl dev) {
        String drv = dev.driverName();
        return (drv == null ? "net" : drv) + (dev.parent() == null ? "" : " " + dev.parent().name());
    }

    /** {@code unregister_netdev}: closes the device if up, then removes it. */
    void unregisterNetdev(NetDeviceImpl dev) {
        if (!dev.registered) {
            violations.warn("NDO", dev.parentName(), dev.driverName(),
                    "unregister_netdev of " + dev.name + ", which is not registered");
            return;
        }
        if (dev.running) {
            devClose(dev);
        }
        if (watchdog != null) {
            watchdog.down(dev);
        }
        callNetdevNotifiers(NetdevNotifier.Event.UNREGISTER, dev);
        dev.ptypeAll = NetDeviceImpl.NO_TAPS; // a tap bound to the device cannot outlive it
        flushBacklog(dev);
        dev.registered = false;
        devices.remove(dev);
    }

    /** {@code register_netdevice_notifier}. */
    public void registerNetdevNotifier(NetdevNotifier nb) {
        notifiers.add(nb);
    }

    /** {@code unregister_netdevice_notifier}. */
    public void unregisterNetdevNotifier(NetdevNotifier nb) {
        notifiers.remove(nb);
    }

    /** {@code call_netdevice_notifiers}: over a copy, so that a notifier may unregister itself. */
    private void callNetdevNotifiers(NetdevNotifier.Event event, NetDeviceImpl dev) {
        for (NetdevNotifier nb : List.copyOf(notifiers)) {
            nb.netdevEvent(event, dev);
        }
    }

    /**
     * {@code flush_all_backlogs}, as {@code unregister_netdevice_many} runs it: frames of the dying
     * device that {@code netif_rx} queued to a CPU's backlog and the stack has not taken yet are
     * freed (dropped, reason DEV_READY), not handed up later through a device that is gone.
     */
    private void flushBacklog(NetDeviceImpl dev) {
        for (SoftnetData sd : softnet) {
            for (java.util.Iterator<SkbImpl> it = sd.inputQueue.iterator(); it.hasNext(); ) {
                SkbImpl skb = it.next();
                if (skb.owner() == dev) {
                    it.remove();
                    freeSkb(skb, true, "flush_backlog: " + dev.name + " unregistering");
                }
            }
        }
    }

    /** {@code free_netdev}: deletes NAPI instances; skbs the driver still holds are leaks. */
    void freeNetdev(NetDeviceImpl dev) {
        String pdev = dev.parentName();
        if (dev.registered) {
            violations.warn("NDO", pdev, dev.driverName(), "free_netdev of " + dev.name + " while registered");
            unregisterNetdev(dev);
        }
        for (NapiImpl n : List.copyOf(dev.napis)) {
            if (!n.disabled) {
                violations.warn("R5", pdev, dev.driverName(), "free_netdev with NAPI " + n.label() + " still enabled");
                n.disabled = true;
            }
            n.deleted = true;
        }
        dev.napis.clear();
        if (dev.liveSkbs > 0) {
            violations.warn("SKB", pdev, dev.driverName(), dev.liveSkbs + " skb(s) of " + dev.name + " never freed (leaked at teardown)");
        }
        dev.freed = true;
        allocated.remove(dev);
    }

    public List<NetDeviceImpl> devices() {
        return List.copyOf(devices);
    }

    public Optional<NetDeviceImpl> device(String name) {
        return devices.stream().filter(d -> d.name.equals(name)).findFirst();
    }

    // ---- up/down, MTU, MAC, promisc (ip link set) -----------------------------------------------

    /** {@code dev_open}: {@code ip link set DEV up}. */
    public void devOpen(NetDeviceImpl dev) throws ErrnoException {
        if (dev.running) {
            return;
        }
        kernel.mightSleep();
        // __dev_open sets __LINK_STATE_START before ndo_open, so netif_running() is true inside it
        dev.running = true;
        try {
            dev.ops.open(dev);
        } catch (ErrnoException | RuntimeException e) {
            dev.running = false;
            throw e;
        }
        dev.transStartNanos = engine.now();
        if (watchdog != null) {
            watchdog.activate(dev); // dev_activate → dev_watchdog_up
        }
    }

    /** {@code dev_close}: {@code ip link set DEV down}; ndo_stop runs with the device already not running (R26). */
    public void devClose(NetDeviceImpl dev) {
        if (!dev.running) {
            return;
        }
        dev.running = false;
        if (watchdog != null) {
            watchdog.down(dev); // dev_deactivate → dev_watchdog_down, before ndo_stop
        }
        dev.ops.stop(dev);
        for (NapiImpl n : dev.napis) {
            if (!n.disabled) {
                violations.warn("R21", dev.parentName(), dev.driverName(),
                        "ndo_stop of " + dev.name + " left NAPI " + n.label() + " enabled (ndo_stop must napi_disable every instance)");
            }
        }
        // dev_deactivate → qdisc_reset: queued frames are freed; counted as tx_dropped so none vanish.
        dev.coreStats.txDropped += dev.txQueue.size();
        dev.txQueue.forEach(s -> freeSkb(s, true, "qdisc reset"));
        dev.txQueue.clear();
        callNetdevNotifiers(NetdevNotifier.Event.DOWN, dev);
    }

    /** {@code dev_set_mtu}: range checked by the core before the driver sees it. */
    public void setMtu(NetDeviceImpl dev, int mtu) throws ErrnoException {
        if (mtu < dev.minMtu) {
            throw new ErrnoException(Errno.EINVAL, dev.name + ": mtu less than device minimum (" + dev.minMtu + ")");
        }
        if (mtu > dev.maxMtu) {
            throw new ErrnoException(Errno.EINVAL, dev.name + ": mtu greater than device maximum (" + dev.maxMtu + ")");
        }
        dev.ops.changeMtu(dev, mtu);
        dev.mtu = mtu;
    }

    /** {@code dev_set_mac_address}: only valid unicast addresses reach the driver. */
    public void setMacAddress(NetDeviceImpl dev, MacAddress mac) throws ErrnoException {
        if (!mac.isValidEther()) {
            throw new ErrnoException(Errno.EADDRNOTAVAIL, dev.name + ": " + mac + " is not a valid unicast address");
        }
        dev.ops.setMacAddress(dev, mac);
        dev.mac = mac;
    }

    /**
     * {@code ip link set DEV promisc on|off}: {@code dev_change_flags} records the administrator's
     * {@code IFF_PROMISC} (in {@code gflags}, what {@code ip link} shows) and takes or drops one
     * promiscuity reference.
     */
    public void setPromisc(NetDeviceImpl dev, boolean on) {
        if (dev.promisc == on) {
            return;
        }
        dev.promisc = on;
        devSetPromiscuity(dev, on ? 1 : -1);
    }

    /**
     * {@code dev_set_promiscuity}: counts the users of promiscuous mode (the administrator's flag,
     * each capture that asked for it); the card's filter opens at the first and closes after the
     * last, through {@code dev_set_rx_mode}.
     */
    public void devSetPromiscuity(NetDeviceImpl dev, int inc) {
        boolean was = dev.promiscuity > 0;
        if (dev.promiscuity + inc < 0) {
            throw new IllegalStateException(dev.name + ": promiscuity would drop below zero (" + dev.promiscuity + " " + inc + ")");
        }
        dev.promiscuity += inc;
        boolean now = dev.promiscuity > 0;
        if (was != now) {
            log.info("device " + dev.name + " " + (now ? "entered" : "left") + " promiscuous mode");
            devSetRxMode(dev);
        }
    }

    /** {@code dev_set_allmulti}, then {@code dev_set_rx_mode}: {@code ip link set DEV allmulticast on|off}. */
    public void setAllmulti(NetDeviceImpl dev, boolean on) {
        if (dev.allmulti == on) {
            return;
        }
        dev.allmulti = on;
        devSetRxMode(dev);
    }

    /**
     * {@code dev_mc_add_global}: joins the multicast group {@code mac} ({@code ip maddr add MAC dev DEV}),
     * then {@code dev_set_rx_mode}. Refuses a unicast address (EINVAL) and one already joined (EEXIST).
     */
    public void mcAdd(NetDeviceImpl dev, MacAddress mac) throws ErrnoException {
        if (!mac.isMulticast()) {
            throw new ErrnoException(Errno.EINVAL, dev.name + ": " + mac + " is not a multicast address");
        }
        if (dev.mc.contains(mac)) {
            throw new ErrnoException(Errno.EEXIST, dev.name + ": already in multicast group " + mac);
        }
        dev.mc.add(mac);
        devSetRxMode(dev);
    }

    /** {@code dev_mc_del_global}: leaves the group ({@code ip maddr del MAC dev DEV}); ENOENT when not joined. */
    public void mcDel(NetDeviceImpl dev, MacAddress mac) throws ErrnoException {
        if (!dev.mc.remove(mac)) {
            throw new ErrnoException(Errno.ENOENT, dev.name + ": not in multicast group " + mac);
        }
        devSetRxMode(dev);
    }

    /**
     * {@code dev_set_rx_mode}: {@code ndo_set_rx_mode} under the address-list lock taken with
     * bottom halves off, and only while the interface is up (open programs the filter itself).
     */
    private void devSetRxMode(NetDeviceImpl dev) {
        if (!dev.running) {
            return;
        }
        kernel.localBhDisable();
        try {
            dev.ops.setRxMode(dev);
        } finally {
            kernel.localBhEnable();
        }
    }

    // ---- skbs ----------------------------------------------------------------------------------

    SkbImpl allocSkb(NetDeviceImpl dev, int length) {
        if (length < 0 || length + RX_HEADROOM > SkbPool.SLOT) {
            log.warn((dev == null ? "net" : dev.name) + ": skb of " + length + " bytes is larger than a pool slot");
            return null;
        }
        if (dev != null && faults.shouldFailSkbAllocation()) {
            return null; // injected: netdev_alloc_skb failed, as under memory pressure
        }
        cpus.charge(costs.skbAlloc());
        return pools[cpus.current().id()].alloc(dev, RX_HEADROOM);
    }

    /** An skb for the core's own use (tests, traffic injection). */
    public Skb allocSkb(int length) {
        return allocSkb(null, length);
    }

    void freeSkb(SkbImpl skb, boolean dropped, String how) {
        cpus.charge(costs.skbFree());
        skb.pool().free(skb, how);
    }

    /** Skbs allocated and not freed, across all pools. */
    public int skbsInUse() {
        int n = 0;
        for (SkbPool p : pools) {
            n += p.inUse();
        }
        return n;
    }

    /** {@code eth_type_trans}: packet type from the destination, protocol from the type/length field. */
    int ethTypeTrans(SkbImpl skb, NetDeviceImpl dev) {
        skb.checkLive("eth_type_trans"); // once: what follows reads the fields directly
        int len = skb.dataLen();
        if (len < EtherType.ETH_HLEN) {
            throw new IllegalArgumentException(dev.name + ": eth_type_trans of a " + len + "-byte frame");
        }
        long dst = skb.longAtBE(0) >>> 16; // the 6 destination octets, read at once (len >= ETH_HLEN)
        int type = skb.shortAtBE(12);
        skb.dev(dev);
        skb.resetMacHeader();
        if ((dst & 0x0100_0000_0000L) != 0) {
            skb.pktType(dst == MacAddress.BROADCAST.bits() ? PacketType.BROADCAST : PacketType.MULTICAST);
        } else {
            skb.pktType(dst == dev.mac.bits() ? PacketType.HOST : PacketType.OTHERHOST);
        }
        skb.pullHeader(EtherType.ETH_HLEN);
        int protocol = type >= 0x0600 ? type : EtherType.ETH_P_802_3;
        skb.protocol(protocol);
        return protocol;
    }

    // ---- protocol dispatch ---------------------------------------------------------------------

    /** {@code dev_add_pack}: the handler for one ethertype, or a tap for {@link EtherType#ALL}. */
    public void devAddPack(int etherType, PacketHandler handler) {
        if (etherType == EtherType.ALL) {
            taps.add(handler);
        } else {
            handlers[etherType & 0xFFFF] = handler;
        }
    }

    /**
     * {@code dev_add_pack} of a tap bound to one device ({@code packet_type.dev} set, so it goes on
     * {@code dev->ptype_all}): it sees that device's received and transmitted frames only. The tap
     * is dropped when the device is unregistered.
     */
    public void devAddTap(NetDeviceImpl dev, PacketHandler tap) {
        PacketHandler[] old = dev.ptypeAll;
        PacketHandler[] grown = java.util.Arrays.copyOf(old, old.length + 1);
        grown[old.length] = tap;
        dev.ptypeAll = grown;
    }

    /** {@code dev_remove_pack} of a tap bound to {@code dev}. */
    public void devRemoveTap(NetDeviceImpl dev, PacketHandler tap) {
        dev.ptypeAll = java.util.Arrays.stream(dev.ptypeAll).filter(t -> t != tap).toArray(PacketHandler[]::new);
    }

    /** {@code dev_remove_pack}. */
    public void devRemovePack(int etherType, PacketHandler handler) {
        if (etherType == EtherType.ALL) {
            taps.remove(handler);
        } else if (handlers[etherType & 0xFFFF] == handler) {
            handlers[etherType & 0xFFFF] = null;
        }
    }

    /** {@code __netif_receive_skb}: taps, then the protocol's handler; the skb is consumed either way. */
    void netifReceiveSkb(SkbImpl skb) {
        skb.checkLive("netif_receive_skb"); // once: the length is read directly below
        NetDeviceImpl dev = skb.owner();
        int len = skb.dataLen();
        softnet[cpus.current().id()].processed++;
        tracepoints.fire(Tracepoint.NETIF_RECEIVE_SKB, dev == null ? null : dev.name, len, skb.protocol());
        for (int i = 0; i < taps.size(); i++) {
            taps.get(i).receive(skb);
        }
        if (dev != null) {
            for (PacketHandler tap : dev.ptypeAll) {
                tap.receive(skb);
            }
        }
        PacketHandler h = handlers[skb.protocol() & 0xFFFF];
        if (dev != null) {
            if (h != null) {
                dev.delivered++;
                dev.deliveredBytes += len;
                dev.coreStats.rxPackets++;
                dev.coreStats.rxBytes += len;
            } else {
                dev.rxNohandler++;
                dev.countDrop("rx_nohandler", 1);
            }
        }
        if (h != null) {
            cpus.charge(costs.protocolPerPacket());
            h.receive(skb);
        }
        freeSkb(skb, h == null, "netif_receive_skb");
    }

    /** Whether {@code dev}'s transmitted frames have taps to visit ({@code dev_nit_active}). */
    boolean nitActive(NetDeviceImpl dev) {
        return !taps.isEmpty() || dev.ptypeAll.length != 0;
    }

    /**
     * {@code dev_queue_xmit_nit}: shows a frame about to be handed to the driver to the taps, as
     * an outgoing frame from its MAC header. Linux hands the taps a clone; here the taps read the
     * frame during the call and its packet type is put back afterwards.
     */
    void devQueueXmitNit(SkbImpl skb, NetDeviceImpl dev) {
        PacketType type = skb.pktType();
        skb.resetMacHeader();
        skb.pktType(PacketType.OUTGOING);
        for (int i = 0; i < taps.size(); i++) {
            taps.get(i).receive(skb);
        }
        for (PacketHandler tap : dev.ptypeAll) {
            tap.receive(skb);
        }
        skb.pktType(type);
    }

    // ---- the parts told in their own files --------------------------------------------------------

    /** {@code netif_napi_add_weight}: see {@link NapiCore}. */
    NapiImpl napiAdd(NetDeviceImpl dev, NapiPoll poll, int weight) {
        return napi.napiAdd(dev, poll, weight);
    }

    /** A netpoll-style poll with budget 0 ({@code poll_one_napi}); see {@link NapiCore#netpollPoll}. */
    public int netpollPoll(io.jnetdev.api.net.Napi n) {
        return napi.netpollPoll(n);
    }

    /** {@code netif_rx}; see {@link Backlog}. */
    void netifRx(SkbImpl skb) {
        backlog.netifRx(skb);
    }

    /** Backlog length of {@code cpu}. */
    public int backlogLength(int cpu) {
        return backlog.backlogLength(cpu);
    }

    /** {@code dev_queue_xmit}; see {@link Transmit}. */
    public void devQueueXmit(NetDeviceImpl dev, Skb frame) {
        transmit.devQueueXmit(dev, frame);
    }

    /** {@code netif_tx_wake_queue}; see {@link Transmit}. */
    void netifWakeQueue(NetDeviceImpl dev) {
        transmit.netifWakeQueue(dev);
    }

    // ---- views ---------------------------------------------------------------------------------

    /** {@code /proc/net/softnet_stat}: Linux's 13 hex columns per CPU. */
    public String procSoftnetStat() {
        StringBuilder sb = new StringBuilder();
        for (SoftnetData sd : softnet) {
            sb.append(String.format("%08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x %08x%n",
                    sd.processed, sd.dropped, sd.timeSqueeze, 0, 0, 0, 0, 0, 0, 0, 0, sd.inputQueue.size(), sd.cpu));
        }
        return sb.toString();
    }

    /**
     * The conservation check for {@code dev} given what its wire offered. The driver's
     * {@code ndo_get_stats64} runs first, as for {@code ip -s link}, so drivers that harvest hardware
     * drop counters there are current.
     */
    public Conservation conservation(NetDeviceImpl dev, long offered) {
        stats(dev);
        long inFlight = 0;
        for (SoftnetData sd : softnet) {
            for (SkbImpl skb : sd.inputQueue) {
                if (skb.owner() == dev) {
                    inFlight++;
                }
            }
        }
        return new Conservation(dev.name, offered, dev.delivered(), dev.rxDrops(), inFlight);
    }

    /** One CPU's softnet counters: processed, dropped, time_squeeze. */
    public long[] softnetCounters(int cpu) {
        SoftnetData sd = softnet[cpu];
        return new long[] {sd.processed, sd.dropped, sd.timeSqueeze};
    }

    /** The statistics {@code ip -s link} shows: the driver's {@code ndo_get_stats64} over a zeroed struct. */
    public RtnlLinkStats64 stats(NetDeviceImpl dev) {
        RtnlLinkStats64 s = new RtnlLinkStats64();
        dev.ops.getStats64(dev, s);
        return s;
    }

    /** {@code ip [-s] link [show DEV]}. */
    public String ipLink(boolean withStats, String only) throws ErrnoException {
        if (only != null && device(only).isEmpty()) {
            throw new ErrnoException(Errno.ENODEV, "Device \"" + only + "\" does not exist.");
        }
        StringBuilder sb = new StringBuilder();
        for (NetDeviceImpl d : devices) {
            if (only != null && !d.name.equals(only)) {
                continue;
            }
            // iproute2's print_link_flags order: NO-CARRIER first, then the flag bits low to high
            String flags = (d.running && !d.carrier ? "NO-CARRIER," : "") + "BROADCAST,MULTICAST"
                    + (d.allmulti ? ",ALLMULTI" : "") + (d.promisc ? ",PROMISC" : "") + (d.running ? ",UP" : "")
                    + (d.running && d.carrier ? ",LOWER_UP" : "");
            String state = !d.running ? "DOWN" : d.carrier ? "UP" : "DOWN";
            sb.append(String.format("%d: %s: <%s> mtu %d qdisc pfifo_fast state %s mode DEFAULT group default qlen %d%n",
                    d.ifindex, d.name, flags, d.mtu, state, NetDeviceImpl.TX_QUEUE_LEN));
            sb.append(String.format("    link/ether %s brd ff:ff:ff:ff:ff:ff%n", d.mac));
            if (withStats) {
                RtnlLinkStats64 s = stats(d);
                sb.append("    RX:  bytes packets errors dropped  missed   mcast\n");
                sb.append(String.format("    %10d %7d %6d %7d %7d %7d%n", s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped,
                        s.rxMissedErrors, s.multicast));
                sb.append("    TX:  bytes packets errors dropped carrier collsns\n");
                sb.append(String.format("    %10d %7d %6d %7d %7d %7d%n", s.txBytes, s.txPackets, s.txErrors, s.txDropped,
                        s.txCarrierErrors, s.collisions));
            }
        }
        return sb.toString();
    }
}
