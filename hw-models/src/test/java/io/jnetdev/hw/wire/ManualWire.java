package io.jnetdev.hw.wire;

import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.WireContext;
import java.util.ArrayList;
import java.util.List;

/** A clock with one pending expiry per timer object, advanced by hand; runs nothing on its own. */
final class ManualWire implements WireContext {
    long now;
    final List<ManualTimer> timers = new ArrayList<>();

    final class ManualTimer implements DeviceTimer {
        final Runnable action;
        long due = -1;

        ManualTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void schedule(long delayNanos) {
            due = now + delayNanos;
        }

        @Override
        public void cancel() {
            due = -1;
        }

        @Override
        public boolean pending() {
            return due >= 0;
        }
    }

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public DeviceTimer newTimer(String name, Runnable action) {
        ManualTimer t = new ManualTimer(action);
        timers.add(t);
        return t;
    }

    /** Runs timers in due order until {@code until}; returns how many expiries ran. Allocates nothing. */
    int runUntil(long until) {
        int expiries = 0;
        while (true) {
            ManualTimer next = null;
            for (int i = 0; i < timers.size(); i++) {
                ManualTimer t = timers.get(i);
                if (t.due >= 0 && t.due <= until && (next == null || t.due < next.due)) {
                    next = t;
                }
            }
            if (next == null) {
                now = until;
                return expiries;
            }
            now = next.due;
            next.due = -1;
            next.action.run();
            expiries++;
        }
    }
}
