package io.jnetdev.cli.conformance;

import io.jnetdev.api.module.KernelModule;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.DriverUnderTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarFile;

/**
 * Finds what {@code jnetdev conformance} checks: the {@link ConformanceTarget} of a module on the
 * command's own class path ({@code --module NAME}), or of a module in a plugin jar ({@code --jar
 * PATH}), which is loaded in its own class loader and searched with {@link ServiceLoader}, as
 * {@code modprobe} finds a module. Anything that cannot be checked is {@link Refused} with the one
 * sentence that says what to do.
 */
public final class Targets {
    private static final String MODULE_SERVICES = "META-INF/services/" + KernelModule.class.getName();
    private static final String TARGET_SERVICES = "META-INF/services/" + ConformanceTarget.class.getName();

    private Targets() {}

    /** The command cannot check what it was asked to: {@link #getMessage()} says why and what to do. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The driver to check and where it came from.
     *
     * @param dut    the driver under test
     * @param origin {@code class path} or the jar's path, for the report
     * @param loader the plugin jar's class loader, closed by {@link #close()}; null for the class path
     */
    public record Chosen(DriverUnderTest dut, String origin, URLClassLoader loader) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (loader != null) {
                loader.close();
            }
        }
    }

    /** The module named {@code module} among those {@code loader} sees (the command's class path). */
    public static Chosen onClassPath(String module, ClassLoader loader) throws Refused {
        Map<String, ConformanceTarget> targets = targets(loader, type -> true);
        Set<String> modules = moduleNames(loader, type -> true);
        modules.addAll(targets.keySet());
        ConformanceTarget target = targets.get(module);
        if (target == null) {
            throw modules.contains(module) ? noDescriptor(module)
                    : new Refused("no module '" + module + "' (modules found: " + String.join(", ", modules)
                            + "; modules with a conformance descriptor: " + String.join(", ", targets.keySet())
                            + "). Name a plugin jar with --jar PATH to check a module from outside.");
        }
        return new Chosen(describe(target, loader), "class path", null);
    }

    /**
     * A module of the plugin jar at {@code jar}: the one named {@code module}, or the jar's only one
     * when {@code module} is null. Only the jar's own service registrations count, not the modules
     * of the command's class path that its class loader also sees.
     */
    public static Chosen inJar(Path jar, String module, ClassLoader parent) throws Refused {
        URLClassLoader loader = open(jar, parent);
        try {
            Map<String, ConformanceTarget> targets = targets(loader, listedIn(loader, TARGET_SERVICES));
            Set<String> modules = moduleNames(loader, listedIn(loader, MODULE_SERVICES));
            modules.addAll(targets.keySet());
            if (modules.isEmpty()) {
                throw new Refused(jar + " holds no driver module: it has no " + MODULE_SERVICES
                        + " (nor a " + TARGET_SERVICES + "). Is it a driver plugin jar?");
            }
            String name = module;
            if (name == null) {
                if (modules.size() > 1) {
                    throw new Refused(jar + " holds the modules " + String.join(", ", modules) + ": choose one with --module NAME");
                }
                name = modules.iterator().next();
            } else if (!modules.contains(name)) {
                throw new Refused(jar + " holds no module '" + name + "' (it holds " + String.join(", ", modules) + ")");
            }
            ConformanceTarget target = targets.get(name);
            if (target == null) {
                throw noDescriptor(name);
            }
            return new Chosen(describe(target, loader), jar.toString(), loader);
        } catch (Refused | RuntimeException | Error e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private static Refused noDescriptor(String module) {
        return new Refused("module '" + module + "' has no conformance descriptor: add a class implementing "
                + ConformanceTarget.class.getName() + " whose driverUnderTest() returns DriverUnderTest.module(\""
                + module + "\").model(...).capabilities(...).build(), and list it in " + TARGET_SERVICES
                + " (or annotate it @AutoService(ConformanceTarget.class))");
    }

    private static URLClassLoader open(Path jar, ClassLoader parent) throws Refused {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw new Refused("cannot read the plugin jar " + jar + ": " + (Files.exists(jar) ? "not a readable file" : "no such file"));
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opened only to prove it is a jar before a class loader meets it
        } catch (IOException e) {
            throw new Refused("cannot read the plugin jar " + jar + ": not a jar (" + e.getMessage() + ")");
        }
        try {
            return new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new Refused("cannot read the plugin jar " + jar + ": " + e.getMessage());
        }
    }

    /** The provider class names the jar itself registers for a service (not those of its parent loader). */
    private static Predicate<String> listedIn(URLClassLoader loader, String servicesFile) throws Refused {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> own = loader.findResources(servicesFile);
            for (URL url : Collections.list(own)) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new Refused("cannot read " + servicesFile + " in the plugin jar: " + e.getMessage());
        }
        return names::contains;
    }

    private static Set<String> moduleNames(ClassLoader loader, Predicate<String> typeName) throws Refused {
        Set<String> names = new TreeSet<>();
        for (ServiceLoader.Provider<KernelModule> p : providers(KernelModule.class, loader, typeName)) {
            try {
                names.add(p.get().name());
            } catch (ServiceConfigurationError | RuntimeException e) {
                throw new Refused("the module " + p.type().getName() + " cannot be made: " + e);
            }
        }
        return names;
    }

    /** The conformance targets, by module name; two for one module are refused. */
    private static Map<String, ConformanceTarget> targets(ClassLoader loader, Predicate<String> typeName) throws Refused {
        Map<String, ConformanceTarget> byModule = new LinkedHashMap<>();
        for (ServiceLoader.Provider<ConformanceTarget> p : providers(ConformanceTarget.class, loader, typeName)) {
            ConformanceTarget t;
            try {
                t = p.get();
            } catch (ServiceConfigurationError | RuntimeException e) {
                throw new Refused("the conformance descriptor " + p.type().getName() + " cannot be made: " + e);
            }
            String module = describe(t, loader).moduleName();
            ConformanceTarget before = byModule.putIfAbsent(module, t);
            if (before != null) {
                throw new Refused("module '" + module + "' has two conformance descriptors: "
                        + before.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return byModule;
    }

    private static <S> List<ServiceLoader.Provider<S>> providers(Class<S> service, ClassLoader loader, Predicate<String> typeName)
            throws Refused {
        List<ServiceLoader.Provider<S>> found = new ArrayList<>();
        try {
            ServiceLoader.load(service, loader).stream().filter(p -> typeName.test(p.type().getName())).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new Refused("a " + service.getSimpleName() + " registration cannot be loaded: " + e.getMessage());
        }
        return found;
    }

    /** Asks {@code target} with {@code loader} as the context class loader, so a module named only is found there. */
    private static DriverUnderTest describe(ConformanceTarget target, ClassLoader loader) throws Refused {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return target.driverUnderTest();
        } catch (RuntimeException e) {
            throw new Refused("the conformance descriptor " + target.getClass().getName() + " failed: " + e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the refusal is the message that matters
        }
    }
}
