package io.jnetdev.runtime.locking;

import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.softirq.Softirqs;

/**
 * Local interrupt and bottom-half state and the spinlocks drivers create: {@code irqflags.h},
 * {@code bottom_half.h} and {@code spinlock.h}, with the checks of {@code CONFIG_DEBUG_SPINLOCK},
 * {@code CONFIG_DEBUG_IRQFLAGS} and lockdep's irq-state tracking, recorded under rule {@code LOCK}.
 */
public final class Locking {
    /** The interrupt-enable bit of x86 EFLAGS, as {@code local_irq_save} returns it. */
    public static final long X86_EFLAGS_IF = 0x200;
    /** The rule id lock-debugging reports are recorded under. */
    public static final String RULE = "LOCK";

    final Cpus cpus;
    private final Softirqs softirqs;
    final Violations violations;

    public Locking(Cpus cpus, Softirqs softirqs, Violations violations) {
        this.cpus = cpus;
        this.softirqs = softirqs;
        this.violations = violations;
    }

    /** {@code spin_lock_init}. */
    public SpinLock spinLockInit(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("spin_lock_init needs a name");
        }
        return new SpinLockImpl(this, name);
    }

    /** {@code local_irq_save}: the previous state as EFLAGS.IF, then interrupts off. */
    public long localIrqSave() {
        Cpu cpu = cpus.current();
        long flags = cpu.irqsEnabled() ? X86_EFLAGS_IF : 0;
        cpu.localIrqDisable();
        return flags;
    }

    /** {@code local_irq_restore}: undoes one save; when that enables interrupts, pending ones are taken now. */
    public void localIrqRestore(long flags) {
        Cpu cpu = cpus.current();
        if (cpu.irqsOffDepth() == 0) {
            // CONFIG_DEBUG_IRQFLAGS: warn_bogus_irq_restore
            warn(cpu, "raw_local_irq_restore() called with IRQs enabled");
            return;
        }
        cpu.localIrqEnable();
        boolean enabledNow = cpu.irqsEnabled();
        if (((flags & X86_EFLAGS_IF) != 0) != enabledNow && !cpu.inHardIrq()) {
            warn(cpu, "local_irq_restore(" + Long.toHexString(flags) + ") out of order: interrupts were "
                    + (enabledNow ? "off" : "on") + " at the matching local_irq_save");
        }
        cpus.boundary();
    }

    /** {@code local_bh_disable}. */
    public void localBhDisable() {
        cpus.current().localBhDisable();
    }

    /** {@code local_bh_enable}: softirqs raised while disabled run here. */
    public void localBhEnable() {
        Cpu cpu = cpus.current();
        if (cpu.bhDisableDepth() == 0) {
            warn(cpu, "local_bh_enable() without local_bh_disable()");
            return;
        }
        if (cpu.inHardIrq() || cpu.irqsOffDepth() > 0) {
            // __local_bh_enable_ip: WARN_ON_ONCE(in_hardirq()) and lockdep_assert_irqs_enabled()
            warn(cpu, "local_bh_enable() with interrupts disabled (" + cpu.context() + ")");
        }
        softirqs.localBhEnable();
    }

    /** Records a lock-debugging report naming the code that runs on {@code cpu}. */
    void warn(Cpu cpu, String message) {
        violations.warn(RULE, cpu.codeDevice(), cpu.codeDriver(), message);
    }
}
