package io.jnetdev.runtime.base;

import io.jnetdev.api.Errno;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.fault.FaultInjector;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The driver core: Linux's {@code drivers/base/dd.c}, {@code bus.c} and the device half of
 * {@code core.c}, told in the same small functions. Every step is recorded in the
 * {@link ProbeTrace} under its Linux name.
 *
 * <p>Binding from the driver side: {@code driver_register → bus_add_driver → driver_attach →
 * bus_for_each_dev → __driver_attach → driver_match_device → driver_probe_device → really_probe →
 * call_driver_probe (bus probe → driver probe) → driver_bound}. From the device side (hotplug):
 * {@code device_add → bus_probe_device → __device_attach → __device_attach_driver → ...}.
 */
public final class DriverCore {
    private final Engine engine;
    private final KernelLog log;
    private final Violations violations;
    private final FaultInjector faults;
    private final ProbeTrace trace;
    private final Map<String, BusState> buses = new LinkedHashMap<>();
    /** Devices whose probe deferred, waiting for the next trigger ({@code deferred_probe_pending_list}). */
    private final List<Device> deferredPending = new ArrayList<>();
    /** Devices to retry now ({@code deferred_probe_active_list}). */
    private final List<Device> deferredActive = new ArrayList<>();
    private int deferredTriggerCount;
    private boolean deferredWorkQueued;
    private boolean testDriverRemove;

    /** Per-bus state ({@code struct subsys_private}). */
    private static final class BusState {
        final BusType bus;
        final List<Device> devices = new ArrayList<>();
        final List<DeviceDriver> drivers = new ArrayList<>();
        boolean autoprobe = true;

        BusState(BusType bus) {
            this.bus = bus;
        }
    }

    public DriverCore(Engine engine, KernelLog log, Violations violations, FaultInjector faults, ProbeTrace trace) {
        this.engine = engine;
        this.log = log;
        this.violations = violations;
        this.faults = faults;
        this.trace = trace;
    }

    public ProbeTrace trace() {
        return trace;
    }

    /** {@code CONFIG_DEBUG_TEST_DRIVER_REMOVE}: after each successful probe, remove and probe again once. */
    public void testDriverRemove(boolean enabled) {
        this.testDriverRemove = enabled;
    }

    // ---- buses ---------------------------------------------------------------------------

    /** {@code bus_register}. */
    public void busRegister(BusType bus) {
        if (buses.putIfAbsent(bus.name(), new BusState(bus)) != null) {
            throw new IllegalStateException("bus " + bus.name() + " registered twice");
        }
    }

    private BusState state(BusType bus) {
        BusState s = buses.get(bus.name());
        if (s == null) {
            throw new IllegalStateException("bus " + bus.name() + " is not registered");
        }
        return s;
    }

    public List<Device> devices(BusType bus) {
        return List.copyOf(state(bus).devices);
    }

    public List<DeviceDriver> drivers(BusType bus) {
        return List.copyOf(state(bus).drivers);
    }

    /** {@code bus_find_device_by_name}. */
    public Optional<Device> findDevice(BusType bus, String name) {
        return state(bus).devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** {@code driver_find}. */
    public Optional<DeviceDriver> findDriver(BusType bus, String name) {
        return state(bus).drivers.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public boolean driversAutoprobe(BusType bus) {
        return state(bus).autoprobe;
    }

    /** {@code /sys/bus/X/drivers_autoprobe}. */
    public void driversAutoprobe(BusType bus, boolean value) {
        state(bus).autoprobe = value;
    }

    // ---- driver side ---------------------------------------------------------------------

    /** {@code driver_register}: {@code EBUSY} if a driver of that name is already on the bus. */
    public ProbeResult driverRegister(DeviceDriver drv) {
        try (var s = trace.enter("driver_register", null, drv)) {
            if (findDriver(drv.bus(), drv.name()).isPresent()) {
                log.err("Error: Driver '" + drv.name() + "' is already registered, aborting...");
                s.result("-EBUSY");
                return ProbeResult.fail(Errno.EBUSY, "driver '" + drv.name() + "' is already registered");
            }
            busAddDriver(drv);
            return ProbeResult.bound();
        }
    }

    /** {@code bus_add_driver}. */
    private void busAddDriver(DeviceDriver drv) {
        try (var s = trace.enter("bus_add_driver", null, drv)) {
            BusState bus = state(drv.bus());
            bus.drivers.add(drv);
            if (bus.autoprobe) {
                driverAttach(drv);
            }
        }
    }

    /** {@code driver_attach}: tries to bind {@code drv} to every device on its bus. */
    public void driverAttach(DeviceDriver drv) {
        try (var s = trace.enter("driver_attach", null, drv)) {
            busForEachDev(drv, dev -> driverAttachOne(dev, drv));
        }
    }

    /** {@code bus_for_each_dev(drv->bus, NULL, drv, fn)}. */
    private void busForEachDev(DeviceDriver drv, java.util.function.Consumer<Device> fn) {
        try (var s = trace.enter("bus_for_each_dev", null, drv)) {
            for (Device dev : List.copyOf(state(drv.bus()).devices)) {
                fn.accept(dev);
            }
        }
    }

    /** {@code __driver_attach}. */
    private void driverAttachOne(Device dev, DeviceDriver drv) {
        try (var s = trace.enter("__driver_attach", dev, drv)) {
            int ret = driverMatchDevice(drv, dev);
            if (ret == 0) {
                s.result("no match");
                return;
            }
            if (ret == Errno.EPROBE_DEFER.negative()) {
                driverDeferredProbeAdd(dev);
                s.result("match deferred");
                return;
            }
            if (ret < 0) {
                log.debug("Bus failed to match device: " + ret);
                s.result("bus error " + ret);
                return;
            }
            if (dev.driver() != null) {
                s.result("already bound to " + dev.driver().name());
                return;
            }
            ProbeResult r = driverProbeDevice(drv, dev);
            s.result(describe(r));
        }
    }

    /** {@code driver_match_device}: the bus's match. */
    public int driverMatchDevice(DeviceDriver drv, Device dev) {
        try (var s = trace.enter("driver_match_device", dev, drv)) {
            int ret = drv.bus().match(dev, drv);
            s.result(ret > 0 ? "match" : ret == 0 ? "no match" : "error " + ret);
            return ret;
        }
    }

    /** {@code driver_probe_device}: {@code ENODEV} for a dead device, {@code EBUSY} if bound. */
    public ProbeResult driverProbeDevice(DeviceDriver drv, Device dev) {
        try (var s = trace.enter("driver_probe_device", dev, drv)) {
            ProbeResult r;
            if (dev.dead() || !dev.registered()) {
                r = ProbeResult.fail(Errno.ENODEV, "device is not registered");
            } else if (dev.driver() != null) {
                r = ProbeResult.fail(Errno.EBUSY, "device already bound to " + dev.driver().name());
            } else {
                r = reallyProbe(dev, drv);
            }
            s.result(describe(r));
            return r;
        }
    }

    /** {@code really_probe}: the heart of binding, with the failure unwinding of Linux. */
    private ProbeResult reallyProbe(Device dev, DeviceDriver drv) {
        try (var s = trace.enter("really_probe", dev, drv)) {
            if (!dev.devres().isEmpty()) {
                log.warn(dev.bus().name() + " " + dev.name() + ": Resources present before probing");
                s.result("-EBUSY");
                return ProbeResult.fail(Errno.EBUSY, "resources present before probing");
            }
            dev.driver(drv);
            trace.point("driver_sysfs_add", dev, drv, "");
            ProbeResult r = callDriverProbe(dev, drv);
            if (r instanceof ProbeResult.Bound && testDriverRemove) {
                r = testRemoveAndReprobe(dev, drv);
            }
            if (!(r instanceof ProbeResult.Bound)) {
                probeFailed(dev, drv, r);
                s.result(describe(r));
                return r;
            }
            driverBound(dev);
            s.result("bound");
            return r;
        }
    }

    /** {@code call_driver_probe}: the bus probe (which calls the driver's), and the log line Linux prints. */
    private ProbeResult callDriverProbe(Device dev, DeviceDriver drv) {
        try (var s = trace.enter("call_driver_probe", dev, drv)) {
            Optional<ProbeResult> injected = faults.probeFault(drv.name());
            ProbeResult r;
            if (injected.isPresent()) {
                r = injected.get();
                trace.point("fault_injection", dev, drv, describe(r));
            } else {
                try (var p = trace.enter(dev.bus().name() + "_device_probe", dev, drv)) {
                    r = dev.bus().probe(dev);
                    p.result(describe(r));
                }
            }
            switch (r) {
                case ProbeResult.Bound b -> { }
                case ProbeResult.Deferred d ->
                        log.debug(drv.name() + " " + dev.name() + ": Driver " + drv.name() + " requests probe deferral: " + d.reason());
                case ProbeResult.RejectsMatch m ->
                        log.debug(drv.name() + " " + dev.name() + ": probe with driver " + drv.name()
                                + " rejects match " + m.errno().negative() + " (" + m.reason() + ")");
                case ProbeResult.Failed f ->
                        log.err(drv.name() + " " + dev.name() + ": probe with driver " + drv.name()
                                + " failed with error " + f.errno().negative() + " (" + f.reason() + ")");
            }
            s.result(describe(r));
            return r;
        }
    }

    /** {@code CONFIG_DEBUG_TEST_DRIVER_REMOVE}: exercise remove once, then probe again. */
    private ProbeResult testRemoveAndReprobe(Device dev, DeviceDriver drv) {
        try (var s = trace.enter("test_remove", dev, drv)) {
            deviceRemove(dev);
            deviceUnbindCleanup(dev, drv, "remove");
            dev.driver(drv);
            ProbeResult r = callDriverProbe(dev, drv);
            s.result(describe(r));
            return r;
        }
    }

    /** The failure path of {@code really_probe}: undo everything, then file the device. */
    private void probeFailed(Device dev, DeviceDriver drv, ProbeResult r) {
        trace.point("driver_sysfs_remove", dev, drv, "");
        deviceUnbindCleanup(dev, drv, "failed probe");
        if (r instanceof ProbeResult.Deferred) {
            driverDeferredProbeAdd(dev);
        }
    }

    /**
     * {@code device_unbind_cleanup}: releases managed resources newest first, clears the driver,
     * then checks that the driver freed everything it acquired by hand (D3 after a failed probe,
     * D4 after remove). Anything left is reported and reclaimed.
     */
    private void deviceUnbindCleanup(Device dev, DeviceDriver drv, String phase) {
        try (var s = trace.enter("device_unbind_cleanup", dev, drv)) {
            List<String> released = dev.devres().releaseAll((name, ex) -> violations.warn(
                    "D3", dev.name(), drv.name(), "devres release of " + name + " threw " + ex));
            s.result(released.isEmpty() ? "no managed resources" : "devres_release_all: " + String.join(", ", released));
            dev.driver(null);
            dev.drvData(null);
            List<String> held = dev.bus().heldResources(dev);
            if (!held.isEmpty()) {
                String rule = phase.equals("failed probe") ? "D3" : "D4";
                violations.warn(rule, dev.name(), drv.name(), "resources left after " + phase + ": " + String.join(", ", held));
                dev.bus().reclaimResources(dev);
            }
        }
    }

    /** {@code driver_bound}: links device and driver and retries deferred devices. */
    private void driverBound(Device dev) {
        try (var s = trace.enter("driver_bound", dev, dev.driver())) {
            DeviceDriver drv = dev.driver();
            if (drv.devices().contains(dev)) {
                violations.warn("D1", dev.name(), drv.name(), "device already bound");
                return;
            }
            drv.addDevice(dev);
            log.debug("driver: '" + drv.name() + "': driver_bound: bound to device '" + dev.name() + "'");
            deferredPending.remove(dev);
            deferredActive.remove(dev);
            driverDeferredProbeTrigger();
        }
    }

    /** {@code driver_unregister}: detaches from every device, then leaves the bus. */
    public void driverUnregister(DeviceDriver drv) {
        try (var s = trace.enter("driver_unregister", null, drv)) {
            driverDetach(drv);
            state(drv.bus()).drivers.remove(drv);
        }
    }

    /** {@code driver_detach}. */
    private void driverDetach(DeviceDriver drv) {
        for (Device dev : drv.devices().reversed()) {
            deviceReleaseDriver(dev);
        }
    }

    // ---- device side ---------------------------------------------------------------------

    /** {@code device_add}: makes the device visible and tries to bind it ({@code bus_probe_device}). */
    public void deviceAdd(Device dev) {
        try (var s = trace.enter("device_add", dev, null)) {
            state(dev.bus()).devices.add(dev);
            dev.registered(true);
            busProbeDevice(dev);
        }
    }

    /** {@code bus_probe_device}. */
    public void busProbeDevice(Device dev) {
        try (var s = trace.enter("bus_probe_device", dev, null)) {
            if (!state(dev.bus()).autoprobe) {
                s.result("drivers_autoprobe is off");
                return;
            }
            deviceAttach(dev);
        }
    }

    /** {@code __device_attach}: tries each driver on the bus until one binds. */
    private void deviceAttach(Device dev) {
        try (var s = trace.enter("__device_attach", dev, null)) {
            if (dev.driver() != null) {
                s.result("already bound");
                return;
            }
            for (DeviceDriver drv : List.copyOf(state(dev.bus()).drivers)) {
                if (deviceAttachDriver(drv, dev)) {
                    break;
                }
            }
            s.result(dev.driver() == null ? "no driver bound" : "bound to " + dev.driver().name());
        }
    }

    /** {@code __device_attach_driver}: true stops the walk (bound, or the match asked to defer). */
    private boolean deviceAttachDriver(DeviceDriver drv, Device dev) {
        try (var s = trace.enter("__device_attach_driver", dev, drv)) {
            int ret = driverMatchDevice(drv, dev);
            if (ret == 0) {
                return false;
            }
            if (ret == Errno.EPROBE_DEFER.negative()) {
                driverDeferredProbeAdd(dev);
                return true;
            }
            if (ret < 0) {
                return false;
            }
            ProbeResult r = driverProbeDevice(drv, dev);
            // Probe errors are ignored so that the next matching driver may try (D5).
            return r instanceof ProbeResult.Bound;
        }
    }

    /** {@code device_del} for hot-unplug: unbinds, then removes the device from its bus. */
    public void deviceDel(Device dev) {
        try (var s = trace.enter("device_del", dev, dev.driver())) {
            dev.dead(true);
            if (dev.driver() != null) {
                deviceReleaseDriver(dev);
            }
            deferredPending.remove(dev);
            deferredActive.remove(dev);
            state(dev.bus()).devices.remove(dev);
            dev.registered(false);
        }
    }

    /** {@code device_release_driver} / {@code __device_release_driver}: remove, then devres. */
    public void deviceReleaseDriver(Device dev) {
        DeviceDriver drv = dev.driver();
        if (drv == null) {
            return;
        }
        try (var s = trace.enter("__device_release_driver", dev, drv)) {
            trace.point("driver_sysfs_remove", dev, drv, "");
            deviceRemove(dev);
            deviceUnbindCleanup(dev, drv, "remove");
            drv.removeDevice(dev);
        }
    }

    /** {@code device_remove}: the bus remove, which calls the driver's. */
    private void deviceRemove(Device dev) {
        try (var s = trace.enter("device_remove", dev, dev.driver())) {
            dev.bus().remove(dev);
        }
    }

    // ---- deferred probe ------------------------------------------------------------------

    /** {@code driver_deferred_probe_add}. */
    private void driverDeferredProbeAdd(Device dev) {
        if (!deferredPending.contains(dev)) {
            deferredPending.add(dev);
        }
        trace.point("driver_deferred_probe_add", dev, null, "pending: " + deferredPending.size());
    }

    /** {@code driver_deferred_probe_trigger}: moves every pending device to the active list and queues the work. */
    private void driverDeferredProbeTrigger() {
        deferredTriggerCount++;
        if (deferredPending.isEmpty()) {
            return;
        }
        for (Device dev : deferredPending) {
            if (!deferredActive.contains(dev)) {
                deferredActive.add(dev);
            }
        }
        deferredPending.clear();
        if (!deferredWorkQueued) {
            deferredWorkQueued = true;
            engine.schedule(engine.now(), "deferred_probe_work_func", this::deferredProbeWorkFunc);
        }
    }

    /** {@code deferred_probe_work_func}: probes each active device again. */
    private void deferredProbeWorkFunc() {
        deferredWorkQueued = false;
        try (var s = trace.enter("deferred_probe_work_func", null, null)) {
            while (!deferredActive.isEmpty()) {
                Device dev = deferredActive.removeFirst();
                if (dev.registered() && dev.driver() == null) {
                    busProbeDevice(dev);
                }
            }
        }
    }

    /** Devices waiting on the deferred list ({@code /sys/kernel/debug/devices_deferred}). */
    public List<Device> deferredDevices() {
        List<Device> all = new ArrayList<>(deferredPending);
        deferredActive.stream().filter(d -> !all.contains(d)).forEach(all::add);
        return all;
    }

    public int deferredTriggerCount() {
        return deferredTriggerCount;
    }

    // ---- sysfs bind/unbind/override ------------------------------------------------------

    /** {@code bind_store}: binds only if the driver's match accepts the device (D9). */
    public ProbeResult bindStore(DeviceDriver drv, String deviceName) {
        try (var s = trace.enter("bind_store", deviceName, drv)) {
            Optional<Device> dev = findDevice(drv.bus(), deviceName);
            if (dev.isEmpty() || dev.get().driver() != null || driverMatchDevice(drv, dev.get()) <= 0) {
                s.result("-ENODEV");
                return ProbeResult.fail(Errno.ENODEV, dev.isEmpty() ? "no device " + deviceName
                        : dev.get().driver() != null ? deviceName + " is bound to " + dev.get().driver().name()
                        : drv.name() + " does not match " + deviceName);
            }
            ProbeResult r = driverProbeDevice(drv, dev.get());
            s.result(describe(r));
            return r;
        }
    }

    /** {@code unbind_store}: acts only when the device is bound to this driver (D9). */
    public ProbeResult unbindStore(DeviceDriver drv, String deviceName) {
        try (var s = trace.enter("unbind_store", deviceName, drv)) {
            Optional<Device> dev = findDevice(drv.bus(), deviceName);
            if (dev.isEmpty() || dev.get().driver() != drv) {
                s.result("-ENODEV");
                return ProbeResult.fail(Errno.ENODEV, deviceName + " is not bound to " + drv.name());
            }
            deviceReleaseDriver(dev.get());
            return ProbeResult.bound();
        }
    }

    /** {@code driver_override} store: a name, or empty to clear (D8). Does not unbind or probe. */
    public void driverOverride(Device dev, String value) {
        String v = value.strip();
        if (v.contains(" ")) {
            throw new IllegalArgumentException("driver_override takes one driver name");
        }
        dev.driverOverride(v.isEmpty() ? null : v);
    }

    private static String describe(ProbeResult r) {
        return switch (r) {
            case ProbeResult.Bound b -> "bound";
            case ProbeResult.Deferred d -> "-EPROBE_DEFER (" + d.reason() + ")";
            case ProbeResult.RejectsMatch m -> m.errno().negative() + " rejects match (" + m.reason() + ")";
            case ProbeResult.Failed f -> f.errno().negative() + " " + f.errno() + " (" + f.reason() + ")";
        };
    }

    /** One line summarising a probe result, for the shell and the demo. */
    public static String describeResult(ProbeResult r) {
        return describe(r);
    }
}
