package io.jnetdev.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.runtime.base.DriverCore;
import io.jnetdev.runtime.base.ProbeTrace;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.fault.FaultInjector;
import io.jnetdev.runtime.inject.RuntimeModule;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.mem.PhysicalMemory;
import io.jnetdev.runtime.module.LoadedModule;
import io.jnetdev.runtime.module.ModuleLoader;
import io.jnetdev.runtime.pci.PciCore;
import io.jnetdev.runtime.pci.PciFunction;
import io.jnetdev.runtime.sysfs.Sysfs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated machine: CPUs, memory, the PCI bus with its devices, and the kernel that runs the
 * drivers. Built by Guice from a {@link MachineConfig}; every subsystem is reachable from here for
 * tests, the shell and the conformance kit.
 *
 * <p>Commands (modprobe, sysfs writes, hotplug) run synchronously in process context on CPU 0;
 * {@link #settle()} then runs whatever they queued at the same instant (deferred probes, IRQs),
 * and {@link #run(long)} advances virtual time.
 */
public final class Machine {
    static {
        // The runtime uses no method interception, so Guice needs no generated classes; with bytecode
        // generation off it also stops reaching for sun.misc.Unsafe, which JDK 25 warns about.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
    }

    private final Injector injector;
    private final MachineConfig config;
    private boolean booted;
    private io.jnetdev.runtime.wire.MachineWireContext wire;

    private Machine(Injector injector) {
        this.injector = injector;
        this.config = injector.getInstance(MachineConfig.class);
    }

    /** Creates a machine; {@code overrides} replace bindings of the runtime module (tests). */
    public static Machine create(MachineConfig config, Module... overrides) {
        Module base = new RuntimeModule(config);
        Module module = overrides.length == 0 ? base : Modules.override(base).with(overrides);
        Machine m = new Machine(Guice.createInjector(module));
        m.pci(); // the PCI bus exists from the start
        return m;
    }

    /**
     * Boots: discovers modules on {@code classLoader}, enumerates the PCI slots, then loads the
     * configured modules (all discovered ones when the configuration names none), each probing
     * its devices. A module that fails to load is logged and the boot goes on.
     */
    public Machine boot(ClassLoader classLoader) {
        if (booted) {
            throw new IllegalStateException("machine already booted");
        }
        booted = true;
        log().info("Linux version 6.12.0-jnetdev (virtual), " + config.cpus() + " CPUs, HZ=" + config.hz()
                + ", seed " + config.seed());
        modules().discover(classLoader);
        for (MachineConfig.Slot slot : config.slots()) {
            pci().plug(slot.slot(), slot.model().get());
        }
        Map<String, Map<String, String>> toLoad = config.modules();
        if (toLoad == null) {
            toLoad = new LinkedHashMap<>();
            for (String name : modules().available()) {
                toLoad.put(name, Map.of());
            }
        }
        for (Map.Entry<String, Map<String, String>> e : toLoad.entrySet()) {
            try {
                modprobe(e.getKey(), e.getValue());
            } catch (ErrnoException ex) {
                log().err("boot: modprobe " + e.getKey() + " failed: " + ex.getMessage());
            }
        }
        settle();
        return this;
    }

    /** Boots with the context class loader (or this class's loader). */
    public Machine boot() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return boot(cl != null ? cl : Machine.class.getClassLoader());
    }

    /** {@code modprobe NAME key=value...}, then settles. */
    public LoadedModule modprobe(String name, Map<String, String> params) throws ErrnoException {
        LoadedModule m = modules().modprobe(name, params);
        settle();
        return m;
    }

    /** {@code rmmod NAME}, then settles. */
    public void rmmod(String name) throws ErrnoException {
        modules().rmmod(name);
        settle();
    }

    /** Hot-plugs a device into a slot; a registered driver may bind at once. */
    public PciFunction hotplug(int slot, PciFunctionModel model) {
        PciFunction fn = pci().plug(slot, model);
        settle();
        return fn;
    }

    /** Hot-unplugs the device in a slot. */
    public void unplug(int slot) {
        pci().unplug(slot);
        settle();
    }

    /** Runs everything due at this instant (deferred probes, IRQ deliveries, threaded handlers). */
    public void settle() {
        engine().runPending();
    }

    /** Advances virtual time by {@code nanos}. */
    public void run(long nanos) {
        engine().runFor(nanos);
    }

    /**
     * Runs until virtual time reaches the point every CPU's work so far has got to. A call into a
     * driver from outside the CPUs' events (a probe at modprobe, an open from a test or the shell)
     * runs to completion at once but charges its CPU the time it took — a 3c59x probe busy-waits
     * about 11 ms for its EEPROM — leaving that CPU's clock ahead of the engine: until the engine
     * catches up the CPU is busy and takes no interrupt. Call this before anything that assumes
     * idle CPUs, such as offering traffic to measure.
     */
    public void waitForCpus() {
        long until = 0;
        for (io.jnetdev.runtime.engine.Cpu c : cpus().all()) {
            until = Math.max(until, c.localTime());
        }
        long now = engine().now();
        if (until > now) {
            run(until - now);
        }
    }

    public MachineConfig config() {
        return config;
    }

    public <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    public Engine engine() {
        return get(Engine.class);
    }

    public Cpus cpus() {
        return get(Cpus.class);
    }

    public KernelLog log() {
        return get(KernelLog.class);
    }

    public Violations violations() {
        return get(Violations.class);
    }

    public FaultInjector faults() {
        return get(FaultInjector.class);
    }

    public PhysicalMemory memory() {
        return get(PhysicalMemory.class);
    }

    public DriverCore driverCore() {
        return get(DriverCore.class);
    }

    public ProbeTrace trace() {
        return get(ProbeTrace.class);
    }

    public PciCore pci() {
        return get(PciCore.class);
    }

    public IrqCore irqCore() {
        return get(IrqCore.class);
    }

    public ModuleLoader modules() {
        return get(ModuleLoader.class);
    }

    public Sysfs sysfs() {
        return get(Sysfs.class);
    }

    public io.jnetdev.runtime.net.NetCore net() {
        return get(io.jnetdev.runtime.net.NetCore.class);
    }

    /** The ethtool core ({@code net/ethtool/ioctl.c}). */
    public io.jnetdev.runtime.ethtool.EthtoolCore ethtool() {
        return get(io.jnetdev.runtime.ethtool.EthtoolCore.class);
    }

    public io.jnetdev.runtime.softirq.Softirqs softirqs() {
        return get(io.jnetdev.runtime.softirq.Softirqs.class);
    }

    /** The tracepoint hub: attach a sink to see the packet path event by event. */
    public io.jnetdev.runtime.trace.Tracepoints tracepoints() {
        return get(io.jnetdev.runtime.trace.Tracepoints.class);
    }

    /** The timer core ({@code kernel/time/timer.c}). */
    public io.jnetdev.runtime.timer.TimerCore timers() {
        return get(io.jnetdev.runtime.timer.TimerCore.class);
    }

    public KernelServices kernel() {
        return get(KernelServices.class);
    }

    /** The clock and timers wires and traffic generators run on (one per machine). */
    public io.jnetdev.hw.WireContext wireContext() {
        if (wire == null) {
            wire = new io.jnetdev.runtime.wire.MachineWireContext(engine(), violations());
        }
        return wire;
    }

    /**
     * The Ethernet port behind interface {@code ifname}: the port of the device model of the
     * interface's parent PCI function. Attach a wire or a traffic generator to it.
     *
     * @throws ErrnoException {@code ENODEV} when no interface has that name, {@code EOPNOTSUPP}
     *                        when its device model is not a {@link io.jnetdev.hw.NicModel}
     */
    public io.jnetdev.hw.EthernetPort portOf(String ifname) throws ErrnoException {
        io.jnetdev.runtime.net.NetDeviceImpl dev = net().device(ifname).orElseThrow(() ->
                new ErrnoException(io.jnetdev.api.Errno.ENODEV, "Device \"" + ifname + "\" does not exist."));
        PciFunction fn = dev.parent();
        if (fn == null || !(fn.model() instanceof io.jnetdev.hw.NicModel nic)) {
            throw new ErrnoException(io.jnetdev.api.Errno.EOPNOTSUPP, ifname + ": its device "
                    + (fn == null ? "(none)" : fn.name() + " (" + fn.model().getClass().getSimpleName() + ")")
                    + " has no Ethernet port model");
        }
        return nic.port();
    }

    /** {@code /proc/interrupts}. */
    public String procInterrupts() {
        StringBuilder sb = new StringBuilder(irqCore().procInterrupts());
        sb.append("LOC:"); // the per-CPU tick, programmed only for pending timers (NOHZ)
        for (int c = 0; c < cpus().count(); c++) {
            sb.append(String.format("%11d", timers().localTimerInterrupts(c)));
        }
        return sb.append("   Local timer interrupts\n").toString();
    }

    /** {@code dmesg}. */
    public String dmesg() {
        return log().dmesg();
    }
}
