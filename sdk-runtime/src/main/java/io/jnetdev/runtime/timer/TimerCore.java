package io.jnetdev.runtime.timer;

import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.softirq.Softirqs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Kernel timers: Linux's {@code kernel/time/timer.c} — {@code timer_setup}, {@code mod_timer},
 * {@code timer_delete[_sync]}, the per-CPU timer bases and {@code run_timer_softirq} — with a
 * tickless ({@code NOHZ}) tick: each CPU's local timer interrupt is programmed for the earliest
 * pending expiry on its base only, so a machine without timers schedules no tick at all.
 *
 * <p>The tick is a hard interrupt ({@link Cpus#LOCAL_TIMER_VECTOR}): it waits while its CPU has
 * interrupts off, raises TIMER when a timer on the base is due, and the softirq runs on its exit
 * (or in ksoftirqd). Expired timers run in TIMER softirq context on the CPU that armed them.
 * Unlike Linux's wheel, expiry is exact to the jiffy at every distance.
 */
public final class TimerCore {
    private final Engine engine;
    private final Cpus cpus;
    private final Softirqs softirqs;
    private final Violations violations;
    private final KernelServices kernel;
    private final CostModel costs;
    private final long tickNanos;
    private final TimerBase[] bases;
    private long nextId = 1;
    private long sequence;

    /** One CPU's timer base ({@code struct timer_base}) and its programmed tick. */
    static final class TimerBase {
        final Cpu cpu;
        final PriorityQueue<KernelTimerImpl> queue = new PriorityQueue<>();
        final Engine.Event tick;
        long localTimerInterrupts;
        long expired;

        TimerBase(Cpu cpu, Engine.Event tick) {
            this.cpu = cpu;
            this.tick = tick;
        }
    }

    public TimerCore(Engine engine, Cpus cpus, Softirqs softirqs, Violations violations, KernelServices kernel,
                     CostModel costs, int hz) {
        this.engine = engine;
        this.cpus = cpus;
        this.softirqs = softirqs;
        this.violations = violations;
        this.kernel = kernel;
        this.costs = costs;
        this.tickNanos = 1_000_000_000L / hz;
        this.bases = new TimerBase[cpus.count()];
        for (int c = 0; c < cpus.count(); c++) {
            Cpu cpu = cpus.get(c);
            // The LAPIC timer fires: queued like a device IRQ, so irqs-off sections hold it back.
            bases[c] = new TimerBase(cpu, engine.newEvent("tick " + cpu, () -> cpus.raise(cpu, Cpus.LOCAL_TIMER_VECTOR)));
        }
        cpus.localTimerEntry(this::localTimerInterrupt);
        softirqs.open(SoftirqType.TIMER, this::runTimerSoftirq);
    }

    // ---- creating timers -----------------------------------------------------------------------

    /**
     * {@code timer_setup} for a driver: the timer belongs to the device and driver (or module)
     * whose code runs on the current CPU, for the ODEBUG check when they go away.
     */
    public KernelTimerImpl setup(String name, Runnable callback) {
        Cpu cpu = cpus.current();
        return newTimer(name, callback, cpu.codeDevice(), cpu.codeDriver());
    }

    /** {@code timer_setup} for the core's own use (the TX watchdog): owned by no driver. */
    public KernelTimerImpl create(String name, Runnable callback) {
        return newTimer(name, callback, null, null);
    }

    private KernelTimerImpl newTimer(String name, Runnable callback, String device, String driver) {
        if (name == null || callback == null) {
            throw new IllegalArgumentException("timer_setup needs a name and a callback (name " + name + ")");
        }
        return new KernelTimerImpl(this, nextId++, name, callback, device, driver);
    }

    // ---- arming and deleting -------------------------------------------------------------------

    private long jiffies() {
        return cpus.now() / tickNanos;
    }

    /** {@code mod_timer}: onto the arming CPU's base (a running timer stays on its callback's CPU). */
    boolean modTimer(KernelTimerImpl t, long expires) {
        boolean wasPending = detach(t);
        TimerBase base = t.running ? bases[t.runningCpu] : bases[cpus.current().id()];
        t.expires = expires;
        t.fireJiffy = Math.max(expires, jiffies() + 1);
        t.order = sequence++;
        t.base = base;
        base.queue.add(t);
        program(base);
        return wasPending;
    }

    /** {@code timer_delete}: the callback, if running elsewhere, is not waited for. */
    boolean delTimer(KernelTimerImpl t) {
        return detach(t);
    }

    /**
     * {@code timer_delete_sync}: may sleep, so atomic callers are recorded (R21). A callback that
     * is running lies further down this one thread's stack and cannot be waited for; it returns
     * before anything else runs on its CPU, which is what the wait would have guaranteed.
     */
    boolean delTimerSync(KernelTimerImpl t) {
        kernel.mightSleep();
        return detach(t);
    }

    private boolean detach(KernelTimerImpl t) {
        TimerBase base = t.base;
        if (base == null) {
            return false;
        }
        base.queue.remove(t);
        t.base = null;
        program(base);
        return true;
    }

    /** Programs the base's tick for its earliest expiry, or stops it when nothing is pending (NOHZ). */
    private void program(TimerBase base) {
        KernelTimerImpl head = base.queue.peek();
        if (head == null) {
            engine.cancel(base.tick);
            return;
        }
        long at = head.fireJiffy * tickNanos;
        if (!base.tick.scheduled() || base.tick.at() != at) {
            engine.arm(base.tick, at);
        }
    }

    // ---- the tick and the softirq --------------------------------------------------------------

    /** {@code local_apic_timer_interrupt} → {@code run_local_timers}: TIMER raised when a timer is due, then irq_exit. */
    private void localTimerInterrupt(Cpu cpu) {
        TimerBase base = bases[cpu.id()];
        base.localTimerInterrupts++;
        cpus.runOn(cpu, ExecContext.HARDIRQ, () -> {
            cpus.charge(costs.irqEntry());
            KernelTimerImpl head = base.queue.peek();
            if (head != null && head.fireJiffy <= jiffies()) {
                softirqs.raise(SoftirqType.TIMER);
            }
            cpus.charge(costs.irqExit());
        });
        if (!cpu.inHardIrq() && !cpu.inSoftIrq()) {
            softirqs.irqExit();
        }
    }

    /** {@code run_timer_softirq} → {@code __run_timers}: every timer of this CPU's base that is due, in order. */
    private void runTimerSoftirq(Cpu cpu) {
        TimerBase base = bases[cpu.id()];
        long now = jiffies();
        KernelTimerImpl t;
        while ((t = base.queue.peek()) != null && t.fireJiffy <= now) {
            base.queue.poll();
            t.base = null;
            callTimerFn(cpu, base, t);
        }
        program(base);
    }

    /** {@code call_timer_fn}: the callback runs as its owner's code, anything it throws contained. */
    private void callTimerFn(Cpu cpu, TimerBase base, KernelTimerImpl t) {
        base.expired++;
        t.running = true;
        t.runningCpu = cpu.id();
        cpu.enterCode(t.ownerDevice, t.ownerDriver, -1);
        try {
            t.callback.run();
        } catch (RuntimeException e) {
            violations.warn("BUG", t.ownerDevice, t.ownerDriver, "timer " + t.name() + " callback threw " + e);
        } finally {
            t.running = false;
            t.runningCpu = -1;
            cpu.exitCode();
        }
    }

    // ---- owners going away ---------------------------------------------------------------------

    /** Timers owned by {@code device} still pending after its driver's remove: ODEBUG, then cancelled. */
    public int deviceRemoved(String device, String driver) {
        return freeActive(t -> device.equals(t.ownerDevice), device, driver, "remove of " + device);
    }

    /**
     * Timers set up by the module's code (its init or exit, or a driver it registered) still
     * pending after its exit: ODEBUG, then cancelled, so the machine never calls unloaded code.
     */
    public int moduleUnloaded(String module, Collection<String> drivers) {
        return freeActive(t -> t.ownerDriver != null && (t.ownerDriver.equals(module) || drivers.contains(t.ownerDriver)),
                null, module, "rmmod " + module);
    }

    /** {@code debug_object_free} on active timers ({@code debug_print_object}'s "free active"). */
    private int freeActive(Predicate<KernelTimerImpl> owned, String device, String driver, String when) {
        List<KernelTimerImpl> active = new ArrayList<>();
        for (TimerBase base : bases) {
            for (KernelTimerImpl t : base.queue) {
                if (owned.test(t)) {
                    active.add(t);
                }
            }
        }
        active.sort(null);
        for (KernelTimerImpl t : active) {
            violations.warn("ODEBUG", t.ownerDevice != null ? t.ownerDevice : device, t.ownerDriver != null ? t.ownerDriver : driver,
                    String.format("ODEBUG: free active (active state 0) object: %016x object type: timer_list hint: %s (still pending at %s; cancelled)",
                            t.id, t.name(), when));
            detach(t);
        }
        return active.size();
    }

    // ---- views ---------------------------------------------------------------------------------

    /** Timers pending on every base. */
    public int pendingTimers() {
        int n = 0;
        for (TimerBase b : bases) {
            n += b.queue.size();
        }
        return n;
    }

    /** Whether {@code cpu}'s tick is programmed. */
    public boolean tickProgrammed(int cpu) {
        return bases[cpu].tick.scheduled();
    }

    /** Local timer interrupts {@code cpu} took ({@code LOC} in {@code /proc/interrupts}). */
    public long localTimerInterrupts(int cpu) {
        return bases[cpu].localTimerInterrupts;
    }

    /** Timer callbacks run on {@code cpu}. */
    public long expired(int cpu) {
        return bases[cpu].expired;
    }

    /** Nanoseconds per jiffy. */
    public long tickNanos() {
        return tickNanos;
    }
}
