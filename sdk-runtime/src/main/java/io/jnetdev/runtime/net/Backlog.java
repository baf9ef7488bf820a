package io.jnetdev.runtime.net;

import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;

/**
 * The old receive interface: {@code netif_rx} queues to the current CPU's backlog
 * ({@code enqueue_to_backlog}, bounded by {@code netdev_max_backlog}), and the backlog
 * pseudo-NAPI's poll ({@code process_backlog}) hands the frames to the stack, {@code dev_weight}
 * at a time. From {@code net/core/dev.c}.
 */
final class Backlog {
    private final NetCore net;
    private final NapiCore napi;
    private final Cpus cpus;
    private final NetSysctl sysctl;
    private final CostModel costs;
    private final SoftnetData[] softnet;
    private Tracepoints tracepoints = Tracepoints.NONE;

    Backlog(NetCore net, NapiCore napi, Cpus cpus, NetSysctl sysctl, CostModel costs, SoftnetData[] softnet) {
        this.net = net;
        this.napi = napi;
        this.cpus = cpus;
        this.sysctl = sysctl;
        this.costs = costs;
        this.softnet = softnet;
        for (SoftnetData sd : softnet) {
            sd.backlog = new NapiImpl(napi, null, (n, quota) -> processBacklog(sd, (NapiImpl) n, quota),
                    sysctl.devWeight, "backlog/" + sd.cpu);
            sd.backlog.disabled = false;
            sd.backlog.sched = false;
        }
    }

    void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
    }

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
            net.freeSkb(skb, true, "netif_rx backlog full");
            return;
        }
        sd.inputQueue.addLast(skb);
        if (!sd.backlog.sched) {
            sd.backlog.sched = true;
            napi.queueForPoll(sd, sd.backlog);
        }
    }

    /** {@code process_backlog}: the backlog pseudo-NAPI's poll. */
    int processBacklog(SoftnetData sd, NapiImpl napi, int quota) {
        int work = 0;
        while (work < quota) {
            SkbImpl skb = sd.inputQueue.pollFirst();
            if (skb == null) {
                napi.sched = false; // queue empty: complete, as process_backlog clears the state itself
                napi.completedThisPoll = true;
                return work;
            }
            net.netifReceiveSkb(skb);
            work++;
        }
        return work;
    }

    /** Backlog length of {@code cpu}. */
    int backlogLength(int cpu) {
        return softnet[cpu].inputQueue.size();
    }

}
