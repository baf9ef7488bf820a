package io.jnetdev.runtime.timer;

import io.jnetdev.api.kernel.KernelTimer;

/**
 * A {@code struct timer_list} as the timer core keeps it: its callback, its owner (for the
 * ODEBUG check), and where it waits — the base of the CPU that armed it — while pending.
 */
public final class KernelTimerImpl implements KernelTimer, Comparable<KernelTimerImpl> {
    private final TimerCore core;
    private final String name;
    final Runnable callback;
    /** The device and driver (or module) whose code set the timer up; null for the core's own timers. */
    final String ownerDevice;
    final String ownerDriver;
    /** A stable number for reports (Linux prints the object's hashed address). */
    final long id;
    long expires;
    /** The jiffy whose tick runs it: {@code expires}, or the next tick when that jiffy has begun. */
    long fireJiffy;
    /** Arming order, to break ties between timers of the same jiffy. */
    long order;
    /** The base it waits on, or null when not pending. */
    TimerCore.TimerBase base;
    /** Whether its callback is running, and on which CPU. */
    boolean running;
    int runningCpu = -1;

    KernelTimerImpl(TimerCore core, long id, String name, Runnable callback, String ownerDevice, String ownerDriver) {
        this.core = core;
        this.id = id;
        this.name = name;
        this.callback = callback;
        this.ownerDevice = ownerDevice;
        this.ownerDriver = ownerDriver;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean modTimer(long expires) {
        return core.modTimer(this, expires);
    }

    @Override
    public boolean delTimer() {
        return core.delTimer(this);
    }

    @Override
    public boolean delTimerSync() {
        return core.delTimerSync(this);
    }

    @Override
    public boolean pending() {
        return base != null;
    }

    @Override
    public long expires() {
        return expires;
    }

    /** Whether the callback is running now (on some CPU). */
    public boolean running() {
        return running;
    }

    /** The device whose driver set the timer up, or null. */
    public String ownerDevice() {
        return ownerDevice;
    }

    /** The driver (or module) whose code set the timer up, or null for a core timer. */
    public String ownerDriver() {
        return ownerDriver;
    }

    @Override
    public int compareTo(KernelTimerImpl o) {
        int c = Long.compare(fireJiffy, o.fireJiffy);
        return c != 0 ? c : Long.compare(order, o.order);
    }

    @Override
    public String toString() {
        return "timer " + name + (base != null ? " (pending, expires " + expires + ")" : "");
    }
}
