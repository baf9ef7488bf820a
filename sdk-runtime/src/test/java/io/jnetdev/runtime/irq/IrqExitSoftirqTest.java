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
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.ExecContext;
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
 * {@code irq_exit}: softirqs run after the CPU has left hard-IRQ context, and only when the
 * interrupt did not arrive in interrupt context; so a hard IRQ can preempt softirq processing,
 * as ARCHITECTURE.md's execution model says ("just as a hard IRQ preempts a softirq").
 */
class IrqExitSoftirqTest {
    private final List<String> order = new ArrayList<>();
    private Machine m;
    private TestPciModel model;
    private PciDev dev;
    private IoRegion regs;

    private void boot() throws ErrnoException {
        model = TestPciModel.builder().msix(2).build();
        m = Machines.booted(MachineConfig.builder().slot(3, () -> model));
        TestDriver drv = new TestDriver("exitnic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            regs = d.iomap(0);
            d.allocIrqVectors(2, 2, IrqVectorFlags.MSIX);
            dev = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("exitnic", () -> new TestModule("exitnic", drv));
        m.modprobe("exitnic", Map.of());
        for (int q = 0; q < 2; q++) {
            int queue = q;
            dev.requestIrq(dev.irqVector(q), irq -> {
                Cpu cpu = m.cpus().current();
                order.add("hardirq q" + queue + (cpu.inSoftIrq() ? " over softirq" : ""));
                return IrqReturn.HANDLED;
            }, 0, "exitnic-q" + q, dev);
        }
    }

    @Test
    void irqExitRunsAfterTheHandlerOutsideHardIrqContext() throws Exception {
        boot();
        m.irqCore().irqExit(() -> {
            Cpu cpu = m.cpus().current();
            order.add("irq_exit cpu" + cpu.id() + " hardirq=" + cpu.inHardIrq() + " " + cpu.context());
        });

        model.raise(1, 0);
        m.settle();

        assertThat(order).containsExactly("hardirq q0", "irq_exit cpu0 hardirq=false TASK");
    }

    @Test
    void aHardIrqPreemptsSoftirqWorkStartedAtIrqExit() throws Exception {
        boot();
        int[] softirqRuns = new int[1];
        m.irqCore().irqExit(() -> {
            Cpu cpu = m.cpus().current();
            softirqRuns[0]++;
            m.cpus().runOn(cpu, ExecContext.SOFTIRQ, () -> {
                order.add("softirq start");
                if (softirqRuns[0] == 1) {
                    model.raise(1, 1); // the card interrupts again while its RX work is being done
                }
                regs.read32(TestPciModel.REG_SCRATCH); // an SDK call: an instruction boundary
                order.add("softirq end");
            });
        });

        model.raise(1, 0);
        m.settle();

        assertThat(order).containsExactly(
                "hardirq q0",
                "softirq start",
                "hardirq q1 over softirq",
                "softirq end");
        assertThat(softirqRuns[0]).as("no nested irq_exit work for the interrupt taken in softirq").isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }
}
