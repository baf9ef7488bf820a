package io.jnetdev.runtime.softirq;

import io.jnetdev.api.kernel.Tasklet;
import io.jnetdev.runtime.engine.Cpu;

/** One {@code tasklet_struct}: the SCHED bit, the RUN bit (the CPU running it) and the disable count. */
final class TaskletImpl implements Tasklet {
    private final Tasklets tasklets;
    final String name;
    final Runnable callback;
    /** The device and driver whose code set it up, named by the oracle when the callback misbehaves. */
    final String device;
    final String driver;
    /** {@code TASKLET_STATE_SCHED}. */
    boolean sched;
    /** {@code TASKLET_STATE_RUN}: the CPU running the callback now, or null. */
    Cpu runningOn;
    /** The CPU whose list holds it, or null. */
    Cpu queuedOn;
    /** The softirq that runs it: TASKLET, or HI after {@code tasklet_hi_schedule}. */
    SoftirqType type = SoftirqType.TASKLET;
    /** {@code t->count}: non-zero while disabled. */
    int disableCount;
    /** CPUs (bit per id) whose list holds it while it runs elsewhere: raised when that run ends. */
    long waitingCpus;
    /** Times the callback ran. */
    long runs;

    TaskletImpl(Tasklets tasklets, String name, Runnable callback, String device, String driver) {
        this.tasklets = tasklets;
        this.name = name;
        this.callback = callback;
        this.device = device;
        this.driver = driver;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void schedule() {
        if (!sched) {
            sched = true;
            tasklets.schedule(this, false);
        }
    }

    @Override
    public void hiSchedule() {
        if (!sched) {
            sched = true;
            tasklets.schedule(this, true);
        }
    }

    @Override
    public void disable() {
        // tasklet_disable also waits for a run on another CPU to end; that run is below this call on
        // the engine's stack and has therefore already ended or cannot go on until this returns.
        disableCount++;
    }

    @Override
    public void enable() {
        if (--disableCount == 0) {
            tasklets.enabled(this);
        }
    }

    @Override
    public void kill() {
        tasklets.kill(this);
    }

    @Override
    public boolean isScheduled() {
        return sched;
    }

    @Override
    public String toString() {
        return "tasklet " + name + (sched ? " SCHED" : "") + (runningOn != null ? " RUN on " + runningOn : "")
                + (disableCount != 0 ? " disabled(" + disableCount + ")" : "");
    }
}
