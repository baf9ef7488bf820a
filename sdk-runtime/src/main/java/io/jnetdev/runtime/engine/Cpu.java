package io.jnetdev.runtime.engine;

import java.util.ArrayDeque;

/**
 * One virtual CPU: its context stack, its local-interrupt state and the hard IRQs waiting for it.
 *
 * <p>Interrupts preempt at instruction boundaries: every SDK call a driver makes calls
 * {@link Cpus#boundary()}, and if this CPU has interrupts enabled and an IRQ pending, the
 * handler runs there, nested, before the call returns.
 */
public final class Cpu {
    private final int id;
    /**
     * The context stack, innermost last, as an array with a depth: {@link #busy()} and
     * {@link #context()} are asked on every SDK call, so they read two fields, not a deque.
     */
    private ExecContext[] contexts = new ExecContext[8];
    private int depth;
    /**
     * The {@link CpuTime} ordinal that the current work is accounted to (the slot of {@link #busy}
     * that {@link #bucketNanos} belongs to), kept up to date at every enter/exit and ksoftirqd frame.
     */
    private int bucketIndex = CpuTime.TASK.ordinal();
    /**
     * Nanoseconds charged to the current bucket and not yet added to {@link #busy}: a charge (several
     * per frame) adds to this one field, and a change of bucket folds it into the array.
     */
    long bucketNanos;
    /** Hard-IRQ and softirq levels on {@link #contexts}, kept as counts: asked on every SDK call. */
    private int hardIrqDepth;
    private int softIrqDepth;
    /** Hard IRQs waiting, oldest first: a ring of IRQ numbers, so that queueing one boxes nothing. */
    private int[] pendingIrqs = new int[16];
    private int pendingHead;
    private int pendingCount;
    private int irqsOffDepth;
    /** Spinlocks held: the preemption-disable part of {@code preempt_count} a held lock adds. */
    int locksHeld;
    /** {@code local_bh_disable} depth: the softirq-disable part of {@code preempt_count}. */
    private int bhDisableDepth;
    /** Something meant for this CPU (an IRQ, task work) waited while another CPU held a spinlock. */
    boolean waitedForLock;
    // Whose code this CPU runs now: what the backtrace of a WARN would name. Callers save and restore.
    private String codeDevice;
    private String codeDriver;
    private int codeIrq = -1;
    /** What {@link #enterCode} replaced, innermost last: arrays, so a handler or poll allocates nothing. */
    private String[] savedDevice = new String[8];
    private String[] savedDriver = new String[8];
    private int[] savedIrq = new int[8];
    private int codeDepth;
    /** The engine event that delivers this CPU's pending IRQs while it is idle; armed by {@link Cpus#raise}. */
    Engine.Event delivery;
    /** This CPU's own clock while it executes: ahead of the engine by the work charged so far. */
    long localTime;
    /** Busy nanoseconds by {@link CpuTime} bucket, but for {@link #bucketNanos} not yet added. */
    private final long[] busy = new long[CpuTime.values().length];
    /** Task-level work that arrived while the CPU was busy: run when it next falls idle. */
    final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    /** Depth of ksoftirqd frames, to tell its softirq time from softirq time at IRQ exit. */
    private int ksoftirqdDepth;
    /** Sleeping in process context ({@code msleep}): idle for everything else that wants the CPU. */
    boolean sleeping;

    Cpu(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The innermost context, TASK when nothing runs. */
    public ExecContext context() {
        return depth == 0 ? ExecContext.TASK : contexts[depth - 1];
    }

    /** Whether any code runs on this CPU now (a frame is open). */
    public boolean busy() {
        return depth != 0;
    }

    /** This CPU's clock: where its executing code has got to in virtual time. */
    public long localTime() {
        return localTime;
    }

    /** Busy nanoseconds spent in {@code bucket}. */
    public long busyNanos(CpuTime bucket) {
        int b = bucket.ordinal();
        return busy[b] + (b == bucketIndex ? bucketNanos : 0);
    }

    /** Enters ({@code +1}) or leaves ({@code -1}) a ksoftirqd frame. */
    void ksoftirqd(int delta) {
        ksoftirqdDepth += delta;
        refreshBucket();
    }

    private void refreshBucket() {
        busy[bucketIndex] += bucketNanos;
        bucketNanos = 0;
        bucketIndex = bucket().ordinal();
    }

    /** The bucket the current work is accounted to. */
    private CpuTime bucket() {
        ExecContext c = context();
        if (c == ExecContext.HARDIRQ) {
            return CpuTime.HARDIRQ;
        }
        if (c == ExecContext.SOFTIRQ) {
            return ksoftirqdDepth > 0 ? CpuTime.KSOFTIRQD : CpuTime.SOFTIRQ;
        }
        return CpuTime.TASK;
    }

    public boolean inHardIrq() {
        return hardIrqDepth > 0;
    }

    public boolean inSoftIrq() {
        return softIrqDepth > 0;
    }

    /**
     * Hard-IRQ or softirq context, local interrupts off, a spinlock held or bottom halves
     * disabled ({@code in_atomic() || irqs_disabled()}): sleeping is a bug here.
     */
    public boolean atomic() {
        return inHardIrq() || inSoftIrq() || irqsOffDepth > 0 || locksHeld > 0 || bhDisableDepth > 0;
    }

    /** Spinlocks this CPU holds now. */
    public int locksHeld() {
        return locksHeld;
    }

    /** {@code local_bh_disable}; nests. Softirqs do not run on this CPU until the matching enable. */
    public void localBhDisable() {
        bhDisableDepth++;
    }

    /** {@code local_bh_enable} without running what is pending (the caller does that); undoes one disable. */
    public void localBhEnable() {
        if (bhDisableDepth == 0) {
            throw new IllegalStateException("cpu" + id + ": local_bh_enable without a disable");
        }
        bhDisableDepth--;
    }

    /** {@code softirq_count() != 0} from {@code local_bh_disable}: softirqs are held off. */
    public int bhDisableDepth() {
        return bhDisableDepth;
    }

    /** Whether hard IRQs are enabled on this CPU ({@code !irqs_disabled()}): not in a handler, none masked. */
    public boolean irqsEnabled() {
        return irqsOffDepth == 0 && !inHardIrq();
    }

    /** Whether this CPU may take a hard IRQ right now. */
    public boolean interruptible() {
        return irqsOffDepth == 0 && !inHardIrq();
    }

    /** Sleeping in {@code msleep}. */
    public boolean sleeping() {
        return sleeping;
    }

    public void enter(ExecContext context) {
        if (depth == contexts.length) {
            contexts = java.util.Arrays.copyOf(contexts, depth * 2);
        }
        contexts[depth++] = context;
        count(context, 1);
        refreshBucket();
    }

    public void exit(ExecContext context) {
        if (depth == 0) {
            throw new java.util.NoSuchElementException("cpu" + id + ": leaving " + context + " with no context entered");
        }
        ExecContext top = contexts[--depth];
        contexts[depth] = null;
        if (top != context) {
            refreshBucket();
            throw new IllegalStateException("cpu" + id + ": leaving " + context + " but in " + top);
        }
        count(context, -1);
        refreshBucket();
    }

    private void count(ExecContext context, int delta) {
        if (context == ExecContext.HARDIRQ) {
            hardIrqDepth += delta;
        } else if (context == ExecContext.SOFTIRQ) {
            softIrqDepth += delta;
        }
    }

    /** The device whose driver code this CPU is running (probe, IRQ handler, NAPI poll), or null. */
    public String codeDevice() {
        return codeDevice;
    }

    /** The driver whose code this CPU is running, or null. */
    public String codeDriver() {
        return codeDriver;
    }

    /** The IRQ line whose handler this CPU is running, or -1. */
    public int codeIrq() {
        return codeIrq;
    }

    /**
     * Notes that driver code for {@code device}/{@code driver} (the handler of {@code irq}, or -1)
     * runs from here on, so violations recorded by the core (a sleep in atomic context, say) name
     * it. Nests: the caller ends it with {@link #exitCode()} in a {@code finally}, which brings
     * back whose code ran before.
     */
    public void enterCode(String device, String driver, int irq) {
        if (codeDepth == savedIrq.length) {
            savedDevice = java.util.Arrays.copyOf(savedDevice, codeDepth * 2);
            savedDriver = java.util.Arrays.copyOf(savedDriver, codeDepth * 2);
            savedIrq = java.util.Arrays.copyOf(savedIrq, codeDepth * 2);
        }
        savedDevice[codeDepth] = codeDevice;
        savedDriver[codeDepth] = codeDriver;
        savedIrq[codeDepth] = codeIrq;
        codeDepth++;
        codeDevice = device;
        codeDriver = driver;
        codeIrq = irq;
    }

    /** Ends the innermost {@link #enterCode}. */
    public void exitCode() {
        if (codeDepth == 0) {
            throw new IllegalStateException("cpu" + id + ": exitCode without enterCode");
        }
        codeDepth--;
        codeDevice = savedDevice[codeDepth];
        codeDriver = savedDriver[codeDepth];
        codeIrq = savedIrq[codeDepth];
        savedDevice[codeDepth] = null;
        savedDriver[codeDepth] = null;
    }

    /** {@code local_irq_disable}; nests. */
    public void localIrqDisable() {
        irqsOffDepth++;
    }

    /** {@code local_irq_enable}; undoes one disable. */
    public void localIrqEnable() {
        if (irqsOffDepth == 0) {
            throw new IllegalStateException("cpu" + id + ": local_irq_enable without a disable");
        }
        irqsOffDepth--;
    }

    public int irqsOffDepth() {
        return irqsOffDepth;
    }

    void addPending(int irq) {
        if (pendingCount == pendingIrqs.length) {
            int[] grown = new int[pendingIrqs.length * 2];
            for (int i = 0; i < pendingCount; i++) {
                grown[i] = pendingIrqs[(pendingHead + i) % pendingIrqs.length];
            }
            pendingIrqs = grown;
            pendingHead = 0;
        }
        pendingIrqs[(pendingHead + pendingCount) % pendingIrqs.length] = irq;
        pendingCount++;
    }

    /** The oldest pending IRQ, removed; only when {@link #hasPending()}. */
    int pollPending() {
        int irq = pendingIrqs[pendingHead];
        pendingHead = (pendingHead + 1) % pendingIrqs.length;
        pendingCount--;
        return irq;
    }

    public boolean hasPending() {
        return pendingCount > 0;
    }

    @Override
    public String toString() {
        return "cpu" + id;
    }
}
