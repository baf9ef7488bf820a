package io.jnetdev.runtime.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jnetdev.runtime.base.DriverCore;
import io.jnetdev.runtime.base.ProbeTrace;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.cost.DefaultCostModel;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.fault.FaultInjector;
import io.jnetdev.runtime.irq.InterruptController;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.locking.Locking;
import io.jnetdev.runtime.mem.PhysicalMemory;
import io.jnetdev.runtime.module.ModuleLoader;
import io.jnetdev.runtime.net.DevWatchdog;
import io.jnetdev.runtime.net.NetCore;
import io.jnetdev.runtime.net.NetSysctl;
import io.jnetdev.runtime.softirq.Softirqs;
import io.jnetdev.runtime.softirq.Tasklets;
import io.jnetdev.runtime.workqueue.Workqueues;
import io.jnetdev.runtime.pci.PciCore;
import io.jnetdev.runtime.sysfs.Sysfs;
import io.jnetdev.runtime.timer.TimerCore;
import io.jnetdev.runtime.trace.Tracepoints;

/**
 * Guice wiring of one machine's subsystems. Every subsystem is a singleton of the injector, so one
 * injector is one machine. A test replaces a binding with {@code Modules.override(...)} — the
 * engine (a clock), the fault injector, the module loader.
 */
public final class RuntimeModule extends AbstractModule {
    private final MachineConfig config;

    public RuntimeModule(MachineConfig config) {
        this.config = config;
    }

    @Override
    protected void configure() {
        bind(MachineConfig.class).toInstance(config);
        bind(FaultInjector.class).in(Singleton.class);
        bind(CostModel.class).to(DefaultCostModel.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    Engine engine(MachineConfig c) {
        return new Engine(c.seed());
    }

    @Provides
    @Singleton
    Cpus cpus(Engine engine, MachineConfig c) {
        return new Cpus(engine, c.cpus());
    }

    @Provides
    @Singleton
    KernelLog kernelLog(Engine engine) {
        return new KernelLog(engine);
    }

    @Provides
    @Singleton
    Violations violations(Engine engine, KernelLog log) {
        return new Violations(engine, log);
    }

    @Provides
    @Singleton
    PhysicalMemory memory(MachineConfig c) {
        return new PhysicalMemory(c.memoryBytes());
    }

    @Provides
    @Singleton
    ProbeTrace probeTrace(Engine engine) {
        return new ProbeTrace(engine);
    }

    @Provides
    @Singleton
    DriverCore driverCore(Engine engine, KernelLog log, Violations v, FaultInjector f, ProbeTrace t, MachineConfig c) {
        DriverCore core = new DriverCore(engine, log, v, f, t);
        core.testDriverRemove(c.testDriverRemove());
        return core;
    }

    @Provides
    @Singleton
    IrqCore irqCore(Engine engine, Cpus cpus, KernelLog log, Violations v, FaultInjector f, MachineConfig c, Softirqs softirqs,
                    CostModel costs, Tracepoints tp) {
        IrqCore irq = new IrqCore(engine, cpus, log, v, f, c.hz(), costs);
        irq.debugShirq(c.debugShirq());
        irq.irqExit(softirqs::irqExit);
        irq.tracepoints(tp);
        return irq;
    }

    @Provides
    @Singleton
    Softirqs softirqs(Engine engine, Cpus cpus, CostModel costs, Tracepoints tp) {
        Softirqs s = new Softirqs(engine, cpus, costs);
        s.tracepoints(tp);
        return s;
    }

    @Provides
    @Singleton
    Tracepoints tracepoints(Cpus cpus) {
        return new Tracepoints(cpus);
    }

    @Provides
    @Singleton
    NetSysctl netSysctl(MachineConfig c) {
        return NetSysctl.forHz(c.hz());
    }

    @Provides
    @Singleton
    NetCore netCore(Engine engine, Cpus cpus, KernelLog log, Violations v, KernelServices k, Softirqs softirqs,
                    PhysicalMemory m, NetSysctl sysctl, CostModel costs, Tracepoints tp, IrqCore irq, DevWatchdog watchdog,
                    FaultInjector faults) {
        NetCore net = new NetCore(engine, cpus, log, v, k, softirqs, m, sysctl, costs);
        net.faults(faults);
        net.watchdog(watchdog);
        net.tracepoints(tp);
        net.irqCore(irq);
        return net;
    }

    @Provides
    @Singleton
    DevWatchdog devWatchdog(TimerCore timers, KernelServices k, Violations v, Cpus cpus) {
        return new DevWatchdog(timers, k, v, cpus);
    }

    @Provides
    @Singleton
    InterruptController interruptController(IrqCore irq) {
        return new InterruptController(irq);
    }

    @Provides
    @Singleton
    KernelServices kernel(Engine engine, Cpus cpus, KernelLog log, Violations v, PhysicalMemory m, MachineConfig c,
                          Locking locking, Tasklets tasklets, Workqueues workqueues,
                          com.google.inject.Provider<TimerCore> timers) {
        KernelServices k = new KernelServices(engine, cpus, log, v, m, c.hz(), locking, tasklets, workqueues);
        k.timers(timers::get);
        return k;
    }

    @Provides
    @Singleton
    TimerCore timerCore(Engine engine, Cpus cpus, Softirqs softirqs, Violations v, KernelServices k, CostModel costs,
                        MachineConfig c) {
        return new TimerCore(engine, cpus, softirqs, v, k, costs, c.hz());
    }

    @Provides
    @Singleton
    Workqueues workqueues(Engine engine, Cpus cpus, Violations v, KernelLog log) {
        return new Workqueues(engine, cpus, v, log);
    }

    @Provides
    @Singleton
    Tasklets tasklets(Cpus cpus, Softirqs softirqs, Violations v, KernelLog log) {
        return new Tasklets(cpus, softirqs, v, log);
    }

    @Provides
    @Singleton
    Locking locking(Cpus cpus, Softirqs softirqs, Violations v) {
        return new Locking(cpus, softirqs, v);
    }

    @Provides
    @Singleton
    PciCore pciCore(Engine engine, Cpus cpus, KernelLog log, Violations v, FaultInjector f, PhysicalMemory m,
                    InterruptController ic, IrqCore irq, DriverCore core, KernelServices k, NetCore net, CostModel costs,
                    TimerCore timers) {
        PciCore pci = new PciCore(engine, cpus, log, v, f, m, ic, irq, core, k, net, costs);
        pci.timers(timers);
        return pci;
    }

    @Provides
    @Singleton
    ModuleLoader moduleLoader(KernelLog log, Violations v, PciCore pci, KernelServices k, ProbeTrace t, Cpus cpus,
                              TimerCore timers) {
        ModuleLoader loader = new ModuleLoader(log, v, pci, k, t);
        loader.timers(cpus, timers);
        return loader;
    }

    @Provides
    @Singleton
    Sysfs sysfs(PciCore pci, DriverCore core, ModuleLoader modules, IrqCore irq) {
        return new Sysfs(pci, core, modules, irq);
    }
}
