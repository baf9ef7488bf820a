package io.jnetdev.runtime.wire;

import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.WireContext;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.engine.EngineTimer;
import io.jnetdev.runtime.klog.Violations;

/**
 * The machine's {@link WireContext}: the engine's clock, and timers whose expiry runs as an engine
 * event. An exception a wire action throws is contained here, as the PCI core contains a model's:
 * a DMA fault it provoked in a device is recorded as a {@code DMA} violation of that device, anything
 * else as a {@code WIRE} violation, and the machine goes on.
 */
public final class MachineWireContext implements WireContext {
    private final Engine engine;
    private final Violations violations;

    public MachineWireContext(Engine engine, Violations violations) {
        this.engine = engine;
        this.violations = violations;
    }

    @Override
    public long nowNanos() {
        return engine.now();
    }

    @Override
    public DeviceTimer newTimer(String name, Runnable action) {
        return new EngineTimer(engine, "wire " + name, () -> run(name, action));
    }

    private void run(String name, Runnable action) {
        try {
            action.run();
        } catch (DmaFaultException e) {
            violations.warn("DMA", e.device(), null, "wire " + name + ": device DMA failed: " + e.getMessage());
        } catch (RuntimeException e) {
            violations.warn("WIRE", null, null, "wire " + name + " failed: " + e);
        }
    }
}
