package io.jnetdev.runtime.kernel;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.pci.MemoryBuffer;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.locking.Locking;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.api.kernel.Tasklet;
import io.jnetdev.runtime.softirq.Tasklets;
import io.jnetdev.runtime.workqueue.Workqueues;
import io.jnetdev.api.kernel.Work;
import io.jnetdev.api.kernel.Workqueue;
import io.jnetdev.runtime.mem.PhysicalMemory;

/**
 * Kernel services for drivers: virtual time, delays, {@code kmalloc} and {@code printk}, with the
 * {@code might_sleep} check a debug kernel makes ("sleeping function called from invalid context").
 */
public final class KernelServices implements Kernel {
    private final Engine engine;
    private final Cpus cpus;
    private final KernelLog log;
    private final Violations violations;
    private final PhysicalMemory memory;
    private final int hz;
    private java.util.function.Supplier<io.jnetdev.runtime.timer.TimerCore> timers = () -> {
        throw new UnsupportedOperationException("this machine has no timer core");
    };
    private final Locking locking;
    private final Tasklets tasklets;
    private final Workqueues workqueues;

    public KernelServices(Engine engine, Cpus cpus, KernelLog log, Violations violations, PhysicalMemory memory, int hz,
                          Locking locking, Tasklets tasklets, Workqueues workqueues) {
        this.locking = locking;
        this.tasklets = tasklets;
        this.workqueues = workqueues;
        this.engine = engine;
        this.cpus = cpus;
        this.log = log;
        this.violations = violations;
        this.memory = memory;
        this.hz = hz;
    }

    /** The timer core behind {@link #timerSetup}; a supplier, since the timer core itself uses these services. */
    public void timers(java.util.function.Supplier<io.jnetdev.runtime.timer.TimerCore> timers) {
        this.timers = timers;
    }

    @Override
    public long nowNanos() {
        return cpus.now();
    }

    @Override
    public long jiffies() {
        return cpus.now() / (1_000_000_000L / hz);
    }

    @Override
    public int hz() {
        return hz;
    }

    @Override
    public void udelay(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("udelay(" + micros + ")");
        }
        // A busy wait: the CPU spins (busy time), devices and other CPUs go on; interrupts only if enabled.
        if (cpus.current().busy()) {
            cpus.charge(micros * 1000);
        } else {
            // called from outside any CPU's code (a test or the shell driving the machine): no CPU
            // time to charge, but the wait still lets the devices' virtual time pass, or a driver
            // polling a busy bit with udelay could never see it clear
            engine.runFor(micros * 1000);
        }
    }

    @Override
    public void msleep(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("msleep(" + millis + ")");
        }
        mightSleep();
        cpus.sleep(millis * 1_000_000);
    }

    @Override
    public void mightSleep() {
        mightSleep(cpus, violations);
    }

    /**
     * {@code might_sleep} for the core's own sleeping calls ({@code flush_work}, {@code
     * tasklet_kill}): records R21 when the current CPU is atomic; returns whether it was.
     */
    public static boolean mightSleep(Cpus cpus, Violations violations) {
        Cpu cpu = cpus.current();
        if (!cpu.atomic()) {
            return false;
        }
        violations.warn("R21", cpu.codeDevice(), cpu.codeDriver(), "BUG: sleeping function called from invalid context on " + cpu
                + " (" + cpu.context() + (cpu.irqsOffDepth() > 0 ? ", irqs disabled" : "")
                + (cpu.locksHeld() > 0 ? ", " + cpu.locksHeld() + " spinlock(s) held" : "")
                + (cpu.bhDisableDepth() > 0 ? ", softirqs disabled" : "") + ")");
        return true;
    }

    @Override
    public boolean inAtomicContext() {
        return cpus.current().atomic();
    }

    @Override
    public MemoryBuffer kmalloc(long size) throws ErrnoException {
        mightSleep();
        return memory.allocate(size, Long.MAX_VALUE, "kmalloc");
    }

    @Override
    public void kfree(MemoryBuffer buffer) {
        if (!(buffer instanceof PhysicalMemory.Block block) || !block.owner().equals("kmalloc")) {
            throw new IllegalArgumentException("kfree of memory not from kmalloc: " + buffer);
        }
        memory.free(block);
    }

    @Override
    public void printk(LogLevel level, String message) {
        log.log(level, message);
    }

    /** {@code timer_setup}: owned by the device and driver whose code runs on this CPU (see {@link io.jnetdev.runtime.timer.TimerCore#setup}). */
    @Override
    public io.jnetdev.api.kernel.KernelTimer timerSetup(String name, Runnable callback) {
        return timers.get().setup(name, callback);
    }

    // ---- locking and bottom halves ----------------------------------------------------------

    @Override
    public SpinLock spinLockInit(String name) {
        return locking.spinLockInit(name);
    }

    @Override
    public long localIrqSave() {
        return locking.localIrqSave();
    }

    @Override
    public void localIrqRestore(long flags) {
        locking.localIrqRestore(flags);
    }

    @Override
    public void localBhDisable() {
        locking.localBhDisable();
    }

    @Override
    public void localBhEnable() {
        locking.localBhEnable();
    }

    @Override
    public Tasklet taskletSetup(String name, Runnable callback) {
        return tasklets.setup(name, callback);
    }

    @Override
    public Work initWork(String name, Runnable fn) {
        return workqueues.initWork(name, fn);
    }

    @Override
    public boolean scheduleWork(Work work) {
        return workqueues.queueWork(null, work);
    }

    @Override
    public boolean cancelWorkSync(Work work) {
        return workqueues.cancelWorkSync(work);
    }

    @Override
    public boolean flushWork(Work work) {
        return workqueues.flushWork(work);
    }

    @Override
    public Workqueue allocWorkqueue(String name) {
        return workqueues.allocWorkqueue(name);
    }
}
