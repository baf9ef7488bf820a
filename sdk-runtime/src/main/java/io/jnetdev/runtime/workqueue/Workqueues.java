package io.jnetdev.runtime.workqueue;

import io.jnetdev.api.kernel.Work;
import io.jnetdev.api.kernel.Workqueue;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import java.util.ArrayDeque;

/**
 * Workqueues: {@code kernel/workqueue.c} for per-CPU queues. Queued work runs on the queueing
 * CPU in a kernel worker ({@code kworker/N:name}): process context, so it may sleep. The worker
 * is task-level work of that CPU ({@link Cpus#runWhenIdle}): it never preempts what runs there,
 * and runs while the CPU's task sleeps. An item is not re-entrant: queued while it runs, it is
 * queued on the CPU running it and runs there after the current run. Delayed work is not here
 * (it needs kernel timers).
 */
public final class Workqueues {
    /** Waits longer than this are reported as hung, as the hung-task detector's 120 s. */
    static final long HUNG_TASK_NANOS = 120_000_000_000L;

    private final Engine engine;
    private final Cpus cpus;
    private final Violations violations;
    private final KernelLog log;
    private final WorkqueueImpl systemWq;
    /** The item each CPU's innermost worker runs now (a worker can nest over a sleeping one), or null. */
    private final WorkImpl[] current;

    public Workqueues(Engine engine, Cpus cpus, Violations violations, KernelLog log) {
        this.log = log;
        this.engine = engine;
        this.cpus = cpus;
        this.violations = violations;
        this.systemWq = new WorkqueueImpl(this, "events", cpus.count());
        this.current = new WorkImpl[cpus.count()];
    }

    /** {@code system_wq}. */
    public Workqueue systemWq() {
        return systemWq;
    }

    /** {@code INIT_WORK}: the item belongs to the driver code running now (its probe, usually). */
    public Work initWork(String name, Runnable fn) {
        if (fn == null) {
            throw new IllegalArgumentException("INIT_WORK(" + name + "): no function");
        }
        Cpu cpu = cpus.current();
        return new WorkImpl(name, fn, cpu.codeDevice(), cpu.codeDriver());
    }

    /** {@code alloc_workqueue}. */
    public Workqueue allocWorkqueue(String name) {
        KernelServices.mightSleep(cpus, violations);
        return new WorkqueueImpl(this, name, cpus.count());
    }

    /** {@code queue_work} on {@code wq}, or on {@code system_wq} when null. */
    public boolean queueWork(Workqueue wq, Work work) {
        WorkqueueImpl q = wq == null ? systemWq : (WorkqueueImpl) wq;
        WorkImpl w = (WorkImpl) work;
        if (w.pending) {
            return false;
        }
        if (q.destroyed) {
            Cpu cpu = cpus.current();
            violations.warn("BUG", cpu.codeDevice(), cpu.codeDriver(), "workqueue: cannot queue " + w.name
                    + " on wq " + q.name + ": destroyed");
            return false;
        }
        // __queue_work: the local CPU, unless the item runs somewhere on this queue (non-reentrancy).
        Cpu cpu = w.runningOn != null && w.runningWq == q ? w.runningOn : cpus.current();
        w.pending = true;
        w.queuedWq = q;
        w.queuedOn = cpu;
        q.worklist[cpu.id()].addLast(w);
        wakeWorker(q, cpu);
        return true;
    }

    /** {@code flush_work}. */
    public boolean flushWork(Work work) {
        WorkImpl w = (WorkImpl) work;
        if (!mayWait("flush_work", w)) {
            return false;
        }
        if (w.idle()) {
            return false;
        }
        waitFor(() -> w.idle(), "flush_work(" + w.name + ")", w.device, w.driver);
        return true;
    }

    /** {@code cancel_work_sync}. */
    public boolean cancelWorkSync(Work work) {
        WorkImpl w = (WorkImpl) work;
        boolean wasPending = w.pending;
        if (wasPending) {
            w.queuedWq.worklist[w.queuedOn.id()].remove(w);
            w.pending = false;
            w.queuedWq = null;
            w.queuedOn = null;
        }
        // The checks of the wait for a run in progress; such a run always ended before this call
        // (a run started during a sleep of the caller finishes before the sleep returns).
        mayWait("cancel_work_sync", w);
        return wasPending;
    }

    /** {@code flush_workqueue}. */
    void flushWorkqueue(WorkqueueImpl q) {
        Cpu cpu = cpus.current();
        if (KernelServices.mightSleep(cpus, violations) || q.drained()) {
            return;
        }
        if (q.running > 0) {
            log.info("workqueue: flush_workqueue(" + q.name + ") cannot wait for the " + q.running
                    + " run(s) in progress in the one-thread engine; returning without waiting");
            return;
        }
        waitFor(q::drained, "flush_workqueue(" + q.name + ")", cpu.codeDevice(), cpu.codeDriver());
    }

    /** {@code destroy_workqueue}: drains, then refuses new work. */
    void destroyWorkqueue(WorkqueueImpl q) {
        flushWorkqueue(q);
        q.destroyed = true;
    }

    /**
     * Whether the caller may wait for {@code w}: not from atomic context (R21, and the wait is
     * skipped, where a real kernel would schedule while atomic) and not from {@code w} itself
     * (which would wait for its own end for ever).
     */
    private boolean mayWait(String op, WorkImpl w) {
        if (KernelServices.mightSleep(cpus, violations)) {
            return false;
        }
        Cpu cpu = cpus.current();
        if (current[cpu.id()] == w) {
            violations.warn("BUG", w.device, w.driver, op + "(" + w.name + ") called from " + w.name
                    + " itself: it would wait for its own end (deadlock)");
            return false;
        }
        if (w.runningOn != null) {
            // A run in progress that is not ours is lower on the engine's one Java stack (it slept, and
            // this caller started meanwhile): it cannot go on until this call returns, so no wait can end.
            log.info("workqueue: " + op + "(" + w.name + ") cannot wait for the run in progress on " + w.runningOn
                    + " in the one-thread engine; returning without waiting");
            return false;
        }
        return true;
    }

    private void waitFor(java.util.function.BooleanSupplier done, String what, String device, String driver) {
        if (!cpus.sleepUntil(done, HUNG_TASK_NANOS)) {
            violations.warn("BUG", device, driver, "INFO: task blocked in " + what + " for more than 120 seconds"
                    + " or with nothing left that could end the wait");
        }
    }

    private void wakeWorker(WorkqueueImpl q, Cpu cpu) {
        if (q.workerWoken[cpu.id()]) {
            return;
        }
        q.workerWoken[cpu.id()] = true;
        // Not before the waker's own clock: cpus.now() is ahead of the engine while code runs.
        engine.schedule(cpus.now(), "kworker/" + cpu.id() + ":" + q.name, () -> cpus.runWhenIdle(cpu, () -> {
            q.workerWoken[cpu.id()] = false;
            cpus.runOn(cpu, ExecContext.TASK, () -> workerThread(q, cpu));
            cpus.takePending(cpu);
        }));
    }

    /** {@code worker_thread}: runs this CPU's list; an item running in an outer (sleeping) worker is left to it. */
    private void workerThread(WorkqueueImpl q, Cpu cpu) {
        ArrayDeque<WorkImpl> list = q.worklist[cpu.id()];
        int skipped = 0;
        while (list.size() > skipped) {
            WorkImpl w = list.pollFirst();
            if (w.runningOn != null) {
                list.addLast(w); // the worker already running it picks it up after this run
                skipped++;
                continue;
            }
            processOneWork(q, cpu, w);
        }
    }

    /** {@code process_one_work}: PENDING is cleared before the function runs, so it may queue itself again. */
    private void processOneWork(WorkqueueImpl q, Cpu cpu, WorkImpl w) {
        w.pending = false;
        w.queuedWq = null;
        w.queuedOn = null;
        w.runningOn = cpu;
        w.runningWq = q;
        w.runs++;
        q.running++;
        WorkImpl outerWork = current[cpu.id()];
        current[cpu.id()] = w;
        cpu.enterCode(w.device, w.driver, -1);
        try {
            w.fn.run();
        } catch (RuntimeException e) {
            violations.warn("BUG", w.device, w.driver, "work " + w.name + " on " + q.name + " threw " + e);
        } finally {
            cpu.exitCode();
            current[cpu.id()] = outerWork;
            w.runningOn = null;
            w.runningWq = null;
            q.running--;
        }
        if (cpu.locksHeld() > 0 || cpu.irqsOffDepth() > 0 || cpu.bhDisableDepth() > 0) {
            // process_one_work: "BUG: workqueue leaked lock or atomic"
            violations.warn("BUG", w.device, w.driver, "workqueue leaked lock or atomic: " + w.name + " returned with "
                    + cpu.locksHeld() + " lock(s) held, irqs off depth " + cpu.irqsOffDepth() + ", bh off depth "
                    + cpu.bhDisableDepth());
        }
    }
}
