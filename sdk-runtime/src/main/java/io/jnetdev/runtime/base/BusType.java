package io.jnetdev.runtime.base;

import io.jnetdev.api.driver.ProbeResult;
import java.util.List;

/** A bus type ({@code struct bus_type}): how it matches, probes and removes. */
public interface BusType {

    /** The bus name, as in {@code /sys/bus/NAME}. */
    String name();

    /**
     * {@code bus->match}: positive when {@code drv} can drive {@code dev}, 0 when not, or
     * {@code -EPROBE_DEFER} (negative) to put the device on the deferred list.
     */
    int match(Device dev, DeviceDriver drv);

    /** {@code bus->probe}: calls the driver's probe through the bus's own glue. Never throws. */
    ProbeResult probe(Device dev);

    /** {@code bus->remove}: calls the driver's remove. Never throws. */
    void remove(Device dev);

    /**
     * Resources the driver acquired on {@code dev} outside devres and still holds, for the leak
     * check after a failed probe or after remove; each a short phrase naming the resource.
     */
    List<String> heldResources(Device dev);

    /** Force-releases whatever {@link #heldResources} reported, so a leaky driver cannot harm the machine. */
    void reclaimResources(Device dev);
}
