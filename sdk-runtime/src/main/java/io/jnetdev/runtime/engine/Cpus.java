package io.jnetdev.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The machine's virtual CPUs, which one is executing now, and hard-IRQ delivery to them.
 *
 * <p>A raised IRQ is queued on its target CPU and taken at the first chance: at once through an
 * engine event when the CPU is idle, or at the next instruction boundary ({@link #boundary()})
 * of the code running on it, provided that code has interrupts enabled.
 */
public final class Cpus {
    private final Engine engine;
    private final List<Cpu> cpus = new ArrayList<>();
    private Cpu current;
    /** Spinlocks held over all CPUs. */
    private int locksHeld;
    private IntConsumer irqEntry = irq -> {
        throw new IllegalStateException("no IRQ entry installed");
    };
    /**
     * The vector of the per-CPU local timer interrupt (the LAPIC timer, "LOC" in
     * {@code /proc/interrupts}): queued with {@link #raise} like a device IRQ, so it waits while
     * interrupts are off, but taken by {@link #localTimerEntry} instead of the IRQ core.
     */
    public static final int LOCAL_TIMER_VECTOR = -1;
    private java.util.function.Consumer<Cpu> localTimerEntry = cpu -> { };

    public Cpus(Engine engine, int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("a machine has 1..64 CPUs, not " + count);
        }
        this.engine = engine;
        for (int i = 0; i < count; i++) {
            Cpu cpu = new Cpu(i);
            cpu.delivery = engine.newEvent("irq delivery " + cpu, () -> {
                takePending(cpu);
                if (!cpu.busy()) {
                    runDeferred(cpu);
                }
            });
            cpus.add(cpu);
        }
        current = cpus.getFirst();
    }

    /** Installs the IRQ core's entry point ({@code do_IRQ}), called on the current CPU with the IRQ number. */
    public void irqEntry(IntConsumer entry) {
        this.irqEntry = entry;
    }

    /** Installs the tick handler ({@code local_apic_timer_interrupt}), called on the CPU that took it. */
    public void localTimerEntry(java.util.function.Consumer<Cpu> entry) {
        this.localTimerEntry = entry;
    }

    public int count() {
        return cpus.size();
    }

    public Cpu get(int id) {
        return cpus.get(id);
    }

    public List<Cpu> all() {
        return List.copyOf(cpus);
    }

    /** The CPU whose code is executing now. */
    public Cpu current() {
        return current;
    }

    /**
     * Runs {@code body} on {@code cpu} in {@code context}, restoring the previous CPU after. An idle
     * CPU starts at the engine's time; when its outermost frame ends, work that waited for it runs.
     */
    public void runOn(Cpu cpu, ExecContext context, Runnable body) {
        Cpu previous = current;
        current = cpu;
        if (!cpu.busy() || cpu.sleeping) {
            cpu.localTime = Math.max(cpu.localTime, engine.now());
        }
        cpu.enter(context);
        try {
            body.run();
        } finally {
            cpu.exit(context);
            current = previous;
        }
        if (!cpu.busy()) {
            runDeferred(cpu);
        }
    }

    /**
     * Runs task-level work ({@code ksoftirqd}, an IRQ thread, a work item) on {@code cpu} now if the
     * CPU is idle, else as soon as it falls idle — such work never preempts what runs there.
     */
    public void runWhenIdle(Cpu cpu, Runnable work) {
        if (heldElsewhere(cpu)) {
            cpu.waitedForLock = true;
            cpu.deferred.addLast(work);
        } else if (cpu.busy() && !cpu.sleeping) {
            cpu.deferred.addLast(work);
        } else {
            work.run();
        }
    }

    private void runDeferred(Cpu cpu) {
        Runnable work;
        while ((!cpu.busy() || cpu.sleeping) && !heldElsewhere(cpu) && (work = cpu.deferred.pollFirst()) != null) {
            work.run();
        }
    }

    /**
     * Charges {@code nanos} of work to the current CPU: its clock advances, the time is accounted
     * to the current context, the rest of the machine runs up to the CPU's new time (devices keep
     * receiving, other CPUs keep working), and the call ends at an instruction boundary.
     */
    public void charge(long nanos) {
        Cpu cpu = current;
        if (nanos > 0 && cpu.busy()) {
            long t = cpu.localTime + nanos;
            cpu.localTime = t;
            cpu.bucketNanos += nanos;
            if (engine.nextEventAt() <= t) {
                engine.runUntil(t);
            }
        }
        if (cpu.hasPending()) { // the common case, nothing pending, reads one field
            takePending(cpu);
        }
    }

    /** Runs {@code body} as the CPU's ksoftirqd thread: task context running softirqs, accounted apart. */
    public void runAsKsoftirqd(Cpu cpu, Runnable body) {
        cpu.ksoftirqd(1);
        try {
            runOn(cpu, ExecContext.TASK, () -> runOn(cpu, ExecContext.SOFTIRQ, body));
        } finally {
            cpu.ksoftirqd(-1);
        }
    }

    /**
     * The current CPU sleeps for {@code nanos} ({@code msleep}): the rest of the machine runs, and
     * this CPU counts as idle meanwhile — interrupts and task work may run on it.
     */
    public void sleep(long nanos) {
        Cpu cpu = current;
        long wake = now() + nanos;
        boolean wasSleeping = cpu.sleeping;
        cpu.sleeping = true;
        try {
            runDeferred(cpu); // work waiting for this CPU (ksoftirqd, a kworker) runs while it sleeps, as in sleepUntil
            engine.runUntil(wake);
        } finally {
            cpu.sleeping = wasSleeping;
            current = cpu;
        }
        cpu.localTime = Math.max(cpu.localTime, wake);
        takePending(cpu);
    }

    /**
     * The current CPU sleeps until {@code done} holds ({@code wait_event_timeout}): the rest of the
     * machine runs event by event, and this CPU counts as idle meanwhile, so work waiting for it
     * (a kworker, ksoftirqd) runs on it too. Gives up after {@code timeoutNanos}, or at once when
     * nothing is left that could make {@code done} true.
     *
     * @return whether {@code done} holds
     */
    public boolean sleepUntil(java.util.function.BooleanSupplier done, long timeoutNanos) {
        Cpu cpu = current;
        long deadline = now() + timeoutNanos;
        boolean wasSleeping = cpu.sleeping;
        cpu.sleeping = true;
        try {
            runDeferred(cpu);
            while (!done.getAsBoolean()) {
                long next = engine.nextEventAt();
                if (next == Long.MAX_VALUE) {
                    break;
                }
                if (next > deadline) {
                    engine.runUntil(deadline);
                    break;
                }
                engine.runUntil(next);
                current = cpu;
            }
        } finally {
            cpu.sleeping = wasSleeping;
            current = cpu;
        }
        cpu.localTime = Math.max(cpu.localTime, engine.now());
        takePending(cpu);
        return done.getAsBoolean();
    }

    /** Virtual time as the current CPU sees it: its own clock while it executes. */
    public long now() {
        Cpu cpu = current;
        return cpu.busy() ? Math.max(cpu.localTime, engine.now()) : engine.now();
    }

    /** Queues hard IRQ {@code irq} for {@code cpu}. */
    public void raise(Cpu cpu, int irq) {
        cpu.addPending(irq);
        if (!cpu.delivery.scheduled()) {
            engine.arm(cpu.delivery, engine.now());
        }
    }

    /** An instruction boundary on the current CPU: takes pending IRQs if it may. */
    public void boundary() {
        takePending(current);
    }

    /**
     * Runs the pending IRQs of {@code cpu} if it is interruptible (called again after IRQ exit).
     * The handlers run on {@code cpu}: it is the current CPU meanwhile, whichever CPU called.
     */
    public void takePending(Cpu cpu) {
        if (!cpu.interruptible() || !cpu.hasPending()) {
            return;
        }
        if (heldElsewhere(cpu)) {
            cpu.waitedForLock = true;
            return;
        }
        Cpu previous = current;
        current = cpu;
        try {
            while (cpu.interruptible() && cpu.hasPending()) {
                int irq = cpu.pollPending();
                if (irq == LOCAL_TIMER_VECTOR) {
                    localTimerEntry.accept(cpu);
                } else {
                    irqEntry.accept(irq);
                }
            }
        } finally {
            current = previous;
        }
    }

    // ---- spinlocks across CPUs -----------------------------------------------------------

    /**
     * One thread runs every CPU, so a CPU that spins on a lock held by a CPU lower on the Java
     * stack could never see it released. The engine therefore starts nothing new on another CPU
     * (IRQ delivery, task work) while a CPU holds a spinlock: what arrives waits, as if it spun,
     * and starts when the last lock is dropped, no earlier than that CPU's clock. Critical
     * sections are short, so the distortion is at most their length.
     */
    public void lockAcquired(Cpu cpu) {
        cpu.locksHeld++;
        locksHeld++;
    }

    /** The counterpart of {@link #lockAcquired}: when no CPU holds a lock any more, the waiters start. */
    public void lockReleased(Cpu cpu) {
        if (cpu.locksHeld == 0) {
            throw new IllegalStateException(cpu + ": releases a lock it does not hold");
        }
        cpu.locksHeld--;
        locksHeld--;
        if (locksHeld == 0) {
            for (Cpu other : cpus) {
                if (other.waitedForLock) {
                    other.waitedForLock = false;
                    if (!other.busy()) {
                        other.localTime = Math.max(other.localTime, cpu.localTime);
                    }
                    engine.arm(other.delivery, engine.now());
                }
            }
        }
    }

    /** Whether a CPU other than {@code cpu} holds a spinlock now. */
    private boolean heldElsewhere(Cpu cpu) {
        return locksHeld > cpu.locksHeld;
    }
}
