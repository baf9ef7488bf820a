package io.jnetdev.runtime.module;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import io.jnetdev.api.pci.PciDriver;
import io.jnetdev.runtime.base.ProbeTrace;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.pci.PciCore;
import io.jnetdev.runtime.pci.PciDriverBinding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The module loader: finds {@link KernelModule} providers with {@link ServiceLoader}, and gives
 * {@code modprobe}, {@code rmmod} and {@code lsmod} their Linux meanings. A provider that cannot
 * be loaded or instantiated is reported with its name and cause; the others load regardless.
 */
public final class ModuleLoader {
    private final KernelLog log;
    private final Violations violations;
    private final PciCore pci;
    private final Kernel kernel;
    private final ProbeTrace trace;
    private final Map<String, Supplier<KernelModule>> available = new LinkedHashMap<>();
    private final List<String> broken = new ArrayList<>();
    private final Map<String, LoadedModule> loaded = new LinkedHashMap<>();
    private io.jnetdev.runtime.engine.Cpus cpus;
    private io.jnetdev.runtime.timer.TimerCore timers;

    public ModuleLoader(KernelLog log, Violations violations, PciCore pci, Kernel kernel, ProbeTrace trace) {
        this.log = log;
        this.violations = violations;
        this.pci = pci;
        this.kernel = kernel;
        this.trace = trace;
    }

    /**
     * The CPUs (module init and exit run as the module's code, so timers they set up are its own)
     * and the timer core (timers still pending after exit are ODEBUG).
     */
    public void timers(io.jnetdev.runtime.engine.Cpus cpus, io.jnetdev.runtime.timer.TimerCore timers) {
        this.cpus = cpus;
        this.timers = timers;
    }

    /** Runs module init or exit as the module's code on the current CPU. */
    private <E extends Exception> void asModule(String module, ModuleCall<E> call) throws E {
        if (cpus == null) {
            call.run();
            return;
        }
        var cpu = cpus.current();
        cpu.enterCode(null, module, -1);
        try {
            call.run();
        } finally {
            cpu.exitCode();
        }
    }

    @FunctionalInterface
    private interface ModuleCall<E extends Exception> {
        void run() throws E;
    }

    /** Reads every {@link KernelModule} provider visible to {@code loader}. Safe to call again. */
    public void discover(ClassLoader loader) {
        Iterator<ServiceLoader.Provider<KernelModule>> it = ServiceLoader.load(KernelModule.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<KernelModule> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                reportBroken("a KernelModule provider", e);
                continue;
            }
            String type = provider.type().getName();
            KernelModule probe;
            try {
                probe = provider.get();
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                reportBroken(type, e);
                continue;
            }
            String name = probe.name();
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                reportBroken(type, new IllegalArgumentException("module name '" + name + "' is not a module name"));
                continue;
            }
            if (available.containsKey(name)) {
                log.warn("module " + name + ": provided twice (" + type + " ignored)");
                continue;
            }
            available.put(name, provider::get);
        }
    }

    /** Makes a module available without ServiceLoader (tests, embedded use). */
    public void addAvailable(String name, Supplier<KernelModule> factory) {
        available.put(name, factory);
    }

    private void reportBroken(String what, Throwable e) {
        String cause = e.getCause() != null ? e.getCause().toString() : e.toString();
        String line = "module loader: cannot load " + what + ": " + cause;
        broken.add(line);
        log.err(line);
    }

    /** Providers that failed to load, one line each naming the provider and the cause. */
    public List<String> brokenProviders() {
        return List.copyOf(broken);
    }

    /** Module names ServiceLoader found, in discovery order. */
    public List<String> available() {
        return List.copyOf(available.keySet());
    }

    public List<LoadedModule> loaded() {
        return List.copyOf(loaded.values());
    }

    public Optional<LoadedModule> module(String name) {
        return Optional.ofNullable(loaded.get(normalise(name)));
    }

    /** modprobe treats '-' and '_' alike in module names. */
    private String normalise(String name) {
        if (loaded.containsKey(name) || available.containsKey(name)) {
            return name;
        }
        String alt = name.indexOf('-') >= 0 ? name.replace('-', '_') : name.replace('_', '-');
        return loaded.containsKey(alt) || available.containsKey(alt) ? alt : name;
    }

    /**
     * {@code modprobe NAME key=value ...}: loads and initialises the module. Loading a module
     * that is already loaded does nothing, as modprobe does.
     *
     * @throws ErrnoException {@code ENOENT} for an unknown module, {@code EINVAL} for a bad
     *                        parameter value, or the error of a failed init
     */
    public LoadedModule modprobe(String name, Map<String, String> args) throws ErrnoException {
        String key = normalise(name);
        if (loaded.containsKey(key)) {
            return loaded.get(key);
        }
        Supplier<KernelModule> factory = available.get(key);
        if (factory == null) {
            throw new ErrnoException(Errno.ENOENT, "modprobe: FATAL: Module " + name + " not found"
                    + (available.isEmpty() ? "" : " (available: " + String.join(", ", available.keySet()) + ")"));
        }
        KernelModule module;
        try {
            module = factory.get();
        } catch (RuntimeException | ServiceConfigurationError e) {
            reportBroken(key, e);
            throw new ErrnoException(Errno.EINVAL, "module " + key + " cannot be instantiated: " + e);
        }
        Map<String, String> params = parseParams(module, args);
        LoadedModule lm = new LoadedModule(module, params);
        Context ctx = new Context(lm);
        try (var s = trace.enter("module_init", null, key)) {
            try {
                asModule(key, () -> module.init(ctx));
            } catch (ErrnoException e) {
                s.result(e.errno().negative() + " " + e.errno());
                unwindFailedInit(lm);
                log.err(key + ": module init failed: " + e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                s.result("threw " + e);
                violations.warn("BUG", null, key, "module init threw " + e);
                unwindFailedInit(lm);
                throw new ErrnoException(Errno.EFAULT, "module " + key + " init threw " + e, e);
            }
            s.result("0");
        }
        loaded.put(key, lm);
        return lm;
    }

    /** A failed init must leave nothing registered; whatever it left is reported and unregistered. */
    private void unwindFailedInit(LoadedModule lm) {
        for (PciDriverBinding d : lm.pciDrivers().reversed()) {
            violations.warn("D3", null, lm.name(), "module init failed but left PCI driver " + d.name() + " registered");
            pci.unregisterDriver(d);
        }
        lm.pciDrivers.clear();
    }

    private Map<String, String> parseParams(KernelModule module, Map<String, String> args) throws ErrnoException {
        Map<String, ModuleParam> declared = new LinkedHashMap<>();
        for (ModuleParam p : module.parameters()) {
            declared.put(p.name(), p);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ModuleParam p : declared.values()) {
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> a : args.entrySet()) {
            ModuleParam p = declared.get(a.getKey());
            if (p == null) {
                log.warn(module.name() + ": unknown parameter '" + a.getKey() + "' ignored");
                continue;
            }
            values.put(p.name(), validate(module.name(), p, a.getValue()));
        }
        return values;
    }

    private static String validate(String module, ModuleParam p, String raw) throws ErrnoException {
        String v = raw.strip();
        switch (p.type()) {
            case INT -> {
                long n;
                try {
                    n = Long.decode(v);
                } catch (NumberFormatException e) {
                    throw new ErrnoException(Errno.EINVAL, module + ": `" + raw + "' invalid for parameter `" + p.name() + "' (an integer)");
                }
                if (n < p.min() || n > p.max()) {
                    throw new ErrnoException(Errno.EINVAL, module + ": `" + raw + "' invalid for parameter `" + p.name()
                            + "' (range " + p.min() + ".." + p.max() + ")");
                }
                return Long.toString(n);
            }
            case BOOL -> {
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "y", "1", "true", "on", "" -> "Y";
                    case "n", "0", "false", "off" -> "N";
                    default -> throw new ErrnoException(Errno.EINVAL, module + ": `" + raw + "' invalid for parameter `" + p.name() + "' (Y or N)");
                };
            }
            default -> {
                return v;
            }
        }
    }

    /** {@code rmmod NAME}: runs module_exit; drivers it forgot to unregister are reported and unregistered. */
    public void rmmod(String name) throws ErrnoException {
        String key = normalise(name);
        LoadedModule lm = loaded.get(key);
        if (lm == null) {
            throw new ErrnoException(Errno.ENOENT, "rmmod: ERROR: Module " + name + " is not currently loaded");
        }
        List<String> driverNames = lm.pciDrivers().stream().map(PciDriverBinding::name).toList();
        try (var s = trace.enter("module_exit", null, key)) {
            try {
                asModule(key, () -> lm.module().exit(new Context(lm)));
            } catch (RuntimeException e) {
                violations.warn("BUG", null, key, "module exit threw " + e);
            }
        }
        for (PciDriverBinding d : lm.pciDrivers().reversed()) {
            violations.warn("D4", null, key, "module exit left PCI driver " + d.name() + " registered");
            pci.unregisterDriver(d);
        }
        lm.pciDrivers.clear();
        if (timers != null) {
            timers.moduleUnloaded(key, driverNames);
        }
        loaded.remove(key);
    }

    /**
     * {@code lsmod}, newest first. Size is not modelled (every module shows 16384) and "Used by" is 0,
     * as for a driver module no other module depends on. jnetdev adds a Parameters column with each
     * parameter's current value, what a Linux user would read under {@code /sys/module/NAME/parameters}.
     */
    public String lsmod() {
        StringBuilder sb = new StringBuilder(String.format("%-19s %8s  %-7s  %s%n", "Module", "Size", "Used by", "Parameters"));
        for (LoadedModule m : loaded.values().stream().toList().reversed()) {
            String params = m.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(" "));
            sb.append(String.format("%-19s %8d  %-7d  %s", m.name(), 16384, 0, params).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** {@code modinfo NAME} for an available module. */
    public String modinfo(String name) throws ErrnoException {
        String key = normalise(name);
        Supplier<KernelModule> f = available.get(key);
        if (f == null) {
            throw new ErrnoException(Errno.ENOENT, "modinfo: ERROR: Module " + name + " not found.");
        }
        KernelModule m = f.get();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s%s%n", "name:", m.name()));
        sb.append(String.format("%-16s%s%n", "description:", m.description()));
        sb.append(String.format("%-16s%s%n", "version:", m.version()));
        for (ModuleParam p : m.parameters()) {
            String type = switch (p.type()) {
                case INT -> "int";
                case BOOL -> "bool";
                case STRING -> "charp";
            };
            sb.append(String.format("%-16s%s:%s (default %s%s) (%s)%n", "parm:", p.name(), p.description(), p.defaultValue(),
                    p.type() == ModuleParam.Type.INT ? ", range " + p.min() + ".." + p.max() : "", type));
        }
        return sb.toString();
    }

    /** What a module sees during init and exit. */
    private final class Context implements ModuleContext {
        private final LoadedModule lm;

        Context(LoadedModule lm) {
            this.lm = lm;
        }

        @Override
        public String moduleName() {
            return lm.name();
        }

        private ModuleParam declared(String name, ModuleParam.Type type) {
            ModuleParam p = lm.declaredParams().stream().filter(d -> d.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("module " + lm.name() + " declares no parameter " + name));
            if (p.type() != type) {
                throw new IllegalArgumentException("module " + lm.name() + ": parameter " + name + " is " + p.type() + ", not " + type);
            }
            return p;
        }

        @Override
        public long intParam(String name) {
            declared(name, ModuleParam.Type.INT);
            return Long.parseLong(lm.params().get(name));
        }

        @Override
        public boolean boolParam(String name) {
            declared(name, ModuleParam.Type.BOOL);
            return "Y".equals(lm.params().get(name));
        }

        @Override
        public String stringParam(String name) {
            declared(name, ModuleParam.Type.STRING);
            return lm.params().get(name);
        }

        @Override
        public void pciRegisterDriver(PciDriver driver) throws ErrnoException {
            lm.pciDrivers.add(pci.registerDriver(driver, lm.name()));
        }

        @Override
        public void pciUnregisterDriver(PciDriver driver) {
            for (PciDriverBinding d : lm.pciDrivers()) {
                if (d.driver() == driver) {
                    pci.unregisterDriver(d);
                    lm.pciDrivers.remove(d);
                    return;
                }
            }
            violations.warn("D4", null, lm.name(), "pci_unregister_driver of a driver this module did not register: " + driver.name());
        }

        @Override
        public Kernel kernel() {
            return kernel;
        }
    }
}
