package io.jnetdev.runtime.sysfs;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.base.DriverCore;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.irq.ProcIrq;
import io.jnetdev.runtime.module.LoadedModule;
import io.jnetdev.runtime.module.ModuleLoader;
import io.jnetdev.runtime.pci.PciCore;
import io.jnetdev.runtime.pci.PciDriverBinding;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of sysfs a driver developer uses: {@code /sys/bus/pci/devices}, {@code /sys/bus/pci/drivers}
 * (bind, unbind, new_id, remove_id), {@code driver_override}, {@code drivers_autoprobe} and
 * {@code /sys/module/NAME/parameters}; and {@code /proc/irq/N/} ({@link ProcIrq}: the affinity
 * files). Reads and writes carry Linux's errors.
 */
public final class Sysfs {
    private static final String PCI = "/sys/bus/pci";

    private final PciCore pci;
    private final DriverCore core;
    private final ModuleLoader modules;
    private final ProcIrq procIrq;

    public Sysfs(PciCore pci, DriverCore core, ModuleLoader modules, IrqCore irqCore) {
        this.pci = pci;
        this.core = core;
        this.modules = modules;
        this.procIrq = new ProcIrq(irqCore);
    }

    private static String[] parts(String path) throws ErrnoException {
        String p = path.strip();
        if (!p.startsWith("/")) {
            throw new ErrnoException(Errno.ENOENT, path + ": not an absolute path");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals("/") ? new String[0] : p.substring(1).split("/");
    }

    /** Entries of a directory. */
    public List<String> ls(String path) throws ErrnoException {
        String[] p = parts(path);
        String joined = "/" + String.join("/", p);
        return switch (joined) {
            case "/" -> List.of("sys");
            case "/sys" -> List.of("bus", "module");
            case "/sys/bus" -> List.of("pci");
            case PCI -> List.of("devices", "drivers", "drivers_autoprobe");
            case PCI + "/devices" -> pci.functions().stream().map(PciFunction::name).toList();
            case PCI + "/drivers" -> pci.drivers().stream().map(PciDriverBinding::name).toList();
            case "/sys/module" -> modules.loaded().stream().map(LoadedModule::name).toList();
            case "/proc/irq" -> procIrq.lines();
            default -> lsDeep(p, path);
        };
    }

    private List<String> lsDeep(String[] p, String path) throws ErrnoException {
        if (p.length == 3 && "/proc/irq".equals(prefix(p, 2))) {
            procIrq.read(p[2], ProcIrq.FILES.getFirst(), path); // ENOENT for a line that does not exist
            return ProcIrq.FILES;
        }
        if (p.length == 5 && (PCI + "/devices").equals(prefix(p, 4))) {
            PciFunction fn = function(p[4], path);
            List<String> e = new ArrayList<>(List.of("class", "device", "driver_override", "irq", "subsystem_device",
                    "subsystem_vendor", "vendor", "revision", "enable"));
            if (fn.driver() != null) {
                e.add("driver");
            }
            return e;
        }
        if (p.length == 5 && (PCI + "/drivers").equals(prefix(p, 4))) {
            PciDriverBinding d = driver(p[4], path);
            List<String> e = new ArrayList<>(List.of("bind", "unbind", "new_id", "remove_id", "module"));
            d.devices().forEach(dev -> e.add(dev.name()));
            return e;
        }
        if (p.length == 3 && "/sys/module".equals(prefix(p, 2))) {
            module(p[2], path);
            return List.of("parameters");
        }
        if (p.length == 4 && "/sys/module".equals(prefix(p, 2)) && p[3].equals("parameters")) {
            return module(p[2], path).params().keySet().stream().sorted().toList(); // as ls sorts
        }
        throw new ErrnoException(Errno.ENOENT, "ls: cannot access '" + path + "': No such file or directory");
    }

    private static String prefix(String[] p, int n) {
        return "/" + String.join("/", java.util.Arrays.copyOf(p, n));
    }

    /** Contents of an attribute, with the trailing newline sysfs prints. */
    public String cat(String path) throws ErrnoException {
        String[] p = parts(path);
        if (p.length == 4 && "/proc/irq".equals(prefix(p, 2))) {
            return procIrq.read(p[2], p[3], path);
        }
        if (p.length == 4 && (PCI + "/drivers_autoprobe").equals(prefix(p, 4))) {
            return (core.driversAutoprobe(pci.bus()) ? 1 : 0) + "\n";
        }
        if (p.length == 6 && (PCI + "/devices").equals(prefix(p, 4))) {
            PciFunction fn = function(p[4], path);
            var l = fn.layout();
            return switch (p[5]) {
                case "vendor" -> String.format("0x%04x%n", l.vendorId());
                case "device" -> String.format("0x%04x%n", l.deviceId());
                case "subsystem_vendor" -> String.format("0x%04x%n", l.subsystemVendorId());
                case "subsystem_device" -> String.format("0x%04x%n", l.subsystemId());
                case "class" -> String.format("0x%06x%n", l.classCode());
                case "revision" -> String.format("0x%02x%n", l.revision());
                case "irq" -> (fn.irqMode() == io.jnetdev.api.pci.IrqMode.MSI || fn.irqMode() == io.jnetdev.api.pci.IrqMode.MSIX
                        ? firstVector(fn) : Math.max(fn.intxGsi(), 0)) + "\n";
                case "driver_override" -> (fn.driverOverride() == null ? "(null)" : fn.driverOverride()) + "\n";
                case "driver" -> {
                    if (fn.driver() == null) {
                        throw new ErrnoException(Errno.ENOENT, "cat: " + path + ": No such file or directory");
                    }
                    yield "../../../bus/pci/drivers/" + fn.driver().name() + "\n";
                }
                case "enable" -> (fn.config().read(io.jnetdev.api.pci.PciRegs.COMMAND, 2) & 0x3) != 0 ? "1\n" : "0\n";
                default -> throw new ErrnoException(Errno.ENOENT, "cat: " + path + ": No such file or directory");
            };
        }
        if (p.length == 6 && (PCI + "/drivers").equals(prefix(p, 4))) {
            PciDriverBinding d = driver(p[4], path);
            return switch (p[5]) {
                case "module" -> "../../../../module/" + d.owner() + "\n";
                case "bind", "unbind", "new_id", "remove_id" ->
                        throw new ErrnoException(Errno.EPERM, "cat: " + path + ": Permission denied (write-only)");
                default -> throw new ErrnoException(Errno.ENOENT, "cat: " + path + ": No such file or directory");
            };
        }
        if (p.length == 5 && "/sys/module".equals(prefix(p, 2)) && p[3].equals("parameters")) {
            String v = module(p[2], path).params().get(p[4]);
            if (v == null) {
                throw new ErrnoException(Errno.ENOENT, "cat: " + path + ": No such file or directory");
            }
            return v + "\n";
        }
        throw new ErrnoException(Errno.ENOENT, "cat: " + path + ": No such file or directory");
    }

    private static int firstVector(PciFunction fn) {
        try {
            return fn.handle().irqVector(0);
        } catch (ErrnoException e) {
            return 0;
        }
    }

    /** {@code echo VALUE > PATH}. */
    public void write(String path, String value) throws ErrnoException {
        String[] p = parts(path);
        String v = value.strip();
        if (p.length == 4 && "/proc/irq".equals(prefix(p, 2))) {
            procIrq.write(p[2], p[3], v, path);
            return;
        }
        if (p.length == 4 && (PCI + "/drivers_autoprobe").equals(prefix(p, 4))) {
            core.driversAutoprobe(pci.bus(), !v.equals("0"));
            return;
        }
        if (p.length == 6 && (PCI + "/devices").equals(prefix(p, 4)) && p[5].equals("driver_override")) {
            try {
                core.driverOverride(function(p[4], path), v);
            } catch (IllegalArgumentException e) {
                throw new ErrnoException(Errno.EINVAL, path + ": " + e.getMessage());
            }
            return;
        }
        if (p.length == 6 && (PCI + "/drivers").equals(prefix(p, 4))) {
            PciDriverBinding d = driver(p[4], path);
            switch (p[5]) {
                case "bind" -> result(core.bindStore(d, v), path);
                case "unbind" -> result(core.unbindStore(d, v), path);
                case "new_id" -> pci.newId(d, parseId(v, path));
                case "remove_id" -> pci.removeId(d, parseId(v, path));
                default -> throw new ErrnoException(Errno.EPERM, "echo: " + path + ": Permission denied");
            }
            return;
        }
        if (p.length >= 5 && "/sys/module".equals(prefix(p, 2))) {
            throw new ErrnoException(Errno.EPERM, path + ": module parameters are read-only here");
        }
        throw new ErrnoException(Errno.ENOENT, path + ": No such file or directory");
    }

    private static void result(ProbeResult r, String path) throws ErrnoException {
        switch (r) {
            case ProbeResult.Bound b -> { }
            case ProbeResult.Deferred d -> throw new ErrnoException(Errno.EAGAIN, path + ": probe deferred: " + d.reason());
            case ProbeResult.RejectsMatch m -> throw new ErrnoException(m.errno(), path + ": " + m.reason());
            case ProbeResult.Failed f -> throw new ErrnoException(f.errno(), path + ": " + f.reason());
        }
    }

    /** {@code new_id} format: "vendor device [subvendor subdevice [class class_mask [driver_data]]]" in hex. */
    static PciDeviceId parseId(String text, String path) throws ErrnoException {
        String[] f = text.trim().split("\\s+");
        if (f.length < 2 || f.length > 7) {
            throw new ErrnoException(Errno.EINVAL, path + ": expected 'vendor device [subvendor subdevice [class class_mask [driver_data]]]' in hex, got '" + text + "'");
        }
        try {
            long[] v = new long[7];
            v[2] = PciDeviceId.ANY & 0xFFFFFFFFL;
            v[3] = PciDeviceId.ANY & 0xFFFFFFFFL;
            for (int i = 0; i < f.length; i++) {
                v[i] = Long.parseLong(f[i].replaceFirst("^0[xX]", ""), 16);
            }
            return new PciDeviceId((int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], v[6]);
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EINVAL, path + ": '" + text + "' is not hex");
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, path + ": " + e.getMessage());
        }
    }

    private PciFunction function(String name, String path) throws ErrnoException {
        return pci.function(name).orElseThrow(() -> new ErrnoException(Errno.ENOENT, path + ": no PCI device " + name));
    }

    private PciDriverBinding driver(String name, String path) throws ErrnoException {
        return pci.driver(name).orElseThrow(() -> new ErrnoException(Errno.ENOENT, path + ": no PCI driver " + name));
    }

    private LoadedModule module(String name, String path) throws ErrnoException {
        return modules.module(name).orElseThrow(() -> new ErrnoException(Errno.ENOENT, path + ": module " + name + " is not loaded"));
    }
}
