package io.jnetdev.runtime.net;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.PacketType;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.mem.PhysicalMemory;
import io.jnetdev.runtime.pci.PciFunction;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.softirq.Softirqs;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The net core: Linux's {@code net/core/dev.c} for the receive path — device registration,
 * {@code dev_open}/{@code dev_close}, skb allocation, protocol dispatch
 * ({@code __netif_receive_skb}), the old {@code netif_rx} backlog, NAPI and
 * {@code net_rx_action} — and the first steps of transmit ({@code dev_queue_xmit}).
 */
public final class NetCore {
    private IrqCore irqCore;
    private DevWatchdog watchdog;
    private Tracepoints tracepoints = Tracepoints.NONE;
    /** {@code NAPI_POLL_WEIGHT}: the largest weight a driver should ask for (R6). */
    public static final int NAPI_POLL_WEIGHT = 64;
    /** {@code NET_SKB_PAD + NET_IP_ALIGN}: headroom of a receive skb. */
    static final int RX_HEADROOM = 66;
    /** How long {@code napi_disable} and {@code napi_synchronize} wait before the oracle calls it a hang. */
    static final long NAPI_WAIT_LIMIT_NANOS = 1_000_000_000L;

    private final Engine engine;
    private final Cpus cpus;
    private final KernelLog log;
    private final Violations violations;
    private final KernelServices kernel;
    private final Softirqs softirqs;
    private final NetSysctl sysctl;
    private final CostModel costs;
    private final SkbPool[] pools;
    private final SoftnetData[] softnet;
    private final List<NetDeviceImpl> devices = new ArrayList<>();
    private final List<NetDeviceImpl> allocated = new ArrayList<>();
    private final PacketHandler[] handlers = new PacketHandler[0x10000];
    private final List<PacketHandler> taps = new ArrayList<>();
    private int nextIfindex = 2;

    public NetCore(Engine engine, Cpus cpus, KernelLog log, Violations violations, KernelServices kernel,
                   Softirqs softirqs, PhysicalMemory memory, NetSysctl sysctl, CostModel costs) {
        this.costs = costs;
        this.engine = engine;
        this.cpus = cpus;
        this.log = log;
        this.violations = violations;
        this.kernel = kernel;
        this.softirqs = softirqs;
        this.sysctl = sysctl;
        this.pools = new SkbPool[cpus.count()];
        this.softnet = new SoftnetData[cpus.count()];
        for (int c = 0; c < cpus.count(); c++) {
            pools[c] = new SkbPool(c, memory, violations, sysctl.skbPoolMax, this::chargeCopy);
            softnet[c] = new SoftnetData(c);
            SoftnetData sd = softnet[c];
            sd.backlog = new NapiImpl(this, null, (napi, quota) -> processBacklog(sd, (NapiImpl) napi, quota),
                    sysctl.devWeight, "backlog/" + c);
            sd.backlog.disabled = false;
            sd.backlog.sched = false;
        }
        softirqs.open(SoftirqType.NET_RX, this::netRxAction);
        softirqs.open(SoftirqType.NET_TX, this::netTxAction);
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

    /** Where {@code napi_poll}, {@code netif_rx}, {@code netif_receive_skb} and {@code net_dev_xmit} fire. */
    /** The IRQ core, for linking lines to the NAPI instances they schedule. */
    public void irqCore(IrqCore irqCore) {
        this.irqCore = irqCore;
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

    public void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
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
            violations.warn("NDO", dev.parent() == null ? null : dev.parent().name(), dev.driverName(),
                    "unregister_netdev of " + dev.name + ", which is not registered");
            return;
        }
        if (dev.running) {
            devClose(dev);
        }
        if (watchdog != null) {
            watchdog.down(dev);
        }
        dev.registered = false;
        devices.remove(dev);
    }

    /** {@code free_netdev}: deletes NAPI instances; skbs the driver still holds are leaks. */
    void freeNetdev(NetDeviceImpl dev) {
        String pdev = dev.parent() == null ? null : dev.parent().name();
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
                violations.warn("R21", dev.parent() == null ? null : dev.parent().name(), dev.driverName(),
                        "ndo_stop of " + dev.name + " left NAPI " + n.label() + " enabled (ndo_stop must napi_disable every instance)");
            }
        }
        // dev_deactivate → qdisc_reset: queued frames are freed; counted as tx_dropped so none vanish.
        dev.coreStats.txDropped += dev.txQueue.size();
        dev.txQueue.forEach(s -> freeSkb(s, true, "qdisc reset"));
        dev.txQueue.clear();
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

    /** {@code dev_set_promiscuity}, then {@code ndo_set_rx_mode} with bottom halves off. */
    public void setPromisc(NetDeviceImpl dev, boolean on) {
        if (dev.promisc == on) {
            return;
        }
        dev.promisc = on;
        log.info(dev.name + ": " + (on ? "entered" : "left") + " promiscuous mode");
        dev.ops.setRxMode(dev);
    }

    // ---- skbs ----------------------------------------------------------------------------------

    SkbImpl allocSkb(NetDeviceImpl dev, int length) {
        if (length < 0 || length + RX_HEADROOM > SkbPool.SLOT) {
            log.warn((dev == null ? "net" : dev.name) + ": skb of " + length + " bytes is larger than a pool slot");
            return null;
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
        skb.checkLive("eth_type_trans");
        if (skb.len() < EtherType.ETH_HLEN) {
            throw new IllegalArgumentException(dev.name + ": eth_type_trans of a " + skb.len() + "-byte frame");
        }
        long dst = 0;
        for (int i = 0; i < 6; i++) {
            dst = (dst << 8) | skb.byteAt(i);
        }
        int type = (skb.byteAt(12) << 8) | skb.byteAt(13);
        skb.dev(dev);
        if ((dst & 0x0100_0000_0000L) != 0) {
            skb.pktType(dst == MacAddress.BROADCAST.bits() ? PacketType.BROADCAST : PacketType.MULTICAST);
        } else {
            skb.pktType(dst == dev.mac.bits() ? PacketType.HOST : PacketType.OTHERHOST);
        }
        skb.pull(EtherType.ETH_HLEN);
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
        skb.checkLive("netif_receive_skb");
        NetDeviceImpl dev = skb.owner();
        softnet[cpus.current().id()].processed++;
        tracepoints.fire(Tracepoint.NETIF_RECEIVE_SKB, dev == null ? null : dev.name, skb.len(), skb.protocol());
        for (int i = 0; i < taps.size(); i++) {
            taps.get(i).receive(skb);
        }
        PacketHandler h = handlers[skb.protocol() & 0xFFFF];
        if (dev != null) {
            if (h != null) {
                dev.delivered++;
                dev.deliveredBytes += skb.len();
                dev.coreStats.rxPackets++;
                dev.coreStats.rxBytes += skb.len();
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

    // ---- the old interface: netif_rx and the backlog --------------------------------------------

    /** {@code netif_rx} → {@code enqueue_to_backlog} on the current CPU; drops when the backlog is full. */
    void netifRx(SkbImpl skb) {
        skb.checkLive("netif_rx");
        SoftnetData sd = softnet[cpus.current().id()];
        tracepoints.fire(Tracepoint.NETIF_RX, skb.owner() == null ? null : skb.owner().name, skb.len(), 0);
        cpus.charge(costs.backlogEnqueue());
        if (sd.inputQueue.size() >= sysctl.netdevMaxBacklog) {
            sd.dropped++;
            NetDeviceImpl dev = skb.owner();
            if (dev != null) {
                dev.coreStats.rxDropped++;
                dev.countDrop("backlog_dropped", 1);
            }
            freeSkb(skb, true, "netif_rx backlog full");
            return;
        }
        sd.inputQueue.addLast(skb);
        if (!sd.backlog.sched) {
            sd.backlog.sched = true;
            queueForPoll(sd, sd.backlog);
        }
    }

    /** {@code process_backlog}: the backlog pseudo-NAPI's poll. */
    private int processBacklog(SoftnetData sd, NapiImpl napi, int quota) {
        int work = 0;
        while (work < quota) {
            SkbImpl skb = sd.inputQueue.pollFirst();
            if (skb == null) {
                napi.sched = false; // queue empty: complete, as process_backlog clears the state itself
                napi.completedThisPoll = true;
                return work;
            }
            netifReceiveSkb(skb);
            work++;
        }
        return work;
    }

    /** Backlog length of {@code cpu}. */
    public int backlogLength(int cpu) {
        return softnet[cpu].inputQueue.size();
    }

    // ---- NAPI control ----------------------------------------------------------------------------

    NapiImpl napiAdd(NetDeviceImpl dev, NapiPoll poll, int weight) {
        String pdev = dev.parent() == null ? null : dev.parent().name();
        if (weight > NAPI_POLL_WEIGHT) {
            log.err("netif_napi_add_weight() called with weight " + weight);
            violations.warn("R6", pdev, dev.driverName(), "NAPI weight " + weight + " above NAPI_POLL_WEIGHT (" + NAPI_POLL_WEIGHT + ")");
        }
        if (weight < 1) {
            throw new IllegalArgumentException(dev.name + ": NAPI weight " + weight);
        }
        NapiImpl n = new NapiImpl(this, dev, poll, weight, (dev.registered ? dev.name : "napi") + "/" + dev.napis.size());
        dev.napis.add(n);
        return n;
    }

    private String pdev(NapiImpl n) {
        return n.device() == null || n.device().parent() == null ? null : n.device().parent().name();
    }

    private String drv(NapiImpl n) {
        return n.device() == null ? null : n.device().driverName();
    }

    void napiEnable(NapiImpl n) {
        if (!n.disabled) {
            violations.warn("R4", pdev(n), drv(n), "napi_enable on " + n.label() + ", which is already enabled (BUG_ON in Linux)");
            return;
        }
        n.disabled = false;
        n.sched = false;
        n.missed = false;
        n.npsvc = false;
    }

    void napiDisable(NapiImpl n) {
        if (n.disabled) {
            violations.warn("R4", pdev(n), drv(n), "napi_disable on " + n.label() + ", which is already disabled (deadlocks in Linux)");
            return;
        }
        kernel.mightSleep();
        n.disablePending = true;
        waitWhileScheduled(n, "napi_disable");
        n.disablePending = false;
        n.disabled = true;
        n.sched = true;
        n.missed = false;
        if (n.onList) {
            for (SoftnetData sd : softnet) {
                sd.pollList.remove(n);
            }
            n.onList = false;
        }
    }

    void napiSynchronize(NapiImpl n) {
        kernel.mightSleep();
        if (!n.disabled) {
            waitWhileScheduled(n, "napi_synchronize");
        }
    }

    /** Sleeps in 1 ms steps while a poll owns the instance; past the limit it is a hang, recorded. */
    private void waitWhileScheduled(NapiImpl n, String who) {
        long deadline = engine.now() + NAPI_WAIT_LIMIT_NANOS;
        while (n.sched && !n.disabled) {
            if (engine.now() >= deadline) {
                violations.warn("R10", pdev(n), drv(n), who + " of " + n.label() + " waited "
                        + NAPI_WAIT_LIMIT_NANOS / 1_000_000 + " ms: the instance stays scheduled (a poll that never completes?)");
                n.sched = false;
                return;
            }
            kernel.msleep(1);
        }
    }

    boolean napiSchedulePrep(NapiImpl n) {
        if (n.disabled || n.disablePending) {
            return false;
        }
        if (n.sched) {
            n.missed = true;
            return false;
        }
        n.sched = true;
        return true;
    }

    void napiScheduleNow(NapiImpl n) {
        if (!n.sched || n.disabled) {
            violations.warn("R15", pdev(n), drv(n), "__napi_schedule of " + n.label() + " without a successful napi_schedule_prep");
            return;
        }
        if (n.inPoll) {
            n.scheduledThisPoll = true;
        }
        linkIrq(n);
        queueForPoll(softnet[cpus.current().id()], n);
    }

    /**
     * Links the IRQ line whose handler is scheduling {@code n} to it (what {@code netif_napi_set_irq}
     * records), so the IRQ core can tell a re-arm while {@code n} is still scheduled.
     */
    private void linkIrq(NapiImpl n) {
        int irq = cpus.current().codeIrq();
        if (irqCore == null || irq < 0 || n.irq == irq) {
            return;
        }
        n.irq = irq;
        irqCore.linkNapi(irq, () -> n.sched && !n.disabled && !n.deleted ? "NAPI " + n.label() + " is scheduled" : null);
    }

    /** {@code ____napi_schedule}: onto this CPU's poll list, NET_RX raised. */
    private void queueForPoll(SoftnetData sd, NapiImpl n) {
        if (!n.onList) {
            n.onList = true;
            sd.pollList.addLast(n);
        }
        softirqs.raise(SoftirqType.NET_RX);
    }

    boolean napiCompleteDone(NapiImpl n, int workDone) {
        if (n.npsvc || (n.inPoll && n.pollBudget == 0)) {
            violations.warn("R12", pdev(n), drv(n), "napi_complete_done from a budget-0 poll of " + n.label());
            return false;
        }
        if (!n.sched || n.disabled) {
            violations.warn("R10", pdev(n), drv(n), "napi_complete_done on " + n.label() + ", which is not scheduled");
            return false;
        }
        if (n.missed) {
            // An event came in during the poll: keep ownership and poll once more (R16).
            n.missed = false;
            queueForPoll(softnet[cpus.current().id()], n);
            return false;
        }
        n.sched = false;
        n.completedThisPoll = true;
        return true;
    }

    void napiDelete(NapiImpl n) {
        if (!n.disabled) {
            violations.warn("R5", pdev(n), drv(n), "netif_napi_del on " + n.label() + ", which is enabled");
        }
        n.deleted = true;
        if (n.device() != null) {
            n.device().napis.remove(n);
        }
    }

    // ---- net_rx_action ---------------------------------------------------------------------------

    /**
     * {@code net_rx_action}: takes the CPU's poll list, polls until it is empty, the budget is spent
     * or the time limit passed (counting {@code time_squeeze}), then puts back what is left — the
     * rest of its list, instances scheduled meanwhile, and those that used their whole weight — and
     * raises NET_RX again if anything is.
     */
    private void netRxAction(Cpu cpu) {
        SoftnetData sd = softnet[cpu.id()];
        long timeLimit = cpus.now() + sysctl.netdevBudgetUsecs * 1000;
        int budget = sysctl.netdevBudget;
        ArrayDeque<NapiImpl> list = sd.local;
        ArrayDeque<NapiImpl> repoll = sd.repoll;
        moveAll(sd.pollList, list);
        while (true) {
            NapiImpl n = list.pollFirst();
            if (n == null) {
                break;
            }
            n.onList = false;
            budget -= napiPoll(n, repoll);
            if (budget <= 0 || cpus.now() >= timeLimit) {
                sd.timeSqueeze++;
                break;
            }
        }
        moveAll(sd.pollList, list);
        moveAll(repoll, list);
        moveAll(list, sd.pollList);
        if (!sd.pollList.isEmpty()) {
            softirqs.raise(SoftirqType.NET_RX);
        }
    }

    private static void moveAll(ArrayDeque<NapiImpl> from, ArrayDeque<NapiImpl> to) {
        NapiImpl n;
        while ((n = from.pollFirst()) != null) {
            n.onList = true;
            to.addLast(n);
        }
    }

    /** {@code napi_poll} / {@code __napi_poll}: one poll with the oracle's checks of its return value. */
    private int napiPoll(NapiImpl n, ArrayDeque<NapiImpl> repoll) {
        if (!n.pollable()) {
            return 0;
        }
        int weight = n.weight();
        cpus.charge(costs.napiPoll());
        int work = callPoll(n, weight);
        tracepoints.fire(Tracepoint.NAPI_POLL, n.device() == null ? "backlog" : n.device().name, work, weight);
        if (work > weight || work < 0) {
            violations.warn("R7", pdev(n), drv(n), "NAPI poll function of " + n.label() + " returned " + work
                    + ", exceeding its budget of " + weight);
        }
        if (work < weight) {
            if (!n.completedThisPoll && n.sched && !n.onList && !n.disabled) {
                violations.warn("R10", pdev(n), drv(n), "poll of " + n.label() + " returned " + work + " < budget "
                        + weight + " without napi_complete_done: the instance stays scheduled and is never polled again");
            }
            return Math.max(work, 0);
        }
        if (n.completedThisPoll) {
            violations.warn("R9", pdev(n), drv(n), "poll of " + n.label() + " called napi_complete_done and then returned "
                    + "the full budget " + weight + " (must not touch NAPI state after consuming the budget)");
        }
        if (n.scheduledThisPoll) {
            violations.warn("R18", pdev(n), drv(n), "Budget exhausted after napi rescheduled (" + n.label() + ")");
        }
        if (n.disablePending) {
            n.sched = false;
        } else if (n.sched && !n.onList) {
            n.onList = true;
            repoll.addLast(n);
        }
        return weight;
    }

    private int callPoll(NapiImpl n, int budget) {
        n.inPoll = true;
        n.pollBudget = budget;
        n.completedThisPoll = false;
        n.scheduledThisPoll = false;
        n.polls++;
        Cpu cpu = cpus.current();
        String outerDevice = cpu.codeDevice();
        String outerDriver = cpu.codeDriver();
        int outerIrq = cpu.codeIrq();
        cpu.runningCode(pdev(n), drv(n), -1);
        try {
            return n.poll.poll(n, budget);
        } catch (RuntimeException e) {
            violations.warn("BUG", pdev(n), drv(n), "NAPI poll of " + n.label() + " threw " + e + "; instance released");
            n.sched = false;
            return 0;
        } finally {
            n.inPoll = false;
            cpu.runningCode(outerDevice, outerDriver, outerIrq);
        }
    }

    /**
     * A netpoll-style poll with budget 0 ({@code poll_one_napi}): transmit cleanup only. The driver
     * must process no receive work, must not complete, and must return 0 (R12).
     */
    public int netpollPoll(io.jnetdev.api.net.Napi napi) {
        NapiImpl n = (NapiImpl) napi;
        if (n.disabled || n.npsvc) {
            return 0;
        }
        boolean wasSched = n.sched;
        n.npsvc = true;
        n.sched = true;
        int work;
        try {
            work = callPoll(n, 0);
        } finally {
            n.npsvc = false;
            n.sched = wasSched;
        }
        if (work != 0) {
            violations.warn("R12", pdev(n), drv(n), "poll of " + n.label() + " exceeded budget in poll: returned " + work + " with budget 0");
        }
        return work;
    }

    // ---- transmit ------------------------------------------------------------------------------

    /**
     * {@code dev_queue_xmit} through a FIFO qdisc of {@code txqueuelen} 1000: straight to
     * {@code ndo_start_xmit} when the queue is awake, queued while it is stopped.
     */
    public void devQueueXmit(NetDeviceImpl dev, Skb frame) {
        SkbImpl skb = (SkbImpl) frame;
        skb.dev(dev);
        if (!dev.running) {
            dev.coreStats.txDropped++;
            freeSkb(skb, true, "dev_queue_xmit on a down device");
            return;
        }
        if (dev.txQueue.size() >= NetDeviceImpl.TX_QUEUE_LEN) {
            dev.coreStats.txDropped++;
            freeSkb(skb, true, "qdisc full");
            return;
        }
        dev.txQueue.addLast(skb);
        qdiscRun(dev);
    }

    /** {@code __qdisc_run}: hands queued frames to the driver while its queue is awake. */
    private void qdiscRun(NetDeviceImpl dev) {
        while (!dev.queueStopped && dev.running && !dev.txQueue.isEmpty()) {
            SkbImpl skb = dev.txQueue.pollFirst();
            int len = skb.len();
            NetdevTx r = dev.ops.startXmit(skb, dev);
            tracepoints.fire(Tracepoint.NET_DEV_XMIT, dev.name, len, r == NetdevTx.BUSY ? 1 : 0);
            if (r == NetdevTx.BUSY) {
                if (!dev.queueStopped) {
                    violations.warn("NDO", dev.parent() == null ? null : dev.parent().name(), dev.driverName(),
                            dev.name + ": ndo_start_xmit returned NETDEV_TX_BUSY with the queue awake (stop the queue before the ring fills)");
                }
                dev.txQueue.addFirst(skb); // dev_requeue_skb: retried from NET_TX, not lost
                netifSchedule(dev);
                return;
            }
            dev.coreStats.txPackets++;
            dev.coreStats.txBytes += len;
            dev.transStartNanos = cpus.now(); // txq_trans_update: what the TX watchdog measures from
        }
    }

    /**
     * {@code netif_tx_wake_queue} → {@code __netif_schedule}: a queue that was stopped is woken and,
     * if frames wait in its qdisc, the device goes on this CPU's output queue with NET_TX raised;
     * the qdisc runs from the softirq, not from the driver's reclaim path that woke it.
     */
    void netifWakeQueue(NetDeviceImpl dev) {
        boolean wasStopped = dev.queueStopped;
        dev.queueStopped = false;
        if (wasStopped) {
            netifSchedule(dev);
        }
    }

    /** {@code __netif_schedule}: puts the device on this CPU's output queue and raises NET_TX. */
    private void netifSchedule(NetDeviceImpl dev) {
        if (dev.txQueue.isEmpty() || dev.txScheduled) {
            return;
        }
        dev.txScheduled = true;
        softnet[cpus.current().id()].outputQueue.addLast(dev);
        softirqs.raise(SoftirqType.NET_TX);
    }

    /** {@code net_tx_action}: runs the qdiscs of the devices scheduled on this CPU. */
    private void netTxAction(Cpu cpu) {
        SoftnetData sd = softnet[cpu.id()];
        NetDeviceImpl dev;
        while ((dev = sd.outputQueue.pollFirst()) != null) {
            dev.txScheduled = false;
            qdiscRun(dev);
        }
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
            String flags = "BROADCAST,MULTICAST" + (d.promisc ? ",PROMISC" : "") + (d.running ? ",UP" : "")
                    + (d.running && d.carrier ? ",LOWER_UP" : "") + (d.running && !d.carrier ? ",NO-CARRIER" : "");
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
