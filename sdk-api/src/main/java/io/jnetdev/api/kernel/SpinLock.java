package io.jnetdev.api.kernel;

/**
 * A spinlock ({@code spinlock_t}, {@code include/linux/spinlock.h}), created with
 * {@link Kernel#spinLockInit}. Holding one makes the context atomic: a call that may sleep while
 * it is held is a bug the runtime records. The runtime checks it the way {@code
 * CONFIG_DEBUG_SPINLOCK} and lockdep do: recursion, unlocking what is not held, and a lock taken
 * in interrupt context that is elsewhere taken with that interrupt enabled.
 */
public interface SpinLock {
    /** The name given at {@link Kernel#spinLockInit}, as lockdep names the lock class. */
    String name();

    /** {@code spin_lock}: takes the lock, leaving interrupts as they are. */
    void lock();

    /** {@code spin_unlock}. */
    void unlock();

    /**
     * {@code spin_lock_irqsave}: disables local interrupts, then takes the lock.
     *
     * @return the interrupt state to hand back to {@link #unlockIrqRestore}
     */
    long lockIrqSave();

    /**
     * {@code spin_unlock_irqrestore}: drops the lock, then restores the interrupt state saved by
     * {@link #lockIrqSave}; hard IRQs that arrived meanwhile are taken here.
     */
    void unlockIrqRestore(long flags);

    /** {@code spin_lock_bh}: disables softirqs on this CPU, then takes the lock. */
    void lockBh();

    /** {@code spin_unlock_bh}: drops the lock and enables softirqs; those raised meanwhile run here. */
    void unlockBh();

    /** {@code spin_trylock}: takes the lock if it is free. */
    boolean tryLock();

    /** {@code spin_is_locked}. */
    boolean isLocked();
}
