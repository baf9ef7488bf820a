package io.jnetdev.runtime.locking;

import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.ExecContext;

/**
 * One {@code spinlock_t} with its debug state ({@code kernel/locking/spinlock_debug.c}: owner CPU)
 * and its lockdep usage bits ({@code kernel/locking/lockdep.c}: taken in hard-IRQ or softirq
 * context, taken with them enabled). One lock is its own lock class here.
 */
final class SpinLockImpl implements SpinLock {
    private final Locking locking;
    private final String name;
    /** The CPU holding the lock, or null when it is free. */
    private Cpu owner;
    /** Acquisitions on top of the first that debugging let through (recursion, lockup): unlocks undo them first. */
    private int extra;
    // lockdep usage: LOCK_USED_IN_HARDIRQ, LOCK_ENABLED_HARDIRQ, LOCK_USED_IN_SOFTIRQ, LOCK_ENABLED_SOFTIRQ
    private boolean usedInHardirq;
    private boolean enabledHardirq;
    private boolean usedInSoftirq;
    private boolean enabledSoftirq;
    private boolean hardReported;
    private boolean softReported;

    SpinLockImpl(Locking locking, String name) {
        this.locking = locking;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void lock() {
        locking.cpus.boundary();
        acquire(locking.cpus.current(), false);
    }

    @Override
    public void unlock() {
        release(locking.cpus.current());
        locking.cpus.boundary();
    }

    @Override
    public long lockIrqSave() {
        long flags = locking.localIrqSave();
        acquire(locking.cpus.current(), false);
        return flags;
    }

    @Override
    public void unlockIrqRestore(long flags) {
        release(locking.cpus.current());
        locking.localIrqRestore(flags);
    }

    @Override
    public void lockBh() {
        locking.cpus.boundary();
        locking.localBhDisable();
        acquire(locking.cpus.current(), false);
    }

    @Override
    public void unlockBh() {
        release(locking.cpus.current());
        locking.localBhEnable();
    }

    @Override
    public boolean tryLock() {
        locking.cpus.boundary();
        if (owner != null) {
            return false;
        }
        acquire(locking.cpus.current(), true);
        return true;
    }

    @Override
    public boolean isLocked() {
        return owner != null;
    }

    /** {@code do_raw_spin_lock} with {@code debug_spin_lock_before} and lockdep's {@code mark_usage}. */
    private void acquire(Cpu cpu, boolean trylock) {
        markUsage(cpu, trylock);
        if (owner == cpu) {
            // The holder is this CPU: its own interrupt or softirq, or a second lock call. It would spin for ever.
            locking.warn(cpu, "BUG: spinlock recursion on CPU#" + cpu.id() + ", lock: " + name + " (" + cpu.context()
                    + ", owner_cpu: " + owner.id() + ")");
            extra++;
        } else if (owner != null) {
            // Only reachable when the holder left its frame with the lock held: it can never release it.
            locking.warn(cpu, "BUG: spinlock lockup suspected on CPU#" + cpu.id() + ", lock: " + name
                    + ", owner_cpu: " + owner.id());
            extra++;
        } else {
            owner = cpu;
        }
        locking.cpus.lockAcquired(cpu);
    }

    /** {@code do_raw_spin_unlock} with {@code debug_spin_unlock}. */
    private void release(Cpu cpu) {
        if (owner == null) {
            locking.warn(cpu, "BUG: spinlock already unlocked on CPU#" + cpu.id() + ", lock: " + name);
            return;
        }
        Cpu holder = owner;
        if (holder != cpu) {
            locking.warn(cpu, "BUG: spinlock wrong CPU on CPU#" + cpu.id() + ", lock: " + name + ", owner_cpu: "
                    + holder.id());
        }
        if (extra > 0) {
            extra--;
        } else {
            owner = null;
        }
        locking.cpus.lockReleased(holder);
    }

    /** lockdep's usage bits and its "inconsistent lock state" check, for hard IRQs and softirqs. */
    private void markUsage(Cpu cpu, boolean trylock) {
        boolean hardirqsOn = cpu.irqsEnabled();
        boolean softirqsOn = hardirqsOn && cpu.bhDisableDepth() == 0 && !cpu.inSoftIrq();
        if (!trylock && cpu.inHardIrq()) {
            if (!usedInHardirq && enabledHardirq) {
                reportHard(cpu, "{HARDIRQ-ON-W} -> {IN-HARDIRQ-W}");
            }
            usedInHardirq = true;
        }
        if (!trylock && cpu.context() == ExecContext.SOFTIRQ) {
            if (!usedInSoftirq && enabledSoftirq) {
                reportSoft(cpu, "{SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W}");
            }
            usedInSoftirq = true;
        }
        if (hardirqsOn) {
            if (!enabledHardirq && usedInHardirq) {
                reportHard(cpu, "{IN-HARDIRQ-W} -> {HARDIRQ-ON-W}");
            }
            enabledHardirq = true;
        }
        if (softirqsOn) {
            if (!enabledSoftirq && usedInSoftirq) {
                reportSoft(cpu, "{IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W}");
            }
            enabledSoftirq = true;
        }
    }

    private void reportHard(Cpu cpu, String transition) {
        if (!hardReported) {
            hardReported = true;
            report(cpu, transition, "hard IRQ", "spin_lock_irqsave");
        }
    }

    private void reportSoft(Cpu cpu, String transition) {
        if (!softReported) {
            softReported = true;
            report(cpu, transition, "softirq", "spin_lock_bh");
        }
    }

    private void report(Cpu cpu, String transition, String where, String fix) {
        locking.warn(cpu, "WARNING: inconsistent lock state: inconsistent " + transition + " usage of " + name
                + " on CPU#" + cpu.id() + " (" + cpu.context() + "): the lock is taken in " + where
                + " context and elsewhere with that interrupt enabled; a " + where + " taking it there deadlocks"
                + " (use " + fix + ")");
    }

    @Override
    public String toString() {
        return "spinlock " + name + (owner == null ? " (unlocked)" : " (held by " + owner + ")");
    }
}
