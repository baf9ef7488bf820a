package io.jnetdev.api.kernel;

/**
 * A kernel timer ({@code struct timer_list}, {@code kernel/time/timer.c}), created with
 * {@link Kernel#timerSetup}. Its callback runs once per arming, in TIMER softirq context on the
 * CPU that armed it, at the first tick at which {@link Kernel#jiffies()} has reached
 * {@link #expires()}. Softirq context is atomic: the callback must not sleep.
 *
 * <p>Linux keeps timers in a wheel whose coarser levels may fire a long timer a little late; the
 * simulation fires every timer exactly at its jiffy (no wheel granularity). A timer armed for a
 * jiffy that has already begun fires at the next tick, as in Linux.
 *
 * <p>A timer belongs to the module or device that created it: still pending when that module is
 * unloaded or that device removed, it is reported ({@code ODEBUG}) and cancelled.
 */
public interface KernelTimer {

    /** The name given at setup, used in reports (Linux prints the callback's symbol). */
    String name();

    /**
     * {@code mod_timer}: (re)arms the timer to fire when jiffies reach {@code expires}, on the
     * calling CPU (a timer whose callback is running stays on that callback's CPU).
     *
     * @return whether the timer was pending before the call
     */
    boolean modTimer(long expires);

    /**
     * {@code timer_delete} ({@code del_timer}): deactivates the timer. A callback already running
     * on another CPU is not waited for.
     *
     * @return whether the timer was pending
     */
    boolean delTimer();

    /**
     * {@code timer_delete_sync} ({@code del_timer_sync}): deactivates the timer and waits for a
     * running callback to return. May sleep (as on PREEMPT_RT): calling it from hard-IRQ or
     * softirq context, with interrupts off or a spinlock held, is recorded as R21.
     *
     * @return whether the timer was pending
     */
    boolean delTimerSync();

    /** {@code timer_pending}: armed and not yet run. */
    boolean pending();

    /** The jiffy the timer was last armed for. */
    long expires();
}
