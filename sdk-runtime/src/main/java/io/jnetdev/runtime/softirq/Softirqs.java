package io.jnetdev.runtime.softirq;

import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-CPU softirqs: Linux's {@code kernel/softirq.c}. A raised softirq runs on IRQ exit
 * ({@code __do_softirq}), which re-runs newly raised ones up to {@link #MAX_SOFTIRQ_RESTART}
 * times within {@link #MAX_SOFTIRQ_TIME_NANOS}, and hands what is left to the CPU's ksoftirqd.
 * Raised outside interrupt context, a softirq wakes ksoftirqd.
 */
public final class Softirqs {
    private Tracepoints tracepoints = Tracepoints.NONE;
    /** {@link #softirqLoop} bound to each CPU, made once. */
    private final Runnable[] softirqLoops;
    /** {@code values()} clones its array on every call; the softirq loop runs per interrupt. */
    private static final SoftirqType[] TYPES = SoftirqType.values();
    /** {@code MAX_SOFTIRQ_RESTART}. */
    public static final int MAX_SOFTIRQ_RESTART = 10;
    /** {@code MAX_SOFTIRQ_TIME}: 2 ms. */
    public static final long MAX_SOFTIRQ_TIME_NANOS = 2_000_000L;

    private final Engine engine;
    private final Cpus cpus;
    private final CostModel costs;
    private final int[] pending;
    private final long[][] counts;
    private final boolean[] ksoftirqdWoken;
    private final long[] ksoftirqdRuns;
    private final Map<SoftirqType, Consumer<Cpu>> handlers = new EnumMap<>(SoftirqType.class);

    public Softirqs(Engine engine, Cpus cpus, CostModel costs) {
        this.costs = costs;
        this.engine = engine;
        this.cpus = cpus;
        this.pending = new int[cpus.count()];
        this.counts = new long[cpus.count()][SoftirqType.values().length];
        this.ksoftirqdWoken = new boolean[cpus.count()];
        this.ksoftirqdRuns = new long[cpus.count()];
        this.softirqLoops = new Runnable[cpus.count()];
        for (int c = 0; c < cpus.count(); c++) {
            Cpu cpu = cpus.get(c);
            softirqLoops[c] = () -> softirqLoop(cpu);
        }
    }

    /** Where {@code softirq_entry}/{@code exit} fire. */
    public void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
    }

    /** {@code open_softirq}: installs the action of a softirq vector. */
    public void open(SoftirqType type, Consumer<Cpu> action) {
        handlers.put(type, action);
    }

    /**
     * {@code raise_softirq}: marks {@code type} pending on the current CPU. In interrupt context it
     * runs at IRQ exit; otherwise ksoftirqd is woken.
     */
    public void raise(SoftirqType type) {
        raiseOn(cpus.current(), type);
    }

    /**
     * Marks {@code type} pending on {@code cpu}. Outside interrupt context, and with bottom halves
     * enabled there ({@code !in_interrupt()}), its ksoftirqd is woken; with bottom halves disabled
     * the softirq runs at {@code local_bh_enable}.
     */
    public void raiseOn(Cpu cpu, SoftirqType type) {
        pending[cpu.id()] |= 1 << type.ordinal();
        if (!cpu.inHardIrq() && !cpu.inSoftIrq() && cpu.bhDisableDepth() == 0) {
            wakeupKsoftirqd(cpu);
        }
    }

    /**
     * {@code local_bh_enable}: undoes one {@code local_bh_disable} on the current CPU and, when
     * that enables bottom halves outside interrupt context, runs the softirqs raised meanwhile.
     */
    public void localBhEnable() {
        Cpu cpu = cpus.current();
        cpu.localBhEnable();
        if (mayRunNow(cpu)) {
            doSoftirq(cpu);
        }
    }

    /** Whether {@code type} is pending on {@code cpu}. */
    public boolean pending(Cpu cpu, SoftirqType type) {
        return (pending[cpu.id()] & (1 << type.ordinal())) != 0;
    }

    /** {@code irq_exit}: runs pending softirqs on the current CPU, unless it is already in interrupt context. */
    public void irqExit() {
        Cpu cpu = cpus.current();
        if (mayRunNow(cpu)) {
            doSoftirq(cpu);
        }
    }

    /** Something is pending and nothing holds softirqs off here: not in interrupt context, IRQs and BHs on. */
    private boolean mayRunNow(Cpu cpu) {
        return pending[cpu.id()] != 0 && !cpu.inHardIrq() && !cpu.inSoftIrq() && cpu.irqsOffDepth() == 0
                && cpu.bhDisableDepth() == 0;
    }

    /** {@code __do_softirq}: the restart and time limits, then ksoftirqd for the rest. */
    private void doSoftirq(Cpu cpu) {
        cpus.runOn(cpu, ExecContext.SOFTIRQ, softirqLoops[cpu.id()]); // one body per CPU: no allocation per IRQ exit
    }

    private void softirqLoop(Cpu cpu) {
        long end = cpus.now() + MAX_SOFTIRQ_TIME_NANOS;
        int restartLeft = MAX_SOFTIRQ_RESTART;
        while (true) {
            runPendingOnce(cpu);
            if (pending[cpu.id()] == 0) {
                return;
            }
            if (cpus.now() >= end || --restartLeft <= 0) {
                wakeupKsoftirqd(cpu);
                return;
            }
        }
    }

    private void runPendingOnce(Cpu cpu) {
        cpus.charge(costs.softirqEntry());
        int bits = pending[cpu.id()];
        pending[cpu.id()] = 0;
        for (SoftirqType type : TYPES) {
            if ((bits & (1 << type.ordinal())) == 0) {
                continue;
            }
            counts[cpu.id()][type.ordinal()]++;
            Consumer<Cpu> action = handlers.get(type);
            if (action != null) {
                tracepoints.fire(Tracepoint.SOFTIRQ_ENTRY, null, type.ordinal(), 0);
                action.accept(cpu);
                tracepoints.fire(Tracepoint.SOFTIRQ_EXIT, null, type.ordinal(), 0);
            }
        }
    }

    /** {@code wakeup_softirqd}: the per-CPU thread runs the pending softirqs as an event, in task context. */
    private void wakeupKsoftirqd(Cpu cpu) {
        if (ksoftirqdWoken[cpu.id()]) {
            return;
        }
        ksoftirqdWoken[cpu.id()] = true;
        // The thread runs when the CPU has nothing more urgent: never inside an interrupt or softirq;
        // and not before the waker's own clock (cpus.now() is ahead of the engine while code runs).
        engine.schedule(cpus.now(), "ksoftirqd/" + cpu.id(), () -> cpus.runWhenIdle(cpu, () -> {
            ksoftirqdWoken[cpu.id()] = false;
            ksoftirqdRuns[cpu.id()]++;
            cpus.runAsKsoftirqd(cpu, () -> runPendingOnce(cpu));
            cpus.takePending(cpu);
            if (pending[cpu.id()] != 0) {
                wakeupKsoftirqd(cpu);
            }
        }));
    }

    /** How many times ksoftirqd ran on {@code cpu}. */
    public long ksoftirqdRuns(int cpu) {
        return ksoftirqdRuns[cpu];
    }

    /** How many times {@code type} ran on {@code cpu}. */
    public long count(int cpu, SoftirqType type) {
        return counts[cpu][type.ordinal()];
    }

    /** {@code /proc/softirqs}. */
    public String procSoftirqs() {
        StringBuilder sb = new StringBuilder("                ");
        for (int c = 0; c < cpus.count(); c++) {
            sb.append(String.format("%-11s", "CPU" + c));
        }
        sb.append('\n');
        for (SoftirqType t : SoftirqType.values()) {
            sb.append(String.format("%12s:", t.name()));
            for (int c = 0; c < cpus.count(); c++) {
                sb.append(String.format("%11d", counts[c][t.ordinal()]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
