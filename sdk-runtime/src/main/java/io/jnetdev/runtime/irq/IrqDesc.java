package io.jnetdev.runtime.irq;

import java.util.ArrayList;
import java.util.List;

/**
 * One interrupt line's descriptor ({@code struct irq_desc}): its chip, handlers, disable depth,
 * per-CPU counts and the spurious-interrupt bookkeeping of {@code note_interrupt}.
 */
public final class IrqDesc {
    /** How the line is signalled. */
    public enum Trigger { LEVEL, EDGE }

    private final int irq;
    private final String chip;
    private final String hwirq;
    private final Trigger trigger;
    private final long[] perCpuCount;
    final List<IrqAction> actions = new ArrayList<>();
    /** {@link #actions} as an array, rebuilt after a change; what delivery iterates. */
    private IrqAction[] snapshot;
    /** A level-triggered line's level, or null (an edge-triggered message interrupt). */
    java.util.function.BooleanSupplier level;
    /** The devices asserting a level-triggered line, or null. */
    java.util.function.Supplier<java.util.Set<String>> sources;
    /** The flow handler run in hard-IRQ context for each interrupt (set by the IRQ core). */
    Runnable flow;
    int depth;
    /** The CPU the line is delivered to: the first CPU of {@link #affinity} (the effective affinity). */
    int targetCpu;
    /** {@code irq_common_data.affinity}: the CPUs the line may be delivered to, one bit per CPU. */
    long affinity;
    /** A managed interrupt ({@code PCI_IRQ_AFFINITY}): the kernel placed it, user space may not move it. */
    boolean managed;
    /** The chip's {@code irq_set_affinity}: points the interrupt's source at a new CPU, or null. */
    java.util.function.IntConsumer chipSetAffinity;
    boolean spuriousDisabled;
    boolean pendingWhileDisabled;
    /** Set by {@link IrqCore#linkNapi}: why the line must stay masked now, or null. */
    java.util.function.Supplier<String> napiLink;
    boolean threadRunning;
    int irqCount;
    int irqsUnhandled;
    long lastUnhandledJiffies;
    long unhandledTotal;
    int stormCount;
    long stormAt = -1;

    IrqDesc(int irq, String chip, String hwirq, Trigger trigger, int cpus, int targetCpu) {
        this.irq = irq;
        this.chip = chip;
        this.hwirq = hwirq;
        this.trigger = trigger;
        this.perCpuCount = new long[cpus];
        this.targetCpu = targetCpu;
        this.affinity = cpus >= 64 ? -1L : (1L << cpus) - 1; // irq_default_affinity: every CPU
    }

    public int irq() {
        return irq;
    }

    /** Chip name as in {@code /proc/interrupts}: {@code IO-APIC}, {@code PCI-MSI-0000:00:03.0}, ... */
    public String chip() {
        return chip;
    }

    /** Hardware IRQ column: {@code 16-fasteoi}, {@code 0-edge}, ... */
    public String hwirq() {
        return hwirq;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** Call after every change of {@link #actions}. */
    void actionsChanged() {
        snapshot = null;
    }

    /** The actions as they stand, as an array nobody modifies: iterating it allocates nothing. */
    IrqAction[] actionSnapshot() {
        IrqAction[] s = snapshot;
        if (s == null) {
            s = actions.toArray(new IrqAction[0]);
            snapshot = s;
        }
        return s;
    }

    public List<IrqAction> actions() {
        return List.copyOf(actions);
    }

    /** Count of interrupts taken on {@code cpu}. */
    public long count(int cpu) {
        return perCpuCount[cpu];
    }

    public long totalCount() {
        long sum = 0;
        for (long c : perCpuCount) {
            sum += c;
        }
        return sum;
    }

    void countOn(int cpu) {
        perCpuCount[cpu]++;
    }

    /** Disable depth: 0 when enabled. */
    public int depth() {
        return depth;
    }

    public boolean enabled() {
        return depth == 0;
    }

    /** Disabled by the spurious-interrupt detector ("nobody cared"). */
    public boolean spuriousDisabled() {
        return spuriousDisabled;
    }

    /** The CPU this line is delivered to (its effective affinity). */
    public int targetCpu() {
        return targetCpu;
    }

    /** The CPUs this line may be delivered to ({@code smp_affinity}), one bit per CPU. */
    public long affinity() {
        return affinity;
    }

    /** Whether the kernel manages this line's affinity ({@code PCI_IRQ_AFFINITY}); user space cannot change it. */
    public boolean managed() {
        return managed;
    }

    /** Interrupts no handler claimed, in all. */
    public long unhandledTotal() {
        return unhandledTotal;
    }
}
