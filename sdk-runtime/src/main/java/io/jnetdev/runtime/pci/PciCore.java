package io.jnetdev.runtime.pci;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.runtime.base.DeviceDriver;
import io.jnetdev.runtime.base.DriverCore;
import io.jnetdev.runtime.base.ProbeTrace;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.fault.FaultInjector;
import io.jnetdev.runtime.irq.InterruptController;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.mem.PhysicalMemory;
import io.jnetdev.runtime.net.NetCore;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PCI core: the host bus with its slots, enumeration and BAR assignment (what firmware and
 * {@code pci_scan_slot} do), {@code pci_register_driver}, hotplug, and {@code lspci}.
 * Calls into device models are contained here: a model that throws is reported and the machine
 * goes on.
 */
public final class PciCore {
    /** First address of the 32-bit MMIO window BARs are placed in. */
    static final long MMIO_BASE = 0xF000_0000L;
    /** First I/O port handed to I/O BARs. */
    static final long IO_BASE = 0xC000L;
    /** Slots on the bus. */
    public static final int SLOTS = 32;

    private final Engine engine;
    private final Cpus cpus;
    private final KernelLog log;
    private final Violations violations;
    private final FaultInjector faults;
    private final PhysicalMemory memory;
    private final InterruptController controller;
    private final IrqCore irqCore;
    private final DriverCore driverCore;
    private final KernelServices kernel;
    private final NetCore net;
    private final CostModel costs;
    private final PciBus bus;
    private final PciMsi msi;
    private final TreeMap<Integer, PciFunction> slots = new TreeMap<>();
    private long nextMmio = MMIO_BASE;
    private long nextIo = IO_BASE;
    /** For the ODEBUG check of timers a removed device's driver left pending; null: none made. */
    private io.jnetdev.runtime.timer.TimerCore timers;

    public PciCore(Engine engine, Cpus cpus, KernelLog log, Violations violations, FaultInjector faults,
                   PhysicalMemory memory, InterruptController controller, IrqCore irqCore, DriverCore driverCore,
                   KernelServices kernel, NetCore net, CostModel costs) {
        this.costs = costs;
        this.engine = engine;
        this.cpus = cpus;
        this.log = log;
        this.violations = violations;
        this.faults = faults;
        this.memory = memory;
        this.controller = controller;
        this.irqCore = irqCore;
        this.driverCore = driverCore;
        this.kernel = kernel;
        this.net = net;
        this.bus = new PciBus(this);
        this.msi = new PciMsi(this);
        driverCore.busRegister(bus);
    }

    /** Installs the timer core (set by the wiring, which builds it after this core's dependencies). */
    public void timers(io.jnetdev.runtime.timer.TimerCore timers) {
        this.timers = timers;
    }

    io.jnetdev.runtime.timer.TimerCore timers() {
        return timers;
    }

    public PciBus bus() {
        return bus;
    }

    Engine engine() {
        return engine;
    }

    public Cpus cpus() {
        return cpus;
    }

    KernelLog log() {
        return log;
    }

    Violations violations() {
        return violations;
    }

    FaultInjector faults() {
        return faults;
    }

    PhysicalMemory memory() {
        return memory;
    }

    InterruptController controller() {
        return controller;
    }

    IrqCore irqCore() {
        return irqCore;
    }

    ProbeTrace trace() {
        return driverCore.trace();
    }

    PciMsi msi() {
        return msi;
    }

    KernelServices kernel() {
        return kernel;
    }

    CostModel costs() {
        return costs;
    }

    NetCore net() {
        return net;
    }

    // ---- slots and hotplug -----------------------------------------------------------------------

    /**
     * Puts a device in {@code slot}: config space, BARs assigned, INTx routed, then
     * {@code device_add} so that a registered driver may bind at once (hotplug).
     */
    public PciFunction plug(int slot, PciFunctionModel model) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("PCI slot " + slot + " outside 0.." + (SLOTS - 1));
        }
        if (slots.containsKey(slot)) {
            throw new IllegalArgumentException("PCI slot " + slot + " is taken by " + slots.get(slot).name());
        }
        PciFunction fn = new PciFunction(this, slot, model);
        for (BarSpec bar : fn.layout().bars()) {
            fn.barBase(bar.index(), assign(bar));
        }
        slots.put(slot, fn);
        callModel(fn, "attach", () -> model.attach(fn.modelContext()));
        log.info(String.format("pci %s: [%04x:%04x] type 00 class 0x%06x", fn.name(),
                fn.layout().vendorId(), fn.layout().deviceId(), fn.layout().classCode()));
        driverCore.deviceAdd(fn);
        return fn;
    }

    private long assign(BarSpec bar) {
        if (bar.kind() == BarSpec.Kind.IO) {
            long base = align(nextIo, bar.size());
            nextIo = base + bar.size();
            return base;
        }
        long base = align(nextMmio, bar.size());
        nextMmio = base + bar.size();
        return base;
    }

    private static long align(long v, long a) {
        return (v + a - 1) & -a;
    }

    /**
     * Hot-unplug: the card is gone at once — its registers read all-ones and nothing drives its
     * INTx pin any more, so a line it held asserted drops — then the driver is unbound (remove,
     * devres) and the device leaves the bus.
     */
    public void unplug(int slot) {
        PciFunction fn = slots.get(slot);
        if (fn == null) {
            throw new IllegalArgumentException("PCI slot " + slot + " is empty");
        }
        log.info("pci " + fn.name() + ": removing (hot-unplug)");
        fn.disconnectIntx();
        driverCore.deviceDel(fn);
        callModel(fn, "detach", fn.model()::detach);
        fn.unplug();
        slots.remove(slot);
    }

    public List<PciFunction> functions() {
        return List.copyOf(slots.values());
    }

    public Optional<PciFunction> function(String name) {
        return slots.values().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The function plugged into {@code slot} (bus 0, function 0), if any. */
    public Optional<PciFunction> function(int slot) {
        return Optional.ofNullable(slots.get(slot));
    }

    // ---- drivers ---------------------------------------------------------------------------------

    /** {@code pci_register_driver} on behalf of module {@code owner}. */
    public PciDriverBinding registerDriver(PciDriver driver, String owner) throws ErrnoException {
        if (driver.name() == null || !driver.name().matches("[A-Za-z0-9_.-]+")) {
            throw new ErrnoException(Errno.EINVAL, "module " + owner + ": PCI driver name '" + driver.name() + "' is not a sysfs name");
        }
        List<PciDeviceId> table;
        try {
            table = List.copyOf(driver.idTable());
        } catch (RuntimeException e) {
            throw new ErrnoException(Errno.EINVAL, "module " + owner + ": ID table of driver " + driver.name() + " is malformed: " + e.getMessage(), e);
        }
        PciDriverBinding binding = new PciDriverBinding(driver, bus, owner);
        ProbeResult r;
        try (var s = driverCore.trace().enter("__pci_register_driver", null, driver.name())) {
            r = driverCore.driverRegister(binding);
        }
        if (r instanceof ProbeResult.Failed f) {
            throw new ErrnoException(f.errno(), f.reason());
        }
        log.debug("pci: registered driver " + driver.name() + " with " + table.size() + " IDs");
        return binding;
    }

    /** {@code pci_unregister_driver}. */
    public void unregisterDriver(PciDriverBinding binding) {
        driverCore.driverUnregister(binding);
    }

    /** The registered PCI driver with that name. */
    public Optional<PciDriverBinding> driver(String name) {
        return driverCore.findDriver(bus, name).map(d -> (PciDriverBinding) d);
    }

    public List<PciDriverBinding> drivers() {
        return driverCore.drivers(bus).stream().map(d -> (PciDriverBinding) d).toList();
    }

    /** {@code new_id}: adds a dynamic ID and probes unbound devices it matches. */
    public void newId(PciDriverBinding drv, PciDeviceId id) {
        drv.addDynamicId(id);
        driverCore.driverAttach(drv);
    }

    /** {@code remove_id}. */
    public void removeId(PciDriverBinding drv, PciDeviceId id) throws ErrnoException {
        if (!drv.dynamicIds().contains(id)) {
            throw new ErrnoException(Errno.ENODEV, drv.name() + " has no dynamic ID " + id);
        }
        drv.removeDynamicId(id);
    }

    // ---- calls into models, contained -------------------------------------------------------------

    void callModel(PciFunction fn, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            modelFault(fn, what, e);
        }
    }

    long callModelRead(PciFunction fn, int bar, long offset, int size) {
        try {
            return fn.model().read(bar, offset, size);
        } catch (RuntimeException e) {
            modelFault(fn, String.format("read of %d bytes at BAR%d+0x%x", size, bar, offset), e);
            return -1L;
        }
    }

    void callModelWrite(PciFunction fn, int bar, long offset, int size, long value) {
        try {
            fn.model().write(bar, offset, size, value);
        } catch (RuntimeException e) {
            modelFault(fn, String.format("write of %d bytes at BAR%d+0x%x", size, bar, offset), e);
        }
    }

    private void modelFault(PciFunction fn, String what, RuntimeException e) {
        String drv = fn.driver() == null ? null : fn.driver().name();
        if (e instanceof io.jnetdev.hw.DmaFaultException) {
            violations.warn("DMA", fn.name(), drv, "device model " + what + ": " + e.getMessage());
        } else {
            violations.warn("HW", fn.name(), drv, "device model " + fn.model().getClass().getSimpleName()
                    + " failed during " + what + ": " + e);
        }
    }

    // ---- lspci -----------------------------------------------------------------------------------

    /** {@code lspci}, {@code lspci -nn}, {@code lspci -v}. */
    public String lspci(boolean verbose, boolean numeric) {
        StringBuilder sb = new StringBuilder();
        for (PciFunction fn : slots.values()) {
            var l = fn.layout();
            int baseSub = l.classCode() >>> 8;
            sb.append(fn.name().substring(5)).append(' ').append(PciIds.className(baseSub));
            if (numeric) {
                sb.append(String.format(" [%04x]", baseSub));
            }
            sb.append(": ").append(PciIds.deviceText(l.vendorId(), l.deviceId(), numeric));
            if (l.revision() != 0) {
                sb.append(String.format(" (rev %02x)", l.revision()));
            }
            sb.append('\n');
            if (verbose) {
                verbose(sb, fn);
            }
        }
        return sb.toString();
    }

    private void verbose(StringBuilder sb, PciFunction fn) {
        var l = fn.layout();
        sb.append(String.format("\tSubsystem: Device [%04x:%04x]%n", l.subsystemVendorId(), l.subsystemId()));
        int cmd = fn.command();
        sb.append("\tFlags: ").append((cmd & PciRegs.COMMAND_MASTER) != 0 ? "bus master, " : "").append("fast devsel");
        int irq = fn.irqMode() == io.jnetdev.api.pci.IrqMode.MSI || fn.irqMode() == io.jnetdev.api.pci.IrqMode.MSIX
                ? fn.vectors[0] : fn.intxGsi();
        if (irq >= 0) {
            sb.append(", IRQ ").append(irq);
        }
        sb.append('\n');
        for (BarSpec bar : l.bars()) {
            String size = humanSize(bar.size());
            boolean on = (cmd & (bar.kind() == BarSpec.Kind.IO ? PciRegs.COMMAND_IO : PciRegs.COMMAND_MEMORY)) != 0;
            if (bar.kind() == BarSpec.Kind.IO) {
                sb.append(String.format("\tI/O ports at %04x%s [size=%s]%n", fn.barBase(bar.index()), on ? "" : " [disabled]", size));
            } else {
                sb.append(String.format("\tMemory at %08x (%s, %sprefetchable)%s [size=%s]%n", fn.barBase(bar.index()),
                        bar.kind() == BarSpec.Kind.MEMORY64 ? "64-bit" : "32-bit", bar.prefetchable() ? "" : "non-",
                        on ? "" : " [disabled]", size));
            }
        }
        for (CapabilitySpec cap : l.capabilities()) {
            sb.append(String.format("\tCapabilities: [%02x] ", cap.offset()));
            switch (cap) {
                case CapabilitySpec.Msi m -> sb.append(String.format("MSI: Enable%s Count=%d/%d Maskable%s 64bit%s%n",
                        fn.msiEnabled() ? "+" : "-", fn.irqMode() == io.jnetdev.api.pci.IrqMode.MSI ? fn.vectors.length : 1,
                        m.vectors(), m.perVectorMask() ? "+" : "-", m.address64() ? "+" : "-"));
                case CapabilitySpec.Msix x -> sb.append(String.format("MSI-X: Enable%s Count=%d Masked-%n",
                        fn.msixEnabled() ? "+" : "-", x.tableSize()));
                case CapabilitySpec.Raw r -> sb.append(switch (r.id()) {
                    case PciRegs.CAP_ID_PM -> "Power Management version 2";
                    case PciRegs.CAP_ID_EXP -> "Express Endpoint, MSI 00";
                    default -> String.format("Capability %02x", r.id());
                }).append('\n');
            }
        }
        DeviceDriver drv = fn.driver();
        if (drv != null) {
            sb.append("\tKernel driver in use: ").append(drv.name()).append('\n');
        }
        String modules = String.join(", ", drivers().stream()
                .filter(d -> d.idTable().stream().anyMatch(id -> id.matches(l.vendorId(), l.deviceId(),
                        l.subsystemVendorId(), l.subsystemId(), l.classCode())))
                .map(DeviceDriver::owner).distinct().toList());
        if (!modules.isEmpty()) {
            sb.append("\tKernel modules: ").append(modules).append('\n');
        }
        sb.append('\n');
    }

    private static String humanSize(long size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return (size >> 20) + "M";
        }
        if (size >= 1 << 10 && size % (1 << 10) == 0) {
            return (size >> 10) + "K";
        }
        return Long.toString(size);
    }

}
