package io.jnetdev.runtime.softirq;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.Tasklet;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.testing.IrqBench;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tasklets ({@code kernel/softirq.c}): the SCHED bit makes repeated schedules before a run one
 * run; a tasklet scheduled in a handler runs at that CPU's IRQ exit; the RUN bit keeps one
 * tasklet off two CPUs at once; a disabled tasklet waits for its enable; {@code tasklet_kill}
 * waits; the callback is atomic (R21 for a sleep, attributed to the driver); and every run is a
 * TASKLET softirq in {@code /proc/softirqs}.
 */
class TaskletTest {
    private static final long SEED = 7;
    private final List<String> order = new ArrayList<>();
    private Tasklet tasklet;

    private static void ack(IrqBench b) {
        b.regs.write32(TestPciModel.REG_CAUSE, b.regs.read32(TestPciModel.REG_CAUSE));
    }

    private String where(IrqBench b) {
        Cpu cpu = b.m.cpus().current();
        return "cpu" + cpu.id() + " " + cpu.context();
    }

    @Test
    void schedulingManyTimesBeforeItRunsRunsItOnce() throws Exception {
        int[] runs = new int[1];
        boolean[] scheduledInProbe = new boolean[1];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> runs[0]++);
            tasklet.schedule();
            tasklet.schedule();
            tasklet.schedule();
            scheduledInProbe[0] = tasklet.isScheduled();
            order.add("probe done, runs=" + runs[0]);
        });

        assertThat(order).as("seed %d: from process context it runs after probe, in ksoftirqd", SEED)
                .containsExactly("probe done, runs=0");
        assertThat(scheduledInProbe[0]).isTrue();
        assertThat(runs[0]).as("seed %d", SEED).isEqualTo(1);
        assertThat(tasklet.isScheduled()).isFalse();

        b.m.cpus().runOn(b.m.cpus().get(0), ExecContext.TASK, tasklet::schedule);
        b.m.run(1_000_000);
        assertThat(runs[0]).as("seed %d: scheduled again after it ran, it runs again", SEED).isEqualTo(2);
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void scheduledFromAHandlerItRunsOnThatCpuRightAfterTheHandler() throws Exception {
        IrqBench b = IrqBench.boot(2, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () ->
                    order.add("tasklet " + where(bench) + " atomic=" + bench.kernel().inAtomicContext()));
            bench.onIrq(1, irq -> {
                tasklet.schedule();
                order.add("handler " + where(bench));
                ack(bench);
                return IrqReturn.HANDLED;
            });
        });
        b.raise(1);
        b.m.settle();

        assertThat(order).as("seed %d", SEED).containsExactly("handler cpu1 HARDIRQ", "tasklet cpu1 SOFTIRQ atomic=true");
        assertThat(b.m.softirqs().ksoftirqdRuns(1)).as("seed %d: at irq_exit, not in ksoftirqd", SEED).isZero();
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void oneTaskletNeverRunsOnTwoCpusAtOnce() throws Exception {
        int[] running = new int[1];
        int[] maxRunning = new int[1];
        List<long[]> runs = new ArrayList<>();
        IrqBench b = IrqBench.boot(2, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> {
                running[0]++;
                maxRunning[0] = Math.max(maxRunning[0], running[0]);
                Cpu cpu = bench.m.cpus().current();
                long start = bench.kernel().nowNanos();
                if (runs.isEmpty()) {
                    // While it runs on CPU 0, the device interrupts CPU 1, whose handler schedules it too.
                    bench.regs.write32(TestPciModel.REG_RAISE, IrqBench.raiseValue(1));
                }
                bench.kernel().udelay(20);
                runs.add(new long[] {cpu.id(), start, bench.kernel().nowNanos()});
                running[0]--;
            });
            for (int q = 0; q < 2; q++) {
                int queue = q;
                bench.onIrq(q, irq -> {
                    order.add("handler cpu" + queue + " scheduled=" + tasklet.isScheduled());
                    tasklet.schedule();
                    ack(bench);
                    return IrqReturn.HANDLED;
                });
            }
        });
        b.raise(0);
        b.m.run(1_000_000);

        assertThat(order).as("seed %d: CPU 1 schedules it while it runs on CPU 0 (SCHED already clear)", SEED)
                .containsExactly("handler cpu0 scheduled=false", "handler cpu1 scheduled=false");
        assertThat(maxRunning[0]).as("seed %d: never two at once", SEED).isEqualTo(1);
        assertThat(runs).as("seed %d: once per schedule, on CPU 0 then CPU 1", SEED).hasSize(2);
        assertThat(runs.get(0)[0]).isZero();
        assertThat(runs.get(1)[0]).isEqualTo(1);
        assertThat(runs.get(1)[1]).as("seed %d: CPU 1's run starts after CPU 0's ended", SEED)
                .isGreaterThanOrEqualTo(runs.get(0)[2]);
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void aDisabledTaskletStaysScheduledUntilEnabled() throws Exception {
        int[] runs = new int[1];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> runs[0]++);
            tasklet.disable();
            tasklet.schedule();
        });
        b.raise(0); // softirqs run at this IRQ's exit: the tasklet must still not run
        b.m.run(5_000_000);

        assertThat(runs[0]).as("seed %d: disabled", SEED).isZero();
        assertThat(tasklet.isScheduled()).isTrue();
        assertThat(b.m.get(Tasklets.class).queued(0)).isEqualTo(1);

        b.m.cpus().runOn(b.m.cpus().get(0), ExecContext.TASK, tasklet::enable);
        b.m.run(1_000_000);

        assertThat(runs[0]).as("seed %d: enabled, it runs once", SEED).isEqualTo(1);
        assertThat(b.m.get(Tasklets.class).queued(0)).isZero();
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void scheduledUnderSpinLockBhItRunsAtTheUnlock() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> order.add("tasklet " + where(bench)));
            io.jnetdev.api.kernel.SpinLock lock = bench.kernel().spinLockInit("bench_lock");
            lock.lockBh();
            tasklet.schedule();
            bench.kernel().udelay(10);
            order.add("unlocking");
            lock.unlockBh();
            order.add("unlocked");
        });

        assertThat(order).as("seed %d", SEED).containsExactly("unlocking", "tasklet cpu0 SOFTIRQ", "unlocked");
        assertThat(b.m.softirqs().ksoftirqdRuns(0)).isZero();
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void killWaitsForAScheduledTaskletToRun() throws Exception {
        long[] t = new long[2];
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> {
                bench.kernel().udelay(50);
                order.add("tasklet " + where(bench));
            });
            tasklet.schedule();
            t[0] = bench.kernel().nowNanos();
            tasklet.kill();
            t[1] = bench.kernel().nowNanos();
            order.add("killed, scheduled=" + tasklet.isScheduled());
        });

        assertThat(order).as("seed %d", SEED).containsExactly("tasklet cpu0 SOFTIRQ", "killed, scheduled=false");
        assertThat(t[1] - t[0]).as("seed %d: kill waited out the 50 us run", SEED).isGreaterThanOrEqualTo(50_000);
        assertThat(b.m.violations().all()).isEmpty();
    }

    @Test
    void killingADisabledScheduledTaskletIsReportedInsteadOfHanging() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> { });
            tasklet.disable();
            tasklet.schedule();
            tasklet.kill();
        });

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("BUG");
            assertThat(v.message()).contains("tasklet_kill(bench_tasklet) waits for ever").contains("disabled");
        });
    }

    @Test
    void sleepingInATaskletIsR21NamingTheDriver() throws Exception {
        IrqBench b = IrqBench.boot(1, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> bench.kernel().msleep(1));
            bench.onIrq(0, irq -> {
                tasklet.schedule();
                ack(bench);
                return IrqReturn.HANDLED;
            });
        });
        b.raise(0);
        b.m.settle();

        assertThat(b.m.violations().all()).as("seed %d", SEED).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("R21");
            assertThat(v.message()).contains("SOFTIRQ");
            assertThat(v.device()).isEqualTo(b.device());
            assertThat(v.driver()).isEqualTo(IrqBench.DRIVER);
        });
    }

    @Test
    void everyRunCountsInTheTaskletColumnOfProcSoftirqs() throws Exception {
        IrqBench b = IrqBench.boot(2, SEED, bench -> {
            tasklet = bench.kernel().taskletSetup("bench_tasklet", () -> { });
            for (int q = 0; q < 2; q++) {
                bench.onIrq(q, irq -> {
                    tasklet.schedule();
                    ack(bench);
                    return IrqReturn.HANDLED;
                });
            }
        });
        long[] before = taskletRow(b.m.softirqs().procSoftirqs());
        for (int i = 0; i < 3; i++) {
            b.raise(1);
            b.m.run(100_000);
        }
        b.raise(0);
        b.m.run(100_000);
        long[] after = taskletRow(b.m.softirqs().procSoftirqs());

        assertThat(after[0] - before[0]).as("seed %d: CPU0 column, %s", SEED, Arrays.toString(after)).isEqualTo(1);
        assertThat(after[1] - before[1]).as("seed %d: CPU1 column, %s", SEED, Arrays.toString(after)).isEqualTo(3);
    }

    private static long[] taskletRow(String proc) {
        String line = proc.lines().filter(l -> l.trim().startsWith("TASKLET:")).findFirst().orElseThrow();
        return Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }
}
