package io.jnetdev.runtime.testing;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqHandler;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.util.Map;

/**
 * A booted machine with one {@link TestPciModel} whose driver ({@value #DRIVER}) has one MSI-X
 * vector per CPU, vector {@code q} aimed at CPU {@code q}, each with a handler a test swaps in
 * ({@link #onIrq}); the default handler acknowledges the cause and claims the interrupt. A
 * probe body runs in process context on CPU 0 after the handlers are installed.
 */
public final class IrqBench {
    public static final String DRIVER = "benchnic";

    /** What the probe does once the device is set up; it may swap handlers first. */
    @FunctionalInterface
    public interface ProbeBody {
        void run(IrqBench bench) throws ErrnoException;
    }

    public final Machine m;
    public final TestPciModel model;
    public PciDev dev;
    public IoRegion regs;
    private final IrqHandler[] handlers;

    private IrqBench(int cpus, long seed, ProbeBody body) throws ErrnoException {
        model = TestPciModel.builder().msix(cpus).build();
        handlers = new IrqHandler[cpus];
        for (int q = 0; q < cpus; q++) {
            handlers[q] = irq -> {
                regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
                return IrqReturn.HANDLED;
            };
        }
        m = Machines.booted(MachineConfig.builder().cpus(cpus).seed(seed).slot(3, () -> model));
        TestDriver drv = new TestDriver(DRIVER, PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            regs = d.iomap(0);
            d.allocIrqVectors(cpus, cpus, IrqVectorFlags.MSIX | IrqVectorFlags.AFFINITY);
            dev = d;
            for (int q = 0; q < cpus; q++) {
                int queue = q;
                d.requestIrq(d.irqVector(q), irq -> handlers[queue].handle(irq), 0, DRIVER + "-q" + q, d);
            }
            body.run(this);
            return ProbeResult.bound();
        });
        m.modules().addAvailable(DRIVER, () -> new TestModule(DRIVER, drv));
        m.modprobe(DRIVER, Map.of());
    }

    /** A bench with {@code cpus} CPUs and vectors whose probe only sets up the device. */
    public static IrqBench boot(int cpus, long seed) throws ErrnoException {
        return new IrqBench(cpus, seed, b -> { });
    }

    /** A bench whose probe also runs {@code body}; the handlers it may trigger are the defaults unless set by then. */
    public static IrqBench boot(int cpus, long seed, ProbeBody body) throws ErrnoException {
        return new IrqBench(cpus, seed, body);
    }

    /** Replaces the handler of vector {@code q} (which runs on CPU {@code q}). */
    public IrqBench onIrq(int q, IrqHandler handler) {
        handlers[q] = handler;
        return this;
    }

    /** The device's name ({@code 0000:00:03.0}), as violations name it. */
    public String device() {
        return dev.name();
    }

    public Kernel kernel() {
        return dev.kernel();
    }

    /** The hardware raising vector {@code q} (as from an engine event, outside any driver code). */
    public void raise(int q) {
        model.raise(1, q);
    }

    /** The value that, written to {@link TestPciModel#REG_RAISE} by the driver, raises vector {@code q}. */
    public static int raiseValue(int q) {
        return (q << 24) | 1;
    }
}
