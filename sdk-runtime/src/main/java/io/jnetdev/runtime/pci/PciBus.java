package io.jnetdev.runtime.pci;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.base.BusType;
import io.jnetdev.runtime.base.Device;
import io.jnetdev.runtime.base.DeviceDriver;
import io.jnetdev.runtime.engine.ExecContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pci_bus_type}: matching ({@code pci_bus_match} → {@code pci_match_device}), probe
 * ({@code pci_device_probe} → {@code local_pci_probe}) and remove ({@code pci_device_remove}).
 */
public final class PciBus implements BusType {
    /** The entry handed to probe when {@code driver_override} forced a bind that no table entry matches. */
    static final PciDeviceId ANY_ID = new PciDeviceId(PciDeviceId.ANY, PciDeviceId.ANY, PciDeviceId.ANY, PciDeviceId.ANY, 0, 0, 0);

    private final PciCore core;

    PciBus(PciCore core) {
        this.core = core;
    }

    @Override
    public String name() {
        return "pci";
    }

    @Override
    public int match(Device dev, DeviceDriver drv) {
        return matchDevice((PciDriverBinding) drv, (PciFunction) dev) != null ? 1 : 0;
    }

    /**
     * {@code pci_match_device}: {@code driver_override} first (exclusive), then dynamic IDs, then
     * the static table (D7, D8). Returns the matching entry or null.
     */
    PciDeviceId matchDevice(PciDriverBinding drv, PciFunction fn) {
        String override = fn.driverOverride();
        if (override != null && !override.equals(drv.name())) {
            return null;
        }
        for (PciDeviceId id : drv.dynamicIds()) {
            if (matches(id, fn)) {
                return id;
            }
        }
        for (PciDeviceId id : drv.idTable()) {
            if (matches(id, fn)) {
                return id;
            }
        }
        return override != null ? ANY_ID : null;
    }

    private static boolean matches(PciDeviceId id, PciFunction fn) {
        var l = fn.layout();
        return id.matches(l.vendorId(), l.deviceId(), l.subsystemVendorId(), l.subsystemId(), l.classCode());
    }

    @Override
    public ProbeResult probe(Device dev) {
        PciFunction fn = (PciFunction) dev;
        PciDriverBinding drv = (PciDriverBinding) dev.driver();
        PciDeviceId id = matchDevice(drv, fn);
        if (id == null) {
            return ProbeResult.fail(Errno.ENODEV, "no ID matches any more");
        }
        return localPciProbe(fn, drv, id);
    }

    /** {@code local_pci_probe}: the driver's probe in process context, anything it throws contained. */
    private ProbeResult localPciProbe(PciFunction fn, PciDriverBinding drv, PciDeviceId id) {
        ProbeResult[] result = new ProbeResult[1];
        try (var s = core.trace().enter("local_pci_probe", fn, drv); var p = core.trace().enter("drv->probe", fn, drv)) {
            callProbe(fn, drv, id, result);
            p.result(io.jnetdev.runtime.base.DriverCore.describeResult(result[0]));
        }
        return result[0];
    }

    private void callProbe(PciFunction fn, PciDriverBinding drv, PciDeviceId id, ProbeResult[] result) {
        core.cpus().runOn(core.cpus().current(), ExecContext.TASK, () -> runningDriverCode(fn, drv, () -> {
            try {
                result[0] = drv.driver().probe(fn.handle(), id);
                if (result[0] == null) {
                    core.violations().warn("BUG", fn.name(), drv.name(), "probe returned null");
                    result[0] = ProbeResult.fail(Errno.EINVAL, "probe returned null");
                }
            } catch (ErrnoException e) {
                result[0] = e.errno() == Errno.EPROBE_DEFER ? ProbeResult.defer(e.getMessage())
                        : e.errno() == Errno.ENODEV || e.errno() == Errno.ENXIO ? new ProbeResult.RejectsMatch(e.errno(), e.getMessage())
                        : ProbeResult.fail(e.errno(), e.getMessage());
            } catch (RuntimeException e) {
                core.violations().warn("BUG", fn.name(), drv.name(), "probe threw " + e);
                result[0] = ProbeResult.fail(Errno.EFAULT, "probe threw " + e);
            }
        }));
    }

    /** Runs {@code body} as the driver's code for {@code fn}: what it sets up (timers) and the WARNs it trips name them. */
    private void runningDriverCode(PciFunction fn, PciDriverBinding drv, Runnable body) {
        var cpu = core.cpus().current();
        cpu.enterCode(fn.name(), drv.name(), -1);
        try {
            body.run();
        } finally {
            cpu.exitCode();
        }
    }

    @Override
    public void remove(Device dev) {
        PciFunction fn = (PciFunction) dev;
        PciDriverBinding drv = (PciDriverBinding) dev.driver();
        core.trace().point("drv->remove", fn, drv, "");
        core.cpus().runOn(core.cpus().current(), ExecContext.TASK, () -> runningDriverCode(fn, drv, () -> {
            try {
                drv.driver().remove(fn.handle());
            } catch (RuntimeException e) {
                core.violations().warn("BUG", fn.name(), drv.name(), "remove threw " + e);
            }
        }));
        if (core.timers() != null) {
            core.timers().deviceRemoved(fn.name(), drv.name()); // its private data is gone: a pending timer is ODEBUG
        }
    }

    @Override
    public List<String> heldResources(Device dev) {
        PciFunction fn = (PciFunction) dev;
        List<String> held = new ArrayList<>(core.net().netdevsHeldBy(fn));
        held.addAll(core.irqCore().actionsOwnedBy(fn.name()));
        if (fn.irqMode != IrqMode.NONE) {
            held.add(fn.vectors.length + " " + fn.irqMode + " vector(s) (pci_free_irq_vectors not called)");
        }
        for (DmaBufferImpl b : fn.coherent) {
            held.add(String.format("coherent DMA buffer %d bytes at 0x%x", b.size(), b.dmaAddress()));
        }
        for (PciFunction.MappingRecord m : fn.mappings) {
            held.add(String.format("streaming DMA mapping %d bytes at 0x%x", m.mapping().length(), m.mapping().dmaAddress()));
        }
        for (IoRegionImpl r : fn.iomaps) {
            held.add("iomap of BAR" + r.bar());
        }
        for (int bar = 0; bar < 6; bar++) {
            if (fn.regionOwner[bar] != null) {
                held.add("region BAR" + bar + " (" + fn.regionOwner[bar] + ")");
            }
        }
        if (fn.enableCount > 0) {
            held.add("pci_enable_device count " + fn.enableCount);
        }
        return held;
    }

    @Override
    public void reclaimResources(Device dev) {
        PciFunction fn = (PciFunction) dev;
        core.net().reclaim(fn);
        core.irqCore().reclaim(fn.name());
        core.msi().freeIrqVectors(fn);
        for (DmaBufferImpl b : List.copyOf(fn.coherent)) {
            fn.iommu().close(b.window());
            fn.memory().free(b.block());
        }
        fn.coherent.clear();
        for (PciFunction.MappingRecord m : fn.mappings) {
            fn.iommu().close(m.window());
        }
        fn.mappings.clear();
        fn.iomaps.forEach(IoRegionImpl::unmap);
        fn.iomaps.clear();
        Arrays.fill(fn.regionOwner, null);
        if (fn.enableCount > 0) {
            fn.enableCount = 1;
            fn.handle().disableDevice();
        }
    }
}
