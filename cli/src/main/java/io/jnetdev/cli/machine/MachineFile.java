package io.jnetdev.cli.machine;

import io.jnetdev.api.module.KernelModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Machine files: YAML descriptions of a machine (CPUs, HZ, seed, {@code net.core} sysctls, PCI
 * slots with card models, modules with parameters, cables, traffic generators and sinks, IRQ
 * affinity). The format is documented in the README and in the commented default machine,
 * {@code machines/default.yaml}, which is read by this same code. Reading checks everything that
 * can be checked without booting; a bad file gives one {@link MachineFileException}, and nothing
 * is booted.
 */
public final class MachineFile {
    /** The class-path resource of the built-in default machine. */
    public static final String DEFAULT_RESOURCE = "machines/default.yaml";

    private MachineFile() {}

    /** Reads {@code file}, checking module names and parameters against the modules this class's loader sees. */
    public static MachineDescription load(Path file) throws MachineFileException {
        return load(file, MachineFile.class.getClassLoader());
    }

    /** Reads {@code file}, checking module names and parameters against the modules {@code modules} sees. */
    public static MachineDescription load(Path file, ClassLoader modules) throws MachineFileException {
        String name = file.toString();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(name, r, modules);
        } catch (NoSuchFileException e) {
            throw new MachineFileException(name, 1, 1, "no such file", "a readable machine file (YAML)");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MachineFileException(name, 1, 1, "cannot read the file: " + e.getMessage(), "a readable UTF-8 machine file (YAML)");
        }
    }

    /** Reads machine-file text; {@code name} is what errors call it. */
    public static MachineDescription parse(String name, String text) throws MachineFileException {
        return parse(name, new StringReader(text), MachineFile.class.getClassLoader());
    }

    /** Reads machine-file text from {@code reader}, checking modules against those {@code modules} sees. */
    public static MachineDescription parse(String name, Reader reader, ClassLoader modules) throws MachineFileException {
        return new MachineFileParser(name, availableModules(modules)).parse(reader);
    }

    /** The built-in default machine: the three NICs' five cards and two edu devices. */
    public static MachineDescription defaultMachine() {
        try (InputStream in = MachineFile.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return parse(DEFAULT_RESOURCE, new InputStreamReader(in, StandardCharsets.UTF_8), MachineFile.class.getClassLoader());
        } catch (IOException | MachineFileException e) {
            throw new IllegalStateException("the built-in default machine does not read: " + e.getMessage(), e);
        }
    }

    /** The modules a boot with {@code loader} could load, by name (a provider that cannot load is left out, as boot leaves it). */
    static Map<String, KernelModule> availableModules(ClassLoader loader) {
        Map<String, KernelModule> modules = new LinkedHashMap<>();
        var it = ServiceLoader.load(KernelModule.class, loader).stream().iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                KernelModule m = it.next().get();
                modules.putIfAbsent(m.name(), m);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                // the boot reports a broken provider in dmesg; here it is simply not available
            }
        }
        return modules;
    }
}
