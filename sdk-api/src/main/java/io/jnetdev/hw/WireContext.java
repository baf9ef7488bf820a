package io.jnetdev.hw;

/**
 * What wires, traffic generators and captures may use of the machine: its clock and timers in
 * virtual time. They are not PCI devices, so they get this instead of a {@link DeviceContext}.
 * Timer actions run as machine events on the machine's thread; an exception one throws is
 * contained and reported, and the rest of the machine goes on.
 */
public interface WireContext {

    /** Virtual time in nanoseconds. */
    long nowNanos();

    /** A one-shot timer in virtual time whose expiry runs {@code action}. */
    DeviceTimer newTimer(String name, Runnable action);
}
