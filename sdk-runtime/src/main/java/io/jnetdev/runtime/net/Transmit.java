package io.jnetdev.runtime.net;

import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.softirq.Softirqs;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;

/**
 * Transmit: {@code dev_queue_xmit} into a FIFO qdisc, {@code __qdisc_run} handing frames to
 * {@code ndo_start_xmit} while the queue is awake, the requeue of a {@code NETDEV_TX_BUSY} frame,
 * and {@code netif_tx_wake_queue} → {@code __netif_schedule} → {@code net_tx_action}. From
 * {@code net/core/dev.c} and {@code net/sched/sch_generic.c}.
 */
final class Transmit {
    private final NetCore net;
    private final Cpus cpus;
    private final Violations violations;
    private final Softirqs softirqs;
    private final SoftnetData[] softnet;
    private Tracepoints tracepoints = Tracepoints.NONE;

    Transmit(NetCore net, Cpus cpus, Violations violations, Softirqs softirqs, SoftnetData[] softnet) {
        this.net = net;
        this.cpus = cpus;
        this.violations = violations;
        this.softirqs = softirqs;
        this.softnet = softnet;
        softirqs.open(SoftirqType.NET_TX, this::netTxAction);
    }

    void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
    }

    /**
     * {@code dev_queue_xmit} through a FIFO qdisc of {@code txqueuelen} 1000: straight to
     * {@code ndo_start_xmit} when the queue is awake, queued while it is stopped.
     */
    void devQueueXmit(NetDeviceImpl dev, Skb frame) {
        SkbImpl skb = (SkbImpl) frame;
        skb.dev(dev);
        if (!dev.running) {
            dev.coreStats.txDropped++;
            net.freeSkb(skb, true, "dev_queue_xmit on a down device");
            return;
        }
        if (dev.txQueue.size() >= NetDeviceImpl.TX_QUEUE_LEN) {
            dev.coreStats.txDropped++;
            net.freeSkb(skb, true, "qdisc full");
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
            if (net.nitActive(dev)) {
                net.devQueueXmitNit(skb, dev); // xmit_one: the taps see the frame before the driver does
            }
            NetdevTx r = dev.ops.startXmit(skb, dev);
            tracepoints.fire(Tracepoint.NET_DEV_XMIT, dev.name, len, r == NetdevTx.BUSY ? 1 : 0);
            if (r == NetdevTx.BUSY) {
                if (!dev.queueStopped) {
                    violations.warn("NDO", dev.parentName(), dev.driverName(),
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
    void netTxAction(Cpu cpu) {
        SoftnetData sd = softnet[cpu.id()];
        NetDeviceImpl dev;
        while ((dev = sd.outputQueue.pollFirst()) != null) {
            dev.txScheduled = false;
            qdiscRun(dev);
        }
    }

}
