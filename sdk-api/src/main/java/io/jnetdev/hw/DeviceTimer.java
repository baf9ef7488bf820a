package io.jnetdev.hw;

/** A one-shot timer in virtual time owned by a device model. */
public interface DeviceTimer {
    /** Arms (or re-arms) the timer to fire {@code delayNanos} from now. */
    void schedule(long delayNanos);

    /** Disarms the timer; no effect when not armed. */
    void cancel();

    /** Whether the timer is armed. */
    boolean pending();
}
