package io.jnetdev.runtime.engine;

import io.jnetdev.hw.DeviceTimer;

/**
 * A timer of a device model or a wire as one engine event, armed again at each {@link #schedule}:
 * an interrupt throttle, a transmit pacer or a traffic generator re-arms per frame or per burst,
 * and must not allocate doing so.
 */
public final class EngineTimer implements DeviceTimer {
    private final Engine engine;
    private final Engine.Event event;

    /** A timer that runs {@code action} as the engine event {@code what} when it expires. */
    public EngineTimer(Engine engine, String what, Runnable action) {
        this.engine = engine;
        this.event = engine.newEvent(what, action);
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
