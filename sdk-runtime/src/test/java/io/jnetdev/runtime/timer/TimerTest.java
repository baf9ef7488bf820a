package io.jnetdev.runtime.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.kernel.KernelTimer;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kernel timers ({@code kernel/time/timer.c}) on the deterministic engine: expiry, re-arming, deletion, context, ownership. */
class TimerTest {
    private static final String PCI_DEV = "0000:00:03.0";

    /** What a callback saw when it ran. */
    private record Fired(long nanos, long jiffies, int cpu, boolean inSoftirq, boolean inHardirq) {}

    private static Machine machine(long seed, int hz) {
        return Machines.booted(MachineConfig.builder().seed(seed).hz(hz));
    }

    private static Runnable recorder(Machine m, List<Fired> into) {
        return () -> {
            Cpu cpu = m.cpus().current();
            into.add(new Fired(m.kernel().nowNanos(), m.kernel().jiffies(), cpu.id(), cpu.inSoftIrq(), cpu.inHardIrq()));
        };
    }

    @ParameterizedTest(name = "HZ={0}")
    @ValueSource(ints = {1000, 250})
    void firesAtTheFirstTickWhereJiffiesReachExpires(int hz) {
        long seed = 11 + hz;
        Machine m = machine(seed, hz);
        long tick = 1_000_000_000L / hz;
        m.run(3 * tick + tick / 3); // mid-jiffy, so the arming instant is not on a tick
        List<Fired> fired = new ArrayList<>();
        KernelTimer t = m.kernel().timerSetup("test_timer_fn", recorder(m, fired));
        long expires = m.kernel().jiffies() + m.kernel().msecsToJiffies(20);
        assertThat(m.kernel().msecsToJiffies(20)).as("seed %d: msecs_to_jiffies(20) at HZ=%d", seed, hz).isEqualTo(20L * hz / 1000);
        long softirqsBefore = m.softirqs().count(0, SoftirqType.TIMER);

        assertThat(t.modTimer(expires)).as("seed %d: first mod_timer finds it inactive", seed).isFalse();
        assertThat(t.pending()).isTrue();
        m.engine().runUntil(expires * tick - 1);
        assertThat(fired).as("seed %d: nothing before the tick of jiffy %d", seed, expires).isEmpty();
        m.run(tick);

        assertThat(fired).as("seed %d", seed).hasSize(1);
        Fired f = fired.getFirst();
        assertThat(f.jiffies()).as("seed %d: runs at the tick that makes jiffies == expires", seed).isEqualTo(expires);
        assertThat(f.nanos()).as("seed %d: tick + irq entry/exit + softirq entry", seed).isBetween(expires * tick, expires * tick + tick / 10);
        assertThat(f.inSoftirq()).as("seed %d: TIMER softirq context", seed).isTrue();
        assertThat(f.inHardirq()).as("seed %d", seed).isFalse();
        assertThat(f.cpu()).as("seed %d: on the arming CPU", seed).isZero();
        assertThat(t.pending()).as("seed %d: not pending once run", seed).isFalse();
        assertThat(m.softirqs().count(0, SoftirqType.TIMER) - softirqsBefore).as("seed %d: /proc/softirqs TIMER", seed).isEqualTo(1);
        assertThat(m.softirqs().procSoftirqs()).containsPattern("TIMER:\\s+" + (softirqsBefore + 1) + "\\s");
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void anExpiryThatHasBegunFiresAtTheNextTick() {
        long seed = 21;
        Machine m = machine(seed, 250);
        long tick = m.timers().tickNanos();
        m.run(10 * tick + 7);
        List<Fired> fired = new ArrayList<>();
        KernelTimer t = m.kernel().timerSetup("late", recorder(m, fired));
        long now = m.kernel().jiffies();
        t.modTimer(now - 5);
        m.run(2 * tick);
        assertThat(fired).as("seed %d", seed).hasSize(1);
        assertThat(fired.getFirst().jiffies()).as("seed %d: next tick, as Linux", seed).isEqualTo(now + 1);
    }

    @Test
    void modTimerReArmsAndReportsWhetherItWasPending() {
        long seed = 31;
        Machine m = machine(seed, 1000);
        List<Fired> fired = new ArrayList<>();
        KernelTimer t = m.kernel().timerSetup("rearm", recorder(m, fired));
        long j = m.kernel().jiffies();
        assertThat(t.modTimer(j + 10)).as("seed %d", seed).isFalse();
        assertThat(t.modTimer(j + 30)).as("seed %d: was pending", seed).isTrue();
        assertThat(t.expires()).isEqualTo(j + 30);
        m.run(20_000_000);
        assertThat(fired).as("seed %d: the earlier expiry was replaced", seed).isEmpty();
        m.run(20_000_000);
        assertThat(fired).as("seed %d", seed).extracting(Fired::jiffies).containsExactly(j + 30);
        assertThat(t.modTimer(m.kernel().jiffies() + 1)).as("seed %d: after it ran it is inactive again", seed).isFalse();
        m.run(2_000_000);
        assertThat(fired).as("seed %d: re-armed after running, runs again", seed).hasSize(2);
    }

    @Test
    void delTimerPreventsFiringAndStopsTheTick() {
        long seed = 41;
        Machine m = machine(seed, 1000);
        List<Fired> fired = new ArrayList<>();
        KernelTimer t = m.kernel().timerSetup("deleted", recorder(m, fired));
        t.modTimer(m.kernel().jiffies() + 5);
        assertThat(m.timers().tickProgrammed(0)).as("seed %d: tick programmed for the expiry", seed).isTrue();
        assertThat(t.delTimer()).as("seed %d: was pending", seed).isTrue();
        assertThat(t.delTimer()).as("seed %d: second delete finds nothing", seed).isFalse();
        assertThat(m.timers().tickProgrammed(0)).as("seed %d: nothing pending, no tick (NOHZ)", seed).isFalse();
        m.run(50_000_000);
        assertThat(fired).as("seed %d", seed).isEmpty();
        assertThat(m.timers().localTimerInterrupts(0)).as("seed %d", seed).isZero();
    }

    @Test
    void aTimerRunsOnTheCpuThatArmedIt() {
        long seed = 51;
        Machine m = machine(seed, 1000);
        List<Fired> fired = new ArrayList<>();
        KernelTimer t = m.kernel().timerSetup("on_cpu1", recorder(m, fired));
        Cpu cpu1 = m.cpus().get(1);
        m.cpus().runOn(cpu1, ExecContext.TASK, () -> t.modTimer(m.kernel().jiffies() + 3));
        m.run(5_000_000);
        assertThat(fired).as("seed %d", seed).extracting(Fired::cpu).containsExactly(1);
        assertThat(m.softirqs().count(1, SoftirqType.TIMER)).as("seed %d", seed).isEqualTo(1);
        assertThat(m.softirqs().count(0, SoftirqType.TIMER)).as("seed %d", seed).isZero();
    }

    @Test
    void anIdleMachineProgramsNoTickAndAPeriodicTimerTicksOnlyAtItsExpiries() {
        long seed = 61;
        Machine m = machine(seed, 1000);
        long events = m.engine().eventsRun();
        m.run(1_000_000_000L);
        assertThat(m.engine().eventsRun() - events).as("seed %d: an idle second runs no event at all", seed).isZero();
        assertThat(m.engine().pendingEvents()).as("seed %d", seed).isZero();

        // A timer that re-arms itself every 100 ms for one second of virtual time.
        KernelTimer[] t = new KernelTimer[1];
        int[] runs = new int[1];
        t[0] = m.kernel().timerSetup("periodic", () -> {
            if (++runs[0] < 10) {
                t[0].modTimer(m.kernel().jiffies() + m.kernel().msecsToJiffies(100));
            }
        });
        events = m.engine().eventsRun();
        t[0].modTimer(m.kernel().jiffies() + m.kernel().msecsToJiffies(100));
        m.run(2_000_000_000L);
        assertThat(runs[0]).as("seed %d", seed).isEqualTo(10);
        assertThat(m.timers().localTimerInterrupts(0)).as("seed %d: one tick per expiry, not one per jiffy", seed).isEqualTo(10);
        assertThat(m.procInterrupts()).as("seed %d", seed).containsPattern("(?m)^LOC:\\s+10\\s+0\\s+Local timer interrupts$");
        // per expiry: the programmed tick and the interrupt delivery it queues
        assertThat(m.engine().eventsRun() - events).as("seed %d: engine events for 10 expiries", seed).isLessThanOrEqualTo(20);
        assertThat(m.engine().pendingEvents()).as("seed %d: nothing left programmed", seed).isZero();
    }

    @Test
    void aTickWaitsWhileInterruptsAreOff() {
        long seed = 71;
        Machine m = machine(seed, 1000);
        List<Fired> fired = new ArrayList<>();
        KernelTimer t = m.kernel().timerSetup("held_back", recorder(m, fired));
        Cpu cpu0 = m.cpus().get(0);
        long j = m.kernel().jiffies();
        long[] enabledAt = new long[1];
        m.cpus().runOn(cpu0, ExecContext.TASK, () -> {
            t.modTimer(j + 2);
            cpu0.localIrqDisable();
            m.cpus().charge(5_000_000); // 5 ms with interrupts off: the tick at jiffy j+2 comes meanwhile
            assertThat(fired).as("seed %d: held back while irqs are off", seed).isEmpty();
            cpu0.localIrqEnable();
            enabledAt[0] = m.kernel().nowNanos();
            m.cpus().boundary();
        });
        m.settle();
        assertThat(fired).as("seed %d", seed).hasSize(1);
        assertThat(fired.getFirst().nanos()).as("seed %d: taken once interrupts are back on", seed).isGreaterThanOrEqualTo(enabledAt[0]);
    }

    // ---- drivers ---------------------------------------------------------------------------------

    /** A machine with a one-vector test NIC whose probe runs {@code probe}; its remove runs {@code remove}. */
    private static Machine withDriver(long seed, Consumer<PciDev> probe, Consumer<PciDev> remove) {
        TestPciModel model = TestPciModel.builder().msix(1).build();
        Machine m = Machines.booted(MachineConfig.builder().seed(seed).slot(3, () -> model));
        TestDriver drv = new TestDriver("timernic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            probe.accept(d);
            return ProbeResult.bound();
        }).onRemove(d -> {
            remove.accept(d);
            d.disableDevice();
        });
        m.modules().addAvailable("timernic", () -> new TestModule("timernic", drv));
        try {
            m.modprobe("timernic", Map.of());
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    @Test
    void aCallbackThatSleepsIsR21NamingTheDeviceAndDriver() {
        long seed = 81;
        KernelTimer[] t = new KernelTimer[1];
        Machine m = withDriver(seed, d -> {
            t[0] = d.kernel().timerSetup("timernic_watchdog", () -> d.kernel().msleep(1));
            t[0].modTimer(d.kernel().jiffies() + 10);
        }, d -> t[0].delTimerSync());
        m.run(20_000_000);
        List<Violation> r21 = m.violations().ofRule("R21");
        assertThat(r21).as("seed %d: %s", seed, m.violations().all()).hasSize(1);
        assertThat(r21.getFirst().device()).as("seed %d", seed).isEqualTo(PCI_DEV);
        assertThat(r21.getFirst().driver()).as("seed %d", seed).isEqualTo("timernic");
        assertThat(r21.getFirst().message()).as("seed %d", seed).contains("SOFTIRQ");
    }

    @Test
    void delTimerSyncFromAnIrqHandlerIsR21AndFromProcessContextIsFine() throws ErrnoException {
        long seed = 91;
        KernelTimer[] t = new KernelTimer[1];
        PciDev[] dev = new PciDev[1];
        boolean[] deleted = new boolean[1];
        TestPciModel[] model = new TestPciModel[1];
        Machine m = withDriver(seed, d -> {
            dev[0] = d;
            t[0] = d.kernel().timerSetup("timernic_poll", () -> { });
        }, d -> t[0].delTimerSync());
        PciDev d = dev[0];
        d.allocIrqVectors(1, 1, IrqVectorFlags.MSIX);
        d.requestIrq(d.irqVector(0), irq -> {
            deleted[0] = t[0].delTimerSync();
            return IrqReturn.HANDLED;
        }, 0, "timernic", d);
        t[0].modTimer(m.kernel().jiffies() + 100);
        model[0] = (TestPciModel) m.pci().function(PCI_DEV).orElseThrow().model();
        model[0].raise(1, 0);
        m.settle();
        assertThat(deleted[0]).as("seed %d: the handler's del_timer_sync found it pending", seed).isTrue();
        List<Violation> r21 = m.violations().ofRule("R21");
        assertThat(r21).as("seed %d: %s", seed, m.violations().all()).hasSize(1);
        assertThat(r21.getFirst().device()).isEqualTo(PCI_DEV);
        assertThat(r21.getFirst().driver()).isEqualTo("timernic");
        assertThat(r21.getFirst().message()).contains("HARDIRQ");

        t[0].modTimer(m.kernel().jiffies() + 100);
        assertThat(t[0].delTimerSync()).as("seed %d: process context", seed).isTrue();
        assertThat(m.violations().ofRule("R21")).as("seed %d: no new R21 from process context", seed).hasSize(1);
        d.freeIrq(d.irqVector(0), d);
        d.freeIrqVectors();
    }

    @Test
    void aTimerLeftPendingAtRemoveIsOdebugAndCancelled() throws ErrnoException {
        long seed = 101;
        int[] runs = new int[1];
        KernelTimer[] t = new KernelTimer[1];
        Machine m = withDriver(seed, d -> {
            t[0] = d.kernel().timerSetup("timernic_stats_timer", () -> runs[0]++);
            t[0].modTimer(d.kernel().jiffies() + 1000);
        }, d -> { /* forgets del_timer_sync */ });
        m.rmmod("timernic");
        List<Violation> odebug = m.violations().ofRule("ODEBUG");
        assertThat(odebug).as("seed %d: %s", seed, m.violations().all()).hasSize(1);
        assertThat(odebug.getFirst().message()).as("seed %d", seed)
                .startsWith("ODEBUG: free active (active state 0) object: ")
                .contains("object type: timer_list hint: timernic_stats_timer");
        assertThat(odebug.getFirst().device()).isEqualTo(PCI_DEV);
        assertThat(odebug.getFirst().driver()).isEqualTo("timernic");
        assertThat(t[0].pending()).as("seed %d: cancelled", seed).isFalse();
        m.run(2_000_000_000L);
        assertThat(runs[0]).as("seed %d: the unloaded driver's callback never runs", seed).isZero();
    }

    @Test
    void aCorrectDriverDeletingItsTimerAtRemoveIsClean() throws ErrnoException {
        long seed = 111;
        KernelTimer[] t = new KernelTimer[1];
        Machine m = withDriver(seed, d -> {
            t[0] = d.kernel().timerSetup("timernic_stats_timer", () -> { });
            t[0].modTimer(d.kernel().jiffies() + 1000);
        }, d -> t[0].delTimerSync());
        m.rmmod("timernic");
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void aTimerAModuleInitArmedAndExitLeftPendingIsOdebugAtRmmod() throws ErrnoException {
        long seed = 121;
        Machine m = machine(seed, 1000);
        int[] runs = new int[1];
        m.modules().addAvailable("timermod", () -> new KernelModule() {
            @Override
            public String name() {
                return "timermod";
            }

            @Override
            public void init(ModuleContext context) {
                KernelTimer t = context.kernel().timerSetup("timermod_housekeeping", () -> runs[0]++);
                t.modTimer(context.kernel().jiffies() + 500);
            }

            @Override
            public void exit(ModuleContext context) {
            }
        });
        m.modprobe("timermod", Map.of());
        assertThat(m.timers().pendingTimers()).isEqualTo(1);
        m.rmmod("timermod");
        List<Violation> odebug = m.violations().ofRule("ODEBUG");
        assertThat(odebug).as("seed %d: %s", seed, m.violations().all()).hasSize(1);
        assertThat(odebug.getFirst().driver()).isEqualTo("timermod");
        assertThat(odebug.getFirst().message()).contains("hint: timermod_housekeeping");
        assertThat(m.timers().pendingTimers()).isZero();
        m.run(1_000_000_000L);
        assertThat(runs[0]).as("seed %d", seed).isZero();
    }
}
