package io.jnetdev.runtime.net;

import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.softirq.Softirqs;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;
import java.util.ArrayDeque;

/**
 * NAPI: Linux's {@code net/core/dev.c} from {@code netif_napi_add} to {@code net_rx_action} —
 * enable/disable, {@code napi_schedule_prep}/{@code __napi_schedule}, {@code napi_complete_done}
 * with the MISSED repoll, {@code __napi_poll} with the oracle's checks of what a poll returns, and
 * netpoll's budget-0 poll. The state bits live in {@link NapiImpl}; the per-CPU poll lists in
 * {@link SoftnetData}.
 */
final class NapiCore {
    /** {@code NAPI_POLL_WEIGHT}: the largest weight a driver should ask for (R6). */
    static final int NAPI_POLL_WEIGHT = NetCore.NAPI_POLL_WEIGHT;
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
    private final SoftnetData[] softnet;
    private IrqCore irqCore;
    private Tracepoints tracepoints = Tracepoints.NONE;
    private io.jnetdev.runtime.fault.FaultInjector faults = new io.jnetdev.runtime.fault.FaultInjector();

    NapiCore(Engine engine, Cpus cpus, KernelLog log, Violations violations, KernelServices kernel, Softirqs softirqs,
             NetSysctl sysctl, CostModel costs, SoftnetData[] softnet) {
        this.engine = engine;
        this.cpus = cpus;
        this.log = log;
        this.violations = violations;
        this.kernel = kernel;
        this.softirqs = softirqs;
        this.sysctl = sysctl;
        this.costs = costs;
        this.softnet = softnet;
        softirqs.open(SoftirqType.NET_RX, this::netRxAction);
    }

    void irqCore(IrqCore irqCore) {
        this.irqCore = irqCore;
    }

    void faults(io.jnetdev.runtime.fault.FaultInjector faults) {
        this.faults = faults;
    }

    void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
    }

    NapiImpl napiAdd(NetDeviceImpl dev, NapiPoll poll, int weight) {
        String pdev = dev.parentName();
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

    static String pdev(NapiImpl n) {
        return n.device() == null ? null : n.device().parentName();
    }

    static String drv(NapiImpl n) {
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
    void queueForPoll(SoftnetData sd, NapiImpl n) {
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
    void netRxAction(Cpu cpu) {
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
        if (budget > 0 && faults.shouldMarkMissed()) {
            n.missed = true; // injected: an interrupt during this poll found the instance scheduled
        }
        Cpu cpu = cpus.current();
        cpu.enterCode(pdev(n), drv(n), -1);
        try {
            return n.poll.poll(n, budget);
        } catch (RuntimeException e) {
            violations.warn("BUG", pdev(n), drv(n), "NAPI poll of " + n.label() + " threw " + e + "; instance released");
            n.sched = false;
            return 0;
        } finally {
            n.inPoll = false;
            cpu.exitCode();
        }
    }

    /**
     * A netpoll-style poll with budget 0 ({@code poll_one_napi}): transmit cleanup only. The driver
     * must process no receive work, must not complete, and must return 0 (R12).
     */
    int netpollPoll(io.jnetdev.api.net.Napi napi) {
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

}
