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
    private IntConsumer irqEntry = irq -> {
        throw new IllegalStateException("no IRQ entry installed");
    };

    public Cpus(Engine engine, int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("a machine has 1..64 CPUs, not " + count);
        }
        this.engine = engine;
        for (int i = 0; i < count; i++) {
            cpus.add(new Cpu(i));
        }
        current = cpus.getFirst();
    }

    /** Installs the IRQ core's entry point ({@code do_IRQ}), called on the current CPU with the IRQ number. */
    public void irqEntry(IntConsumer entry) {
        this.irqEntry = entry;
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

    /** Runs {@code body} on {@code cpu} in {@code context}, restoring the previous CPU after. */
    public void runOn(Cpu cpu, ExecContext context, Runnable body) {
        Cpu previous = current;
        current = cpu;
        cpu.enter(context);
        try {
            body.run();
        } finally {
            cpu.exit(context);
            current = previous;
        }
    }

    /** Queues hard IRQ {@code irq} for {@code cpu}. */
    public void raise(Cpu cpu, int irq) {
        cpu.addPending(irq);
        if (!cpu.deliveryScheduled()) {
            cpu.deliveryScheduled(true);
            engine.schedule(engine.now(), "irq delivery " + cpu, () -> {
                cpu.deliveryScheduled(false);
                takePending(cpu);
            });
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
        Cpu previous = current;
        current = cpu;
        try {
            while (cpu.interruptible() && cpu.hasPending()) {
                int irq = cpu.pollPending();
                irqEntry.accept(irq);
            }
        } finally {
            current = previous;
        }
    }
}
