package io.jnetdev.api.kernel;

/**
 * Kernel services a driver may call from any context: time, delays and the kernel log.
 * Calls that may sleep are checked against the calling context, as a debug kernel does
 * ({@code might_sleep()}).
 */
public interface Kernel {
    /** Virtual time since boot in nanoseconds ({@code ktime_get_ns}). */
    long nowNanos();

    /** The jiffies counter: ticks of {@link #hz()} since boot. */
    long jiffies();

    /** Timer ticks per second ({@code HZ}). */
    int hz();

    /** Busy-waits {@code micros} microseconds of virtual time ({@code udelay}); allowed in atomic context. */
    void udelay(long micros);

    /** Sleeps {@code millis} milliseconds of virtual time ({@code msleep}); process context only. */
    void msleep(long millis);

    /** Declares that the caller may sleep ({@code might_sleep}); records a violation in atomic context. */
    void mightSleep();

    /** Whether the caller runs in hard-IRQ or softirq context, or with local interrupts off. */
    boolean inAtomicContext();

    /** Allocates zeroed kernel memory ({@code kzalloc}); may sleep. Free it with {@link #kfree}. */
    io.jnetdev.api.pci.MemoryBuffer kmalloc(long size) throws io.jnetdev.api.ErrnoException;

    /** Frees memory from {@link #kmalloc}; its segment is closed afterwards. */
    void kfree(io.jnetdev.api.pci.MemoryBuffer buffer);

    /** Appends a line to the kernel log ({@code printk}). */
    void printk(LogLevel level, String message);

    // ---- time conversion and kernel timers (kernel/time/timer.c, kernel/time/time.c) ----------
    // Default methods, so that implementations written before them keep compiling; the runtime
    // implements timerSetup.

    /** {@code msecs_to_jiffies}: milliseconds to jiffies, rounded up. */
    default long msecsToJiffies(long millis) {
        return (millis * hz() + 999) / 1000;
    }

    /** {@code jiffies_to_msecs}: jiffies to milliseconds, rounded up (exact when HZ divides 1000). */
    default long jiffiesToMsecs(long jiffies) {
        return (jiffies * 1000 + hz() - 1) / hz();
    }

    /**
     * {@code timer_setup}: creates an inactive timer whose {@code callback} runs in TIMER softirq
     * context each time it expires. The timer belongs to the device and driver whose code calls
     * this (probe, open, a handler): still pending when that device is removed or the driver's
     * module unloaded, it is reported ({@code ODEBUG}) and cancelled.
     *
     * @param name     names the timer in reports, as Linux prints the callback's symbol
     * @param callback what runs at expiry; atomic context, must not sleep
     * @throws UnsupportedOperationException if this kernel has no timers
     */
    default KernelTimer timerSetup(String name, Runnable callback) {
        throw new UnsupportedOperationException("timer_setup is not provided by " + getClass().getName());
    }

    // ---- locking and bottom halves (spinlock.h, irqflags.h, bottom_half.h, interrupt.h, workqueue.h) ----

    /** {@code spin_lock_init}: a new, unlocked spinlock; {@code name} names it in lock-debugging reports. */
    SpinLock spinLockInit(String name);

    /**
     * {@code local_irq_save}: disables hard interrupts on this CPU.
     *
     * @return the previous interrupt state, for {@link #localIrqRestore}
     */
    long localIrqSave();

    /** {@code local_irq_restore}: restores the state {@link #localIrqSave} returned; pending hard IRQs are taken here. */
    void localIrqRestore(long flags);

    /** {@code local_bh_disable}: holds off softirqs on this CPU; nests. */
    void localBhDisable();

    /** {@code local_bh_enable}: undoes one {@link #localBhDisable}; softirqs raised meanwhile run here. */
    void localBhEnable();

    /** {@code tasklet_setup}: a tasklet that runs {@code callback} in softirq context each time it is scheduled. */
    Tasklet taskletSetup(String name, Runnable callback);

    /** {@code INIT_WORK}: a work item that runs {@code fn} in process context each time it is queued. */
    Work initWork(String name, Runnable fn);

    /**
     * {@code schedule_work}: queues {@code work} on the system workqueue ({@code system_wq}) of this CPU.
     *
     * @return false when it was already pending
     */
    boolean scheduleWork(Work work);

    /**
     * {@code cancel_work_sync}: takes {@code work} off its queue if pending and waits for a run in
     * progress to end. May sleep.
     *
     * @return whether it was pending
     */
    boolean cancelWorkSync(Work work);

    /**
     * {@code flush_work}: waits until the last queueing of {@code work} has run. May sleep.
     *
     * @return whether it had to wait (the work was pending or running)
     */
    boolean flushWork(Work work);

    /** {@code alloc_workqueue}: a new per-CPU workqueue. May sleep. */
    Workqueue allocWorkqueue(String name);
}
