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
    private final ArrayDeque<ExecContext> contexts = new ArrayDeque<>();
    private final ArrayDeque<Integer> pendingIrqs = new ArrayDeque<>();
    private int irqsOffDepth;
    private boolean deliveryScheduled;

    Cpu(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The innermost context, TASK when nothing runs. */
    public ExecContext context() {
        ExecContext top = contexts.peek();
        return top == null ? ExecContext.TASK : top;
    }

    public boolean inHardIrq() {
        return contexts.contains(ExecContext.HARDIRQ);
    }

    public boolean inSoftIrq() {
        return contexts.contains(ExecContext.SOFTIRQ);
    }

    /** Hard-IRQ or softirq context, or local interrupts off: sleeping is a bug here. */
    public boolean atomic() {
        return inHardIrq() || inSoftIrq() || irqsOffDepth > 0;
    }

    /** Whether this CPU may take a hard IRQ right now. */
    public boolean interruptible() {
        return irqsOffDepth == 0 && !inHardIrq();
    }

    public void enter(ExecContext context) {
        contexts.push(context);
    }

    public void exit(ExecContext context) {
        ExecContext top = contexts.pop();
        if (top != context) {
            throw new IllegalStateException("cpu" + id + ": leaving " + context + " but in " + top);
        }
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
        pendingIrqs.addLast(irq);
    }

    Integer pollPending() {
        return pendingIrqs.pollFirst();
    }

    public boolean hasPending() {
        return !pendingIrqs.isEmpty();
    }

    boolean deliveryScheduled() {
        return deliveryScheduled;
    }

    void deliveryScheduled(boolean scheduled) {
        this.deliveryScheduled = scheduled;
    }

    @Override
    public String toString() {
        return "cpu" + id;
    }
}
