package io.jnetdev.runtime.base;

import java.util.ArrayList;
import java.util.List;

/** A driver registered on a bus ({@code struct device_driver}). */
public abstract class DeviceDriver {
    private final String name;
    private final BusType bus;
    private final String owner;
    private final List<Device> devices = new ArrayList<>();

    /** @param owner the module that registered the driver */
    protected DeviceDriver(String name, BusType bus, String owner) {
        this.name = name;
        this.bus = bus;
        this.owner = owner;
    }

    public String name() {
        return name;
    }

    public BusType bus() {
        return bus;
    }

    /** The owning module's name. */
    public String owner() {
        return owner;
    }

    /** Devices bound to this driver, in bind order. */
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    void addDevice(Device dev) {
        devices.add(dev);
    }

    void removeDevice(Device dev) {
        devices.remove(dev);
    }

    @Override
    public String toString() {
        return name;
    }
}
