package io.jnetdev.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The deterministic engine (ARCHITECTURE.md invariant 3, "same seed, same trace"): events run in
 * time order and ties in scheduling order, cancelled events never run, {@code runUntil} nests,
 * and two machines given the same seed and the same actions leave identical traces and logs.
 */
class EngineDeterminismTest {
    private static final long[] SEEDS = {1L, 42L, 0xDEAD_BEEFL, -7L};

    @Test
    void eventsRunInTimeOrderAndTiesInSchedulingOrder() {
        Engine engine = new Engine(1);
        List<String> ran = new ArrayList<>();
        engine.schedule(300, "c", () -> ran.add("c@" + engine.now()));
        engine.schedule(100, "a1", () -> ran.add("a1@" + engine.now()));
        engine.schedule(200, "b", () -> ran.add("b@" + engine.now()));
        engine.schedule(100, "a2", () -> ran.add("a2@" + engine.now()));
        engine.scheduleIn(100, "a3", () -> ran.add("a3@" + engine.now()));

        engine.runUntil(250);

        assertThat(ran).containsExactly("a1@100", "a2@100", "a3@100", "b@200");
        assertThat(engine.now()).isEqualTo(250);
        assertThat(engine.pendingEvents()).isEqualTo(1);
        assertThat(engine.nextEventAt()).isEqualTo(300);
        assertThat(engine.eventsRun()).isEqualTo(4);
        engine.runFor(50);
        assertThat(ran).endsWith("c@300");
        assertThat(engine.nextEventAt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void eventsScheduledInThePastRunNowAndEventsAtNowRunInThisInstant() {
        Engine engine = new Engine(1);
        engine.runUntil(1_000);
        List<String> ran = new ArrayList<>();

        Engine.Event late = engine.schedule(10, "late", () -> ran.add("late@" + engine.now()));
        engine.schedule(1_000, "now", () -> {
            ran.add("now@" + engine.now());
            engine.schedule(engine.now(), "chained", () -> ran.add("chained@" + engine.now()));
        });
        engine.runPending();

        assertThat(late.at()).isEqualTo(1_000);
        assertThat(ran).containsExactly("late@1000", "now@1000", "chained@1000");
        assertThat(engine.now()).isEqualTo(1_000);
        assertThatThrownBy(() -> engine.scheduleIn(-1, "negative", () -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void cancelledEventsNeverRun() {
        Engine engine = new Engine(1);
        List<String> ran = new ArrayList<>();
        Engine.Event keep = engine.schedule(10, "keep", () -> ran.add("keep"));
        Engine.Event drop = engine.schedule(10, "drop", () -> ran.add("drop"));
        Engine.Event dropLater = engine.schedule(20, "dropLater", () -> ran.add("dropLater"));
        engine.schedule(15, "canceller", () -> engine.cancel(dropLater));

        engine.cancel(drop);
        engine.cancel(drop);
        engine.cancel(null);
        engine.runFor(100);
        engine.cancel(keep);

        assertThat(ran).containsExactly("keep");
        assertThat(engine.pendingEvents()).isZero();
        assertThat(engine.eventsRun()).isEqualTo(2);
    }

    @Test
    void runUntilNestsInsideAnEventAndTheClockNeverGoesBack() {
        Engine engine = new Engine(1);
        List<String> ran = new ArrayList<>();
        engine.schedule(10, "sleeper", () -> {
            ran.add("sleep@" + engine.now());
            engine.runUntil(engine.now() + 50); // msleep: the rest of the machine runs meanwhile
            ran.add("woke@" + engine.now());
        });
        engine.schedule(20, "irq", () -> ran.add("irq@" + engine.now()));
        engine.schedule(60, "timer", () -> ran.add("timer@" + engine.now()));
        engine.schedule(61, "after", () -> ran.add("after@" + engine.now()));

        engine.runUntil(40);

        assertThat(ran).containsExactly("sleep@10", "irq@20", "timer@60", "woke@60");
        assertThat(engine.now()).as("the nested run went past the outer limit").isEqualTo(60);
        engine.runUntil(100);
        assertThat(ran).endsWith("after@61");
        assertThat(engine.now()).isEqualTo(100);
    }

    @Test
    void theSameSeedGivesTheSameRandomSequence() {
        for (long seed : SEEDS) {
            RandomGenerator a = new Engine(seed).random();
            RandomGenerator b = new Engine(seed).random();
            long[] xs = a.longs(64).toArray();
            long[] ys = b.longs(64).toArray();
            assertThat(xs).as("seed %d", seed).containsExactly(ys);
            assertThat(new Engine(seed).seed()).isEqualTo(seed);
        }
        long[] one = new Engine(1).random().longs(8).toArray();
        long[] two = new Engine(2).random().longs(8).toArray();
        assertThat(one).as("seeds 1 and 2").isNotEqualTo(two);
    }

    @Test
    void twoMachinesWithTheSameSeedAndActionsLeaveIdenticalTracesAndLogs() throws Exception {
        for (long seed : SEEDS) {
            Run first = scenario(seed);
            Run second = scenario(seed);
            assertThat(first.trace()).as("probe trace, seed %d", seed).isEqualTo(second.trace()).isNotBlank();
            assertThat(first.dmesg()).as("dmesg, seed %d", seed).isEqualTo(second.dmesg()).contains("seed " + seed);
            assertThat(first.interrupts()).as("/proc/interrupts, seed %d", seed).isEqualTo(second.interrupts());
            assertThat(first.events()).as("driver events, seed %d", seed).isEqualTo(second.events());
            assertThat(first.eventsRun()).as("engine events, seed %d", seed).isEqualTo(second.eventsRun());
        }
    }

    /** What one run leaves behind. */
    record Run(String trace, String dmesg, String interrupts, List<String> events, long eventsRun) {}

    /**
     * Boots two devices on a shared INTx line, binds a driver (one probe deferred once), raises
     * interrupts at random instants drawn from the engine, hot-unplugs one device and unloads.
     */
    private static Run scenario(long seed) throws Exception {
        TestPciModel a = TestPciModel.builder().build();
        TestPciModel b = TestPciModel.builder().ids(0x1AF4, 0x0002).msix(2).build();
        Machine m = Machines.booted(MachineConfig.builder().seed(seed).cpus(2).slot(3, () -> a).slot(7, () -> b));
        List<String> events = new ArrayList<>();
        TestDriver drv = new TestDriver("detnic", PciDeviceId.of(0x1AF4, 0x0001), PciDeviceId.of(0x1AF4, 0x0002));
        drv.onProbe((d, id) -> {
            d.pcimEnableDevice();
            IoRegion regs = d.pcimIomapRegions(1, "detnic");
            int n = d.allocIrqVectors(1, 2, IrqVectorFlags.ALL_TYPES | IrqVectorFlags.AFFINITY);
            d.devmAddAction("free vectors", d::freeIrqVectors); // released after the IRQs below
            for (int i = 0; i < n; i++) {
                int q = i;
                d.devmRequestIrq(d.irqVector(i), irq -> {
                    int cause = regs.read32(TestPciModel.REG_CAUSE);
                    events.add(d.name() + " q" + q + " irq" + irq + " cause=" + cause + " t=" + d.kernel().nowNanos());
                    regs.write32(TestPciModel.REG_CAUSE, cause);
                    return cause == 0 && d.irqMode() == io.jnetdev.api.pci.IrqMode.INTX ? IrqReturn.NONE : IrqReturn.HANDLED;
                }, d.irqMode() == io.jnetdev.api.pci.IrqMode.INTX ? IrqFlags.SHARED : 0, "detnic-q" + i, d);
            }
            d.info("up with " + n + " " + d.irqMode() + " vector(s)");
            return ProbeResult.bound();
        });
        m.faults().deferProbe("detnic", 1);
        m.modules().addAvailable("detnic", () -> new TestModule("detnic", drv));
        m.modprobe("detnic", Map.of());

        RandomGenerator rnd = m.engine().random();
        for (int i = 0; i < 20; i++) {
            TestPciModel target = rnd.nextBoolean() ? a : b;
            int vector = rnd.nextInt(2);
            int cause = 1 << rnd.nextInt(8);
            m.engine().scheduleIn(rnd.nextLong(1_000, 1_000_000), "raise " + i, () -> target.raise(cause, vector));
        }
        m.run(2_000_000);
        m.unplug(7);
        m.rmmod("detnic");
        assertThat(events).as("interrupts handled, seed %d", seed).hasSizeGreaterThanOrEqualTo(10);
        assertThat(m.violations().all()).as("violations, seed %d", seed).isEmpty();
        return new Run(m.trace().render(), m.dmesg(), m.procInterrupts(), List.copyOf(events), m.engine().eventsRun());
    }
}
