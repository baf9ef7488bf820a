package io.jnetdev.runtime.base;

/**
 * A device on a bus ({@code struct device}): its name, the driver bound to it, its managed
 * resources and its {@code driver_override}. Bus-specific devices extend it, as
 * {@code struct pci_dev} embeds {@code struct device}.
 */
public abstract class Device {
    private final String name;
    private final BusType bus;
    private final Devres devres = new Devres();
    private DeviceDriver driver;
    private String driverOverride;
    private Object drvData;
    private boolean dead;
    private boolean registered;

    protected Device(String name, BusType bus) {
        this.name = name;
        this.bus = bus;
    }

    /** {@code dev_name}. */
    public String name() {
        return name;
    }

    public BusType bus() {
        return bus;
    }

    /** The bound driver, or null. */
    public DeviceDriver driver() {
        return driver;
    }

    void driver(DeviceDriver driver) {
        this.driver = driver;
    }

    public Devres devres() {
        return devres;
    }

    /** The {@code driver_override} value, or null when unset. */
    public String driverOverride() {
        return driverOverride;
    }

    void driverOverride(String value) {
        this.driverOverride = value;
    }

    public Object drvData() {
        return drvData;
    }

    public void drvData(Object data) {
        this.drvData = data;
    }

    /** Removed from the system (hot-unplug in progress or done): no new bind. */
    public boolean dead() {
        return dead;
    }

    void dead(boolean dead) {
        this.dead = dead;
    }

    public boolean registered() {
        return registered;
    }

    void registered(boolean registered) {
        this.registered = registered;
    }

    @Override
    public String toString() {
        return name;
    }
}
