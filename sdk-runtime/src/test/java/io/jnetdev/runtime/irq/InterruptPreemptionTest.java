package io.jnetdev.runtime.irq;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Interrupts preempt at SDK-call boundaries (ARCHITECTURE.md, execution model): a hard IRQ raised
 * while a driver runs in process context is handled, nested, at the driver's next SDK call —
 * unless local interrupts are off; a threaded handler runs later in process context; and a
 * hard-IRQ handler that sleeps is caught ({@code might_sleep}, recorded as R21; D14 for the
 * handler contract).
 */
class InterruptPreemptionTest {
    private final List<String> order = new ArrayList<>();
    private Machine m;
    private TestPciModel model;
    private PciDev dev;

    /** What the probe does once the device is enabled, mapped and has its vector. */
    @FunctionalInterface
    interface ProbeBody {
        void run(PciDev dev, IoRegion regs, int irq) throws ErrnoException;
    }

    private void boot(int vectorFlags, ProbeBody body) throws ErrnoException {
        model = TestPciModel.builder().msi(1).build();
        m = Machines.booted(MachineConfig.builder().slot(3, () -> model));
        TestDriver drv = new TestDriver("prenic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            IoRegion regs = d.iomap(0);
            d.allocIrqVectors(1, 1, vectorFlags);
            dev = d;
            body.run(d, regs, d.irqVector(0));
            return ProbeResult.bound();
        });
        m.modules().addAvailable("prenic", () -> new TestModule("prenic", drv));
        m.modprobe("prenic", Map.of());
    }

    /** A handler that records how it was entered and acknowledges the device. */
    private io.jnetdev.api.irq.IrqHandler recording(IoRegion regs) {
        return irq -> {
            Cpu cpu = m.cpus().current();
            order.add("handler irq=" + irq + " cpu" + cpu.id() + " " + cpu.context() + " hardirq=" + cpu.inHardIrq());
            regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        };
    }

    private static int raiseValue(int cause, int vector) {
        return (vector << 24) | cause;
    }

    @Test
    void anMsiRaisedInProbeIsHandledAtTheNextBoundaryNestedInTheProbe() throws Exception {
        int[] irqSeen = new int[1];
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> {
            irqSeen[0] = irq;
            d.requestIrq(irq, recording(regs), 0, "prenic", d);
            Cpu cpu = m.cpus().current();
            order.add("probe cpu" + cpu.id() + " " + cpu.context());
            regs.write32(TestPciModel.REG_RAISE, raiseValue(1, 0));
            order.add("raise written");
            regs.read32(TestPciModel.REG_SCRATCH);
            order.add("scratch read, " + cpu.context());
        });

        // The raise write is itself the boundary: the handler runs before that write returns.
        assertThat(order).containsExactly(
                "probe cpu0 TASK",
                "handler irq=" + irqSeen[0] + " cpu0 HARDIRQ hardirq=true",
                "raise written",
                "scratch read, TASK");
        assertThat(model.cause()).isZero();
        assertThat(m.irqCore().desc(irqSeen[0]).totalCount()).isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void anIntxRaisedInProbeIsAlsoTakenAtTheBoundary() throws Exception {
        boot(IrqVectorFlags.INTX, (d, regs, irq) -> {
            d.requestIrq(irq, recording(regs), IrqFlags.SHARED, "prenic", d);
            order.add("before raise");
            regs.write32(TestPciModel.REG_RAISE, raiseValue(1, 0));
            order.add("after raise");
        });

        assertThat(order).containsExactly("before raise", "handler irq=19 cpu0 HARDIRQ hardirq=true", "after raise");
        assertThat(m.irqCore().desc(19).totalCount()).isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void withLocalInterruptsOffTheHandlerWaitsUntilTheyAreOnAndTheNextBoundary() throws Exception {
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> {
            d.requestIrq(irq, recording(regs), 0, "prenic", d);
            Cpu cpu = m.cpus().current();
            cpu.localIrqDisable();
            order.add("irqs off, atomic=" + d.kernel().inAtomicContext());
            regs.write32(TestPciModel.REG_RAISE, raiseValue(1, 0));
            order.add("raise written");
            regs.read32(TestPciModel.REG_SCRATCH);
            order.add("scratch read, pending=" + cpu.hasPending());
            cpu.localIrqEnable();
            order.add("irqs on, atomic=" + d.kernel().inAtomicContext());
            regs.read32(TestPciModel.REG_SCRATCH);
            order.add("scratch read again");
        });

        int irq = dev.irqVector(0);
        assertThat(order).containsExactly(
                "irqs off, atomic=true",
                "raise written",
                "scratch read, pending=true",
                "irqs on, atomic=false",
                "handler irq=" + irq + " cpu0 HARDIRQ hardirq=true",
                "scratch read again");
        assertThat(m.irqCore().desc(irq).totalCount()).isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void aThreadedHandlerRunsInProcessContextAfterTheHardIrq() throws Exception {
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> d.requestThreadedIrq(irq, n -> {
            Cpu cpu = m.cpus().current();
            order.add("primary " + cpu.context() + " line enabled=" + m.irqCore().desc(n).enabled());
            return IrqReturn.WAKE_THREAD;
        }, n -> {
            Cpu cpu = m.cpus().current();
            order.add("thread " + cpu.context() + " hardirq=" + cpu.inHardIrq() + " atomic=" + d.kernel().inAtomicContext()
                    + " line enabled=" + m.irqCore().desc(n).enabled());
            regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        }, IrqFlags.ONESHOT, "prenic", d));
        int irq = dev.irqVector(0);

        model.raise(1, 0);
        m.settle();

        // ONESHOT keeps the line masked while the thread runs, and unmasks it after.
        assertThat(order).containsExactly(
                "primary HARDIRQ line enabled=true",
                "thread TASK hardirq=false atomic=false line enabled=false");
        assertThat(m.irqCore().desc(irq).enabled()).isTrue();
        assertThat(model.cause()).isZero();
        assertThat(m.irqCore().desc(irq).unhandledTotal()).isZero();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void aThreadWokenInProbeRunsOnlyAfterProbeReturns() throws Exception {
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> {
            d.requestThreadedIrq(irq, null, n -> {
                order.add("thread " + m.cpus().current().context());
                regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
                return IrqReturn.HANDLED;
            }, IrqFlags.ONESHOT, "prenic", d);
            regs.write32(TestPciModel.REG_RAISE, raiseValue(1, 0));
            regs.read32(TestPciModel.REG_SCRATCH);
            order.add("probe done");
        });

        assertThat(order).containsExactly("probe done", "thread TASK");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void sleepingInAHardIrqHandlerIsCaught() throws Exception {
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> d.requestIrq(irq, n -> {
            d.kernel().msleep(1);
            regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        }, 0, "prenic", d));

        model.raise(1, 0);
        m.settle();

        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("R21");
            assertThat(v.message()).contains("sleeping function called from invalid context").contains("cpu0").contains("HARDIRQ");
        });
        assertThat(m.dmesg()).contains("WARNING: [R21]");
    }

    @Test
    void sleepingInProcessContextIsFine() throws Exception {
        long[] slept = new long[1];
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> {
            long t0 = d.kernel().nowNanos();
            d.kernel().msleep(5);
            slept[0] = d.kernel().nowNanos() - t0;
        });

        assertThat(slept[0]).isEqualTo(5_000_000L);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void anInterruptArrivingWhileProbeSleepsIsTakenDuringTheSleep() throws Exception {
        boot(IrqVectorFlags.MSI, (d, regs, irq) -> {
            d.requestIrq(irq, recording(regs), 0, "prenic", d);
            // The device raises on its own 1 ms into a 5 ms sleep.
            m.engine().scheduleIn(1_000_000, "device raises", () -> model.raise(1, 0));
            order.add("sleep");
            d.kernel().msleep(5);
            order.add("woke at " + d.kernel().nowNanos());
        });

        assertThat(order).containsExactly(
                "sleep",
                "handler irq=" + dev.irqVector(0) + " cpu0 HARDIRQ hardirq=true",
                "woke at 5000000");
        assertThat(m.violations().all()).isEmpty();
    }
}
