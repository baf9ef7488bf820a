package io.jnetdev.runtime.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.Work;
import io.jnetdev.api.kernel.Workqueue;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.testing.IrqBench;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workqueues ({@code kernel/workqueue.c}): work queued from a hard IRQ runs later in a kworker,
 * in process context, where it may sleep; queueing a pending item does nothing; {@code
 * cancel_work_sync} takes a pending item off; {@code flush_work} waits for it, and from atomic
 * context is R21; an item is never run twice at once.
 */
class WorkqueueTest {
    private static final long SEED = 11;
    private final List<String> order = new ArrayList<>();
    private Work work;

    private static void ack(IrqBench b) {
        b.regs.write32(TestPciModel.REG_CAUSE, b.regs.read32(TestPciModel.REG_CAUSE));
    }

    private String where(IrqBench b) {
        Cpu cpu = b.m.cpus().current();
        return "cpu" + cpu.id() + " " + cpu.context() + " atomic=" + b.kernel().inAtomicContext();
    }

    @Test
    void workScheduledFromAHardIrqRunsLaterInProcessContextAndMaySleep() throws Exception {
        long[] t = new long[3];
        IrqBench b = IrqBench.boot(2, SEED, bench -> {
            work = bench.kernel().initWork("bench_work", () -> {
                t[1] = bench.kernel().nowNanos();
                order.add("work " + where(bench));
                bench.kernel().msleep(2);
                t[2] = bench.kernel().nowNanos();
            });
            bench.onIrq(1, irq -> {
                t[0] = bench.kernel().nowNanos();
                order.add("handler " + where(bench) + " queued=" + bench.kernel().scheduleWork(work));
                ack(bench);
                return IrqReturn.HANDLED;
            });
        });
        b.raise(1);
        b.m.run(10_000_000);

        assertThat(order).as("seed %d", SEED).containsExactly(
                "handler cpu1 HARDIRQ atomic=true queued=true", "work cpu1 TASK atomic=false");
        assertThat(t[1]).as("seed %d: after the handler", SEED).isGreaterThanOrEqualTo(t[0]);
        assertThat(t[2] - t[1]).as("seed %d: msleep(2) advanced virtual time", SEED).isEqualTo(2_000_000);
        assertThat(work.isPending()).isFalse();
        assertThat(b.m.violations().all()).as("seed %d", SEED).isEmpty();
    }

    @Test
    void queueingAPendingItemReturnsFalseAndItRunsOnce() throws Exception {
        int[] runs = new int[1];
        List<Boolean> queued = new ArrayList<>();
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            work = bench.kernel().initWork("bench_work", () -> runs[0]++);
            bench.onIrq(0, irq -> {
                queued.add(bench.kernel().scheduleWork(work));
                queued.add(bench.kernel().scheduleWork(work));
                ack(bench);
                return IrqReturn.HANDLED;
            });
        });
        b.raise(0);
        b.m.run(1_000_000);

        assertThat(queued).as("seed %d", SEED).containsExactly(true, false);
        assertThat(runs[0]).as("seed %d", SEED).isEqualTo(1);

        b.raise(0);
        b.m.run(1_000_000);
        assertThat(queued).as("seed %d: pending cleared by the run", SEED).containsExactly(true, false, true, false);
        assertThat(runs[0]).isEqualTo(2);
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void cancelWorkSyncTakesAPendingItemOff() throws Exception {
        int[] runs = new int[1];
        boolean[] cancelled = new boolean[2];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            work = bench.kernel().initWork("bench_work", () -> runs[0]++);
            bench.kernel().scheduleWork(work);
            cancelled[0] = bench.kernel().cancelWorkSync(work);
            cancelled[1] = bench.kernel().cancelWorkSync(work);
        });
        b.m.run(10_000_000);

        assertThat(cancelled).as("seed %d: pending, then no longer", SEED).containsExactly(true, false);
        assertThat(runs[0]).as("seed %d: never ran", SEED).isZero();
        assertThat(work.isPending()).isFalse();
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void flushWorkWaitsForTheRunInProcessContext() throws Exception {
        long[] t = new long[2];
        boolean[] waited = new boolean[2];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            work = bench.kernel().initWork("bench_work", () -> {
                bench.kernel().msleep(3);
                order.add("work done");
            });
            bench.kernel().scheduleWork(work);
            t[0] = bench.kernel().nowNanos();
            waited[0] = bench.kernel().flushWork(work);
            t[1] = bench.kernel().nowNanos();
            order.add("flushed");
            waited[1] = bench.kernel().flushWork(work);
        });

        assertThat(order).as("seed %d", SEED).containsExactly("work done", "flushed");
        assertThat(waited).as("seed %d: waited, then nothing to wait for", SEED).containsExactly(true, false);
        assertThat(t[1] - t[0]).as("seed %d", SEED).isGreaterThanOrEqualTo(3_000_000);
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void flushWorkFromAnIrqHandlerIsR21() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            work = bench.kernel().initWork("bench_work", () -> { });
            bench.onIrq(0, irq -> {
                bench.kernel().scheduleWork(work);
                bench.kernel().flushWork(work);
                ack(bench);
                return IrqReturn.HANDLED;
            });
        });
        b.raise(0);
        b.m.run(1_000_000);

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("R21");
            assertThat(v.message()).contains("HARDIRQ");
            assertThat(v.device()).isEqualTo(b.device());
            assertThat(v.driver()).isEqualTo(IrqBench.DRIVER);
        });
    }

    @Test
    void anItemQueuedWhileItRunsRunsAgainAfterNotNested() throws Exception {
        int[] running = new int[1];
        int[] maxRunning = new int[1];
        List<long[]> runs = new ArrayList<>();
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            work = bench.kernel().initWork("bench_work", () -> {
                running[0]++;
                maxRunning[0] = Math.max(maxRunning[0], running[0]);
                long start = bench.kernel().nowNanos();
                if (runs.isEmpty()) {
                    // The device interrupts during the sleep; its handler queues the item again.
                    bench.m.engine().scheduleIn(500_000, "device raises", () -> bench.raise(0));
                }
                bench.kernel().msleep(1);
                runs.add(new long[] {start, bench.kernel().nowNanos()});
                running[0]--;
            });
            bench.onIrq(0, irq -> {
                order.add("handler queued=" + bench.kernel().scheduleWork(work));
                ack(bench);
                return IrqReturn.HANDLED;
            });
        });
        b.raise(0);
        b.m.run(10_000_000);

        assertThat(order).as("seed %d", SEED).containsExactly("handler queued=true", "handler queued=true");
        assertThat(maxRunning[0]).as("seed %d: never two at once", SEED).isEqualTo(1);
        assertThat(runs).as("seed %d", SEED).hasSize(2);
        assertThat(runs.get(1)[0]).as("seed %d: second run after the first ended", SEED).isGreaterThanOrEqualTo(runs.get(0)[1]);
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void aPrivateWorkqueueRunsItsWorkAndIsFlushedAndDestroyed() throws Exception {
        int[] runs = new int[1];
        boolean[] queuedAfterDestroy = new boolean[1];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            Workqueue wq = bench.kernel().allocWorkqueue("bench_wq");
            work = bench.kernel().initWork("bench_work", () -> {
                bench.kernel().msleep(1);
                runs[0]++;
            });
            wq.queueWork(work);
            wq.flush();
            order.add("flushed runs=" + runs[0]);
            wq.destroy();
            queuedAfterDestroy[0] = wq.queueWork(work);
        });

        assertThat(order).as("seed %d", SEED).containsExactly("flushed runs=1");
        assertThat(queuedAfterDestroy[0]).isFalse();
        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("BUG");
            assertThat(v.message()).contains("cannot queue bench_work on wq bench_wq");
        });
    }
}
