package io.jnetdev.runtime.irq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * {@code request_threaded_irq} (D14): a thread-only request needs {@code IRQF_ONESHOT} on a
 * level-triggered line (the IO-APIC is not oneshot-safe; MSI is), needs some handler at all, and
 * with ONESHOT the line stays masked until the thread is done, an edge meanwhile replayed after.
 */
class ThreadedIrqRequestTest {
    private Machine m;
    private TestPciModel model;
    private PciDev dev;
    private IoRegion regs;

    private void boot(int vectorFlags) throws ErrnoException {
        boot(TestPciModel.builder().msi(1).build(), 1, vectorFlags);
    }

    private void boot(TestPciModel built, int vectors, int vectorFlags) throws ErrnoException {
        model = built;
        m = Machines.booted(MachineConfig.builder().cpus(2).slot(3, () -> built));
        TestDriver drv = new TestDriver("thrnic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            regs = d.iomap(0);
            d.allocIrqVectors(vectors, vectors, vectorFlags);
            dev = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("thrnic", () -> new TestModule("thrnic", drv));
        m.modprobe("thrnic", Map.of());
    }

    private static Errno errnoOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ErrnoException.class);
        return ((ErrnoException) t).errno();
    }

    @Test
    void threadOnlyWithoutOneshotOnALevelLineIsEinval() throws Exception {
        boot(IrqVectorFlags.INTX);
        int irq = dev.irqVector(0);

        assertThat(errnoOf(() -> dev.requestThreadedIrq(irq, null, n -> IrqReturn.HANDLED, 0, "thrnic", dev)))
                .isEqualTo(Errno.EINVAL);
        assertThat(m.dmesg()).contains("genirq: Threaded irq requested with handler=NULL and !ONESHOT for thrnic (irq 19)");
        assertThat(m.irqCore().desc(irq).actions()).isEmpty();

        dev.requestThreadedIrq(irq, null, n -> IrqReturn.HANDLED, IrqFlags.ONESHOT, "thrnic", dev);
        assertThat(m.irqCore().desc(irq).actions()).hasSize(1);
    }

    @Test
    void threadOnlyWithoutOneshotIsFineOnMsi() throws Exception {
        boot(IrqVectorFlags.MSI);
        int irq = dev.irqVector(0);
        List<String> ran = new ArrayList<>();

        dev.requestThreadedIrq(irq, null, n -> {
            ran.add("thread " + m.cpus().current().context());
            regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        }, 0, "thrnic", dev);
        model.raise(1, 0);
        m.settle();

        assertThat(ran).containsExactly("thread TASK");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void noHandlerAtAllIsEinval() throws Exception {
        boot(IrqVectorFlags.MSI);

        assertThat(errnoOf(() -> dev.requestThreadedIrq(dev.irqVector(0), null, null, IrqFlags.ONESHOT, "thrnic", dev)))
                .isEqualTo(Errno.EINVAL);
    }

    @Test
    void anEdgeArrivingWhileTheOneshotThreadRunsIsReplayedAfterIt() throws Exception {
        boot(IrqVectorFlags.MSI);
        int irq = dev.irqVector(0);
        List<String> ran = new ArrayList<>();
        int[] threads = new int[1];
        dev.requestThreadedIrq(irq, n -> {
            ran.add("primary");
            return IrqReturn.WAKE_THREAD;
        }, n -> {
            threads[0]++;
            ran.add("thread " + threads[0]);
            regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
            if (threads[0] == 1) {
                model.raise(2, 0); // more work arrives while the thread runs, the line masked
                ran.add("raised in thread, primary ran=" + ran.stream().filter("primary"::equals).count());
            }
            return IrqReturn.HANDLED;
        }, IrqFlags.ONESHOT, "thrnic", dev);

        model.raise(1, 0);
        m.settle();

        assertThat(ran).containsExactly("primary", "thread 1", "raised in thread, primary ran=1", "primary", "thread 2");
        assertThat(m.irqCore().desc(irq).totalCount()).isEqualTo(2);
        assertThat(m.irqCore().desc(irq).enabled()).isTrue();
        assertThat(model.cause()).isZero();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void theReplayAfterAOneshotThreadIsTakenOnTheVectorsCpu() throws Exception {
        boot(TestPciModel.builder().msix(2).build(), 2, IrqVectorFlags.MSIX | IrqVectorFlags.AFFINITY);
        int irq = dev.irqVector(1);
        assertThat(m.irqCore().desc(irq).targetCpu()).isEqualTo(1);
        List<String> ran = new ArrayList<>();
        int[] threads = new int[1];
        dev.requestThreadedIrq(irq, n -> {
            ran.add("primary cpu" + m.cpus().current().id());
            return IrqReturn.WAKE_THREAD;
        }, n -> {
            threads[0]++;
            ran.add("thread cpu" + m.cpus().current().id());
            if (threads[0] == 1) {
                model.raise(2, 1);
            }
            return IrqReturn.HANDLED;
        }, IrqFlags.ONESHOT, "thrnic-q1", dev);

        model.raise(1, 1);
        m.settle();

        assertThat(ran).containsExactly("primary cpu1", "thread cpu1", "primary cpu1", "thread cpu1");
        assertThat(m.irqCore().desc(irq).count(1)).isEqualTo(2);
        assertThat(m.irqCore().desc(irq).count(0)).isZero();
        assertThat(m.cpus().get(0).context()).isEqualTo(io.jnetdev.runtime.engine.ExecContext.TASK);
        assertThat(m.violations().all()).isEmpty();
    }
}
