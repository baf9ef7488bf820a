package io.jnetdev.runtime.softirq;

import io.jnetdev.api.kernel.Tasklet;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import java.util.ArrayDeque;

/**
 * Tasklets: {@code kernel/softirq.c}'s per-CPU tasklet lists, run by the TASKLET and HI softirqs
 * ({@code tasklet_action}, {@code tasklet_hi_action}).
 *
 * <p>Two departures, both because one Java thread runs every CPU: where Linux re-raises the
 * softirq for a tasklet that is running on another CPU or is disabled (so ksoftirqd spins until
 * it can run), here the tasklet stays queued and the softirq is raised again when the other
 * CPU's run ends, or at {@code tasklet_enable}. The order of runs is the same.
 */
public final class Tasklets {
    /** How long {@code tasklet_kill} waits before it is reported as hung: the hung-task timeout, 120 s. */
    static final long KILL_TIMEOUT_NANOS = 120_000_000_000L;

    private final Cpus cpus;
    private final Softirqs softirqs;
    private final Violations violations;
    private final KernelLog log;
    /** {@code tasklet_vec} and {@code tasklet_hi_vec}, per CPU. */
    private final ArrayDeque<TaskletImpl>[] normal;
    private final ArrayDeque<TaskletImpl>[] hi;

    @SuppressWarnings("unchecked")
    public Tasklets(Cpus cpus, Softirqs softirqs, Violations violations, KernelLog log) {
        this.log = log;
        this.cpus = cpus;
        this.softirqs = softirqs;
        this.violations = violations;
        this.normal = new ArrayDeque[cpus.count()];
        this.hi = new ArrayDeque[cpus.count()];
        for (int i = 0; i < cpus.count(); i++) {
            normal[i] = new ArrayDeque<>();
            hi[i] = new ArrayDeque<>();
        }
        softirqs.open(SoftirqType.TASKLET, cpu -> action(cpu, normal[cpu.id()], SoftirqType.TASKLET));
        softirqs.open(SoftirqType.HI, cpu -> action(cpu, hi[cpu.id()], SoftirqType.HI));
    }

    /** {@code tasklet_setup}: the tasklet belongs to the driver code running now (its probe, usually). */
    public Tasklet setup(String name, Runnable callback) {
        if (callback == null) {
            throw new IllegalArgumentException("tasklet_setup(" + name + "): no callback");
        }
        Cpu cpu = cpus.current();
        return new TaskletImpl(this, name, callback, cpu.codeDevice(), cpu.codeDriver());
    }

    /** Tasklets queued on {@code cpu}'s TASKLET list (scheduled, or waiting to run again). */
    public int queued(int cpu) {
        return normal[cpu].size();
    }

    /** {@code __tasklet_schedule_common}: the SCHED bit was clear; queue on this CPU and raise. */
    void schedule(TaskletImpl t, boolean hiPriority) {
        Cpu cpu = cpus.current();
        // local_irq_save around the list operation: no interrupt comes in between.
        cpu.localIrqDisable();
        t.queuedOn = cpu;
        t.type = hiPriority ? SoftirqType.HI : SoftirqType.TASKLET;
        (hiPriority ? hi : normal)[cpu.id()].addLast(t);
        softirqs.raiseOn(cpu, t.type);
        cpu.localIrqEnable();
        cpus.boundary();
    }

    /** {@code tasklet_enable} brought the count to zero: run it if it waits on a list. */
    void enabled(TaskletImpl t) {
        if (t.queuedOn != null) {
            softirqs.raiseOn(t.queuedOn, t.type);
        }
    }

    /** {@code tasklet_kill}. */
    void kill(TaskletImpl t) {
        if (KernelServices.mightSleep(cpus, violations)) {
            // "Attempt to kill tasklet from interrupt": a real kernel would schedule while atomic; contained here.
            return;
        }
        if (t.runningOn == cpus.current()) {
            violations.warn("BUG", t.device, t.driver, "tasklet_kill(" + t.name + ") from the tasklet itself: it would wait for ever");
            return;
        }
        if (t.runningOn != null) {
            // The run is lower on the engine's one Java stack (this caller started on another CPU while
            // it ran) and cannot end before this call returns.
            log.info("tasklet_kill(" + t.name + ") cannot wait for the run in progress on " + t.runningOn
                    + " in the one-thread engine; returning without waiting");
            return;
        }
        if (!cpus.sleepUntil(() -> !t.sched && t.runningOn == null, KILL_TIMEOUT_NANOS)) {
            violations.warn("BUG", t.device, t.driver, "tasklet_kill(" + t.name + ") waits for ever: the tasklet is "
                    + (t.disableCount > 0 ? "disabled and scheduled" : "still scheduled or running"));
        }
    }

    /** {@code tasklet_action_common}: runs what is on the list now; what cannot run stays queued. */
    private void action(Cpu cpu, ArrayDeque<TaskletImpl> list, SoftirqType type) {
        int n = list.size();
        for (int i = 0; i < n; i++) {
            TaskletImpl t = list.pollFirst();
            if (t.runningOn != null) {
                // tasklet_trylock failed: running on another CPU. Run here after it ends there.
                t.waitingCpus |= 1L << cpu.id();
                list.addLast(t);
                continue;
            }
            if (t.disableCount != 0) {
                list.addLast(t); // tasklet_enable raises the softirq again
                continue;
            }
            if (!t.sched) {
                violations.warn("BUG", t.device, t.driver, "tasklet " + t.name + " on the list of " + cpu
                        + " without TASKLET_STATE_SCHED");
            }
            t.sched = false;
            t.queuedOn = null;
            run(cpu, t);
        }
    }

    private void run(Cpu cpu, TaskletImpl t) {
        t.runningOn = cpu;
        t.runs++;
        cpu.enterCode(t.device, t.driver, -1);
        try {
            t.callback.run();
        } catch (RuntimeException e) {
            violations.warn("BUG", t.device, t.driver, "tasklet " + t.name + " threw " + e);
        } finally {
            cpu.exitCode();
            t.runningOn = null;
        }
        long waiting = t.waitingCpus;
        t.waitingCpus = 0;
        for (int id = 0; waiting != 0; id++, waiting >>>= 1) {
            if ((waiting & 1) != 0) {
                softirqs.raiseOn(cpus.get(id), t.type);
            }
        }
    }
}
