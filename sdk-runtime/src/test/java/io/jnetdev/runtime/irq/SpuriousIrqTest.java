package io.jnetdev.runtime.irq;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code note_interrupt}: a line whose interrupts nobody claims — more than 99,900 of a window of
 * 100,000 — is reported ("nobody cared") and disabled; the unhandled count restarts when the
 * previous unhandled interrupt is older than HZ/10 (rule D15). A handler that throws is contained.
 */
class SpuriousIrqTest {
    private static final int GSI = 19; // slot 3, INTA

    private Machine m;
    private final Map<String, PciDev> devs = new HashMap<>();
    private final Map<String, IoRegion> regs = new HashMap<>();

    /** Boots with one device per slot, each bound to a driver that maps BAR0 and allocates its vector. */
    private void boot(MachineConfig.Builder config, int vectorFlags, Map<Integer, TestPciModel> slots) throws ErrnoException {
        boot(config, vectorFlags, slots, new io.jnetdev.runtime.cost.DefaultCostModel());
    }

    private void boot(MachineConfig.Builder config, int vectorFlags, Map<Integer, TestPciModel> slots,
                      io.jnetdev.runtime.cost.CostModel costs) throws ErrnoException {
        for (Map.Entry<Integer, TestPciModel> e : slots.entrySet()) {
            TestPciModel model = e.getValue();
            config.slot(e.getKey(), () -> model);
        }
        m = Machines.booted(config, Machines.costs(costs));
        TestDriver drv = new TestDriver("spurnic", PciDeviceId.ofClass(0x02_0000, 0xFF_FF00)).onProbe((d, id) -> {
            d.enableDevice();
            regs.put(d.name(), d.iomap(0));
            d.allocIrqVectors(1, 1, vectorFlags);
            devs.put(d.name(), d);
            return ProbeResult.bound();
        });
        m.modules().addAvailable("spurnic", () -> new TestModule("spurnic", drv));
        m.modprobe("spurnic", Map.of());
    }

    private PciDev dev(int slot) {
        return devs.get(String.format("0000:00:%02x.0", slot));
    }

    @Test
    void aStuckLineNobodyClaimsIsDisabledAfterOneWindow() throws Exception {
        TestPciModel model = TestPciModel.builder().build();
        boot(MachineConfig.builder(), IrqVectorFlags.INTX, Map.of(3, model));
        PciDev dev = dev(3);
        assertThat(dev.irqVector(0)).isEqualTo(GSI);
        int[] calls = new int[1];
        dev.requestIrq(GSI, irq -> {
            calls[0]++;
            return IrqReturn.NONE;
        }, 0, "spurnic", dev);

        model.forceIntx(true);
        m.settle();

        IrqDesc desc = m.irqCore().desc(GSI);
        assertThat(desc.spuriousDisabled()).isTrue();
        assertThat(desc.enabled()).isFalse();
        assertThat(desc.totalCount()).isEqualTo(IrqCore.SPURIOUS_WINDOW).isEqualTo(100_000);
        assertThat(desc.unhandledTotal()).isEqualTo(100_000);
        assertThat(calls[0]).isEqualTo(100_000);
        assertThat(m.dmesg())
                .contains("irq 19: nobody cared (try booting with the \"irqpoll\" option)")
                .contains("handlers: spurnic")
                .contains("Disabling IRQ #19");
        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("D15");
            assertThat(v.device()).isEqualTo("0000:00:03.0");
            assertThat(v.driver()).isEqualTo("spurnic");
            assertThat(v.message()).contains("nobody cared").contains("100000 of the last 100000");
        });

        // Disabled means no more deliveries, even with the line still high.
        m.run(1_000_000);
        assertThat(desc.totalCount()).isEqualTo(100_000);
    }

    @Test
    void aStuckLineThatIsClaimedIsNeverNobodyCaredButTheStormGuardStopsIt() throws Exception {
        TestPciModel model = TestPciModel.builder().build();
        // Nothing costs time here, so the line re-fires at one instant: the same-instant guard stops it.
        boot(MachineConfig.builder(), IrqVectorFlags.INTX, Map.of(3, model), io.jnetdev.runtime.cost.CostModel.FREE);
        PciDev dev = dev(3);
        dev.requestIrq(GSI, irq -> IrqReturn.HANDLED, 0, "spurnic", dev);

        model.forceIntx(true);
        m.settle();

        IrqDesc desc = m.irqCore().desc(GSI);
        assertThat(m.dmesg()).doesNotContain("nobody cared");
        assertThat(desc.spuriousDisabled()).isFalse();
        assertThat(desc.unhandledTotal()).isZero();
        // The storm guard: STORM_LIMIT handled deliveries at one virtual instant, then the line is disabled.
        assertThat(desc.totalCount()).isEqualTo(IrqCore.STORM_LIMIT);
        assertThat(desc.enabled()).isFalse();
        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("D15");
            assertThat(v.message()).contains("interrupt storm").doesNotContain("nobody cared");
        });
    }

    @Test
    void aStuckClaimedLineIsStoppedAfterTenSecondsAsAHardLockup() throws Exception {
        TestPciModel model = TestPciModel.builder().build();
        // Each delivery costs 1 ms of CPU, so 10 s of continuous interrupts are 10,000 deliveries.
        io.jnetdev.runtime.cost.CostModel slowIrq = new io.jnetdev.runtime.cost.DefaultCostModel() {
            @Override
            public long irqEntry() {
                return 999_000;
            }

            @Override
            public long irqExit() {
                return 1_000;
            }
        };
        boot(MachineConfig.builder(), IrqVectorFlags.INTX, Map.of(3, model), slowIrq);
        PciDev dev = dev(3);
        dev.requestIrq(GSI, irq -> IrqReturn.HANDLED, 0, "spurnic", dev);

        model.forceIntx(true);
        m.settle();

        IrqDesc desc = m.irqCore().desc(GSI);
        assertThat(desc.enabled()).isFalse();
        assertThat(desc.totalCount()).isEqualTo(10_001);
        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("D15");
            assertThat(v.message()).contains("hard lockup").contains("over 10000 ms");
        });
    }

    @Test
    void unhandledCountRestartsWhenTheLastUnhandledIsOlderThanATenthOfASecond() throws Exception {
        // HZ=1000: HZ/10 is 100 jiffies. Half a window unhandled, a pause, the other half unhandled.
        assertThat(spuriousAfterPause(101_000_000L)).as("pause of 101 jiffies").isFalse();
        assertThat(spuriousAfterPause(100_000_000L)).as("pause of exactly 100 jiffies").isTrue();
    }

    /** MSI messages no handler claims: 50,000, then {@code pauseNanos} later 50,000 more. */
    private boolean spuriousAfterPause(long pauseNanos) throws Exception {
        devs.clear();
        TestPciModel model = TestPciModel.builder().msi(1).build();
        boot(MachineConfig.builder().hz(1000), IrqVectorFlags.MSI, Map.of(5, model));
        PciDev dev = dev(5);
        int irq = dev.irqVector(0);
        dev.requestIrq(irq, n -> IrqReturn.NONE, 0, "spurnic", dev);
        for (int i = 0; i < 50_000; i++) {
            model.raise(1, 0);
        }
        m.settle();
        m.run(pauseNanos);
        for (int i = 0; i < 50_000; i++) {
            model.raise(1, 0);
        }
        m.settle();
        IrqDesc desc = m.irqCore().desc(irq);
        assertThat(desc.totalCount()).isEqualTo(100_000);
        assertThat(desc.unhandledTotal()).isEqualTo(100_000);
        assertThat(desc.spuriousDisabled()).isEqualTo(m.dmesg().contains("irq " + irq + ": nobody cared"));
        assertThat(desc.spuriousDisabled()).isEqualTo(!m.violations().ofRule("D15").isEmpty());
        return desc.spuriousDisabled();
    }

    @Test
    void aThrowingHandlerIsContainedAndOtherLinesKeepWorking() throws Exception {
        TestPciModel bad = TestPciModel.builder().build();
        TestPciModel good = TestPciModel.builder().build();
        boot(MachineConfig.builder(), IrqVectorFlags.INTX, Map.of(3, bad, 4, good));
        PciDev badDev = dev(3);
        PciDev goodDev = dev(4);
        int goodIrq = goodDev.irqVector(0);
        assertThat(goodIrq).isEqualTo(16).isNotEqualTo(GSI);
        badDev.requestIrq(GSI, irq -> {
            throw new IllegalStateException("driver bug");
        }, 0, "spurnic-bad", badDev);
        IoRegion goodRegs = regs.get(goodDev.name());
        int[] goodCalls = new int[1];
        goodDev.requestIrq(goodIrq, irq -> {
            goodCalls[0]++;
            goodRegs.write32(0x04, goodRegs.read32(0x04));
            return IrqReturn.HANDLED;
        }, 0, "spurnic-good", goodDev);

        bad.raise(1, 0);
        m.settle();

        IrqDesc badDesc = m.irqCore().desc(GSI);
        assertThat(badDesc.enabled()).isFalse();
        assertThat(badDesc.totalCount()).isEqualTo(1);
        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("BUG");
            assertThat(v.device()).isEqualTo("0000:00:03.0");
            assertThat(v.message()).contains("spurnic-bad").contains("driver bug").contains("line disabled");
        });
        assertThat(m.cpus().current().inHardIrq()).isFalse();

        good.raise(1, 0);
        m.settle();
        m.run(1_000_000);
        good.raise(1, 0);
        m.settle();

        assertThat(goodCalls[0]).isEqualTo(2);
        assertThat(m.irqCore().desc(goodIrq).totalCount()).isEqualTo(2);
        assertThat(m.violations().all()).hasSize(1);
    }

    @Test
    void aLineTheDetectorDisabledIsStartedAfreshByTheNextRequest() throws Exception {
        TestPciModel model = TestPciModel.builder().build();
        boot(MachineConfig.builder(), IrqVectorFlags.INTX, Map.of(3, model));
        PciDev dev = dev(3);
        Object cookie = new Object();
        dev.requestIrq(GSI, irq -> IrqReturn.NONE, 0, "spurnic", cookie);
        model.forceIntx(true);
        m.settle();
        assertThat(m.irqCore().desc(GSI).spuriousDisabled()).isTrue();

        // The driver is fixed and loaded again: free_irq, then request_irq (Linux's __setup_irq
        // starts the line again and resets the spurious counters).
        model.forceIntx(false);
        dev.freeIrq(GSI, cookie);
        IoRegion r = regs.get(dev.name());
        int[] calls = new int[1];
        dev.requestIrq(GSI, irq -> {
            calls[0]++;
            r.write32(TestPciModel.REG_CAUSE, r.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        }, 0, "spurnic", cookie);
        model.raise(1, 0);
        m.settle();

        IrqDesc desc = m.irqCore().desc(GSI);
        assertThat(calls[0]).isEqualTo(1);
        assertThat(desc.enabled()).isTrue();
        assertThat(desc.spuriousDisabled()).isFalse();
        assertThat(m.violations().ofRule("D15")).hasSize(1);
    }

    @Test
    void anAssertedLineWhoseLastHandlerWasFreedIsShutDownNotReported() throws Exception {
        TestPciModel model = TestPciModel.builder().build();
        boot(MachineConfig.builder(), IrqVectorFlags.INTX, Map.of(3, model));
        PciDev dev = dev(3);
        Object cookie = new Object();
        dev.requestIrq(GSI, irq -> IrqReturn.HANDLED, 0, "spurnic", cookie);

        // The device raises as the driver is torn down: the delivery is still queued when free_irq runs.
        model.raise(1, 0);
        dev.freeIrq(GSI, cookie);
        m.settle();

        assertThat(m.dmesg()).doesNotContain("nobody cared");
        assertThat(m.violations().all()).isEmpty();
        assertThat(m.irqCore().desc(GSI).totalCount()).isZero();
    }
}
