package io.jnetdev.runtime.locking;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.testing.IrqBench;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spinlocks and local interrupt/bottom-half state: hard IRQs wait while interrupts are off and
 * are taken exactly at the restore; a held lock makes the context atomic (R21); {@code
 * spin_lock_bh} holds softirqs off until the unlock, which runs them; the lock-debugging reports
 * of a debug kernel (rule LOCK); and mutual exclusion across CPUs on the one-thread engine.
 */
class SpinLockTest {
    private static final long SEED = 42;
    private final List<String> order = new ArrayList<>();

    private void recordingHandler(IrqBench b, int q) {
        b.onIrq(q, irq -> {
            Cpu cpu = b.m.cpus().current();
            order.add("handler cpu" + cpu.id() + " " + cpu.context());
            b.regs.write32(TestPciModel.REG_CAUSE, b.regs.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        });
    }

    @Test
    void anIrqArrivingUnderSpinLockIrqSaveIsTakenExactlyAtTheRestore() throws Exception {
        long[] flags = new long[1];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            recordingHandler(bench, 0);
            SpinLock lock = bench.kernel().spinLockInit("bench_lock");
            flags[0] = lock.lockIrqSave();
            order.add("locked, atomic=" + bench.kernel().inAtomicContext());
            bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(0));
            bench.regs.read32(TestPciModel.REG_SCRATCH);
            bench.kernel().udelay(5);
            order.add("still locked, pending=" + bench.m.cpus().current().hasPending());
            lock.unlockIrqRestore(flags[0]);
            order.add("restored");
        });

        assertThat(order).as("seed %d", SEED).containsExactly(
                "locked, atomic=true",
                "still locked, pending=true",
                "handler cpu0 HARDIRQ",
                "restored");
        assertThat(flags[0]).as("seed %d: EFLAGS.IF saved from process context", SEED).isEqualTo(Locking.X86_EFLAGS_IF);
        assertThat(b.m.violations().all()).as("seed %d", SEED).isEmpty();
    }

    @Test
    void nestedLocalIrqSaveDeliversOnlyAtTheOutermostRestore() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            recordingHandler(bench, 0);
            long outer = bench.kernel().localIrqSave();
            long inner = bench.kernel().localIrqSave();
            order.add("inner flags=" + Long.toHexString(inner) + " outer flags=" + Long.toHexString(outer));
            bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(0));
            bench.kernel().localIrqRestore(inner);
            order.add("inner restored");
            bench.regs.read32(TestPciModel.REG_SCRATCH);
            bench.kernel().localIrqRestore(outer);
            order.add("outer restored");
        });

        assertThat(order).as("seed %d", SEED).containsExactly(
                "inner flags=0 outer flags=200", "inner restored", "handler cpu0 HARDIRQ", "outer restored");
        assertThat(b.m.violations().all()).as("seed %d", SEED).isEmpty();
    }

    @Test
    void sleepingWhileHoldingASpinLockIsR21() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            SpinLock lock = bench.kernel().spinLockInit("bench_lock");
            lock.lock();
            bench.kernel().msleep(1);
            lock.unlock();
            order.add("after unlock atomic=" + bench.kernel().inAtomicContext());
            bench.kernel().msleep(1);
        });

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("R21");
            assertThat(v.message()).contains("sleeping function called from invalid context").contains("1 spinlock(s) held");
        });
        assertThat(order).containsExactly("after unlock atomic=false");
    }

    @Test
    void spinLockBhHoldsSoftirqsOffUntilTheUnlockWhichRunsThem() throws Exception {
        long[] counts = new long[3];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            bench.onIrq(0, irq -> {
                bench.m.softirqs().raise(SoftirqType.BLOCK);
                bench.regs.write32(TestPciModel.REG_CAUSE, bench.regs.read32(TestPciModel.REG_CAUSE));
                return IrqReturn.HANDLED;
            });
            SpinLock lock = bench.kernel().spinLockInit("bench_lock");
            lock.lockBh();
            bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(0));
            bench.regs.read32(TestPciModel.REG_SCRATCH);
            counts[0] = bench.m.softirqs().count(0, SoftirqType.BLOCK);
            order.add("handled=" + bench.m.irqCore().desc(bench.dev.irqVector(0)).totalCount());
            lock.unlockBh();
            counts[1] = bench.m.softirqs().count(0, SoftirqType.BLOCK);
        });
        counts[2] = b.m.softirqs().ksoftirqdRuns(0);

        assertThat(order).as("seed %d: the hard IRQ itself is not held off", SEED).containsExactly("handled=1");
        assertThat(counts[0]).as("seed %d: no softirq at irq_exit with bottom halves off", SEED).isZero();
        assertThat(counts[1]).as("seed %d: spin_unlock_bh ran the raised softirq", SEED).isEqualTo(1);
        assertThat(counts[2]).as("seed %d: and no ksoftirqd was needed", SEED).isZero();
        assertThat(b.m.violations().all()).as("seed %d", SEED).isEmpty();
    }

    @Test
    void anIrqHandlerTakingALockItsInterruptedTaskHoldsIsRecursionAndInconsistentState() throws Exception {
        SpinLock[] lock = new SpinLock[1];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            lock[0] = bench.kernel().spinLockInit("bench_lock");
            bench.onIrq(0, irq -> {
                lock[0].lock();
                bench.regs.write32(TestPciModel.REG_CAUSE, bench.regs.read32(TestPciModel.REG_CAUSE));
                lock[0].unlock();
                return IrqReturn.HANDLED;
            });
            lock[0].lock(); // plain spin_lock in process context: the handler can come in
            bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(0));
            lock[0].unlock();
        });

        List<Violation> all = b.m.violations().all();
        assertThat(all).as("seed %d: %s", SEED, all).extracting(Violation::rule).containsOnly("LOCK");
        assertThat(all).extracting(Violation::message).anySatisfy(msg ->
                assertThat(msg).contains("BUG: spinlock recursion on CPU#0, lock: bench_lock"));
        assertThat(all).extracting(Violation::message).anySatisfy(msg ->
                assertThat(msg).contains("inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage of bench_lock"));
        assertThat(all).as("seed %d: the handler's unlock and the task's unlock balance", SEED).hasSize(2);
        assertThat(all).allSatisfy(v -> assertThat(v.driver()).isEqualTo(IrqBench.DRIVER));
        assertThat(lock[0].isLocked()).isFalse();
    }

    @Test
    void aLockTakenInAHandlerAndElsewhereWithIrqsOnIsInconsistentButIrqSaveIsFine() throws Exception {
        SpinLock[] locks = new SpinLock[2];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            locks[0] = bench.kernel().spinLockInit("bad_lock");
            locks[1] = bench.kernel().spinLockInit("good_lock");
            bench.onIrq(0, irq -> {
                for (SpinLock l : locks) {
                    l.lock();
                    l.unlock();
                }
                bench.regs.write32(TestPciModel.REG_CAUSE, bench.regs.read32(TestPciModel.REG_CAUSE));
                return IrqReturn.HANDLED;
            });
        });
        b.raise(0);
        b.m.settle();
        assertThat(b.m.violations().all()).as("seed %d: a lock only taken in IRQ context is fine", SEED).isEmpty();

        b.m.cpus().runOn(b.m.cpus().get(0), io.jnetdev.runtime.engine.ExecContext.TASK, () -> {
            locks[0].lock();
            locks[0].unlock();
            long flags = locks[1].lockIrqSave();
            locks[1].unlockIrqRestore(flags);
        });

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("LOCK");
            assertThat(v.message()).contains("inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage of bad_lock");
        });
    }

    @Test
    void unlockingAFreeLockIsReported() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            SpinLock lock = bench.kernel().spinLockInit("bench_lock");
            lock.lock();
            lock.unlock();
            lock.unlock();
        });

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("LOCK");
            assertThat(v.message()).contains("BUG: spinlock already unlocked on CPU#0, lock: bench_lock");
            assertThat(v.device()).isEqualTo(b.device());
        });
    }

    @Test
    void restoringWithInterruptsAlreadyOnIsReported() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> bench.kernel().localIrqRestore(Locking.X86_EFLAGS_IF));

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v ->
                assertThat(v.message()).contains("raw_local_irq_restore() called with IRQs enabled"));
    }

    /** Without a lock, CPU 1's handler runs while CPU 0 busy-waits: the control for the next test. */
    @Test
    void withoutALockAnotherCpusHandlerRunsDuringABusyWait() throws Exception {
        IrqBench b = IrqBench.boot(2, SEED, bench -> {
            recordingHandler(bench, 1);
            bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(1));
            bench.kernel().udelay(10);
            order.add("cpu0 done");
        });

        assertThat(order).as("seed %d", SEED).containsExactly("handler cpu1 HARDIRQ", "cpu0 done");
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void anotherCpuTakingAHeldLockStartsOnlyAfterTheRelease() throws Exception {
        long[] releasedAt = new long[1];
        long[] handlerAt = new long[1];
        IrqBench b = IrqBench.boot(2, SEED, bench -> {
            SpinLock lock = bench.kernel().spinLockInit("bench_lock");
            bench.onIrq(1, irq -> {
                long flags = lock.lockIrqSave();
                handlerAt[0] = bench.kernel().nowNanos();
                order.add("cpu" + bench.m.cpus().current().id() + " holds");
                lock.unlockIrqRestore(flags);
                bench.regs.write32(TestPciModel.REG_CAUSE, bench.regs.read32(TestPciModel.REG_CAUSE));
                return IrqReturn.HANDLED;
            });
            long flags = lock.lockIrqSave();
            order.add("cpu0 holds");
            bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(1));
            bench.kernel().udelay(10);
            releasedAt[0] = bench.kernel().nowNanos();
            order.add("cpu0 releases");
            lock.unlockIrqRestore(flags);
            bench.kernel().udelay(1);
            order.add("cpu0 done");
        });

        assertThat(order).as("seed %d", SEED).containsExactly("cpu0 holds", "cpu0 releases", "cpu1 holds", "cpu0 done");
        assertThat(handlerAt[0]).as("seed %d: CPU 1 spun until CPU 0's release", SEED).isGreaterThanOrEqualTo(releasedAt[0]);
        assertThat(b.m.violations().all()).as("seed %d", SEED).isEmpty();
    }
}
