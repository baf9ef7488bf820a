package io.jnetdev.runtime.wire;

import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.WireContext;
import io.jnetdev.runtime.engine.Engine;
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
        return new WireTimer(name, action);
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

    /** A wire timer as one engine event, armed again at each {@link #schedule} (a generator re-arms per burst). */
    private final class WireTimer implements DeviceTimer {
        private final Engine.Event event;

        WireTimer(String name, Runnable action) {
            this.event = engine.newEvent("wire " + name, () -> run(name, action));
        }

        @Override
        public void schedule(long delayNanos) {
            engine.arm(event, engine.now() + Math.max(0, delayNanos));
        }

        @Override
        public void cancel() {
            engine.cancel(event);
        }

        @Override
        public boolean pending() {
            return event.scheduled();
        }
    }
}
