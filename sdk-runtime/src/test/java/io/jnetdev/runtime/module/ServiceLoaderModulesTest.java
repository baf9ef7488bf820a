package io.jnetdev.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules come from {@link java.util.ServiceLoader}; a provider that cannot be loaded is reported
 * with its name and cause, and the others still load.
 */
class ServiceLoaderModulesTest {

    /** A well-formed module. */
    public static final class GoodModule implements KernelModule {
        @Override
        public String name() {
            return "good";
        }

        @Override
        public void init(ModuleContext context) {
        }

        @Override
        public void exit(ModuleContext context) {
        }
    }

    /** A provider whose constructor fails, as one with a missing native library would. */
    public static final class ExplodingModule implements KernelModule {
        public ExplodingModule() {
            throw new IllegalStateException("firmware blob not found");
        }

        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public void init(ModuleContext context) {
        }

        @Override
        public void exit(ModuleContext context) {
        }
    }

    @Test
    void brokenProvidersAreReportedAndTheGoodOneLoads(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(KernelModule.class.getName()), String.join("\n",
                ExplodingModule.class.getName(),
                "io.jnetdev.nowhere.MissingModule",
                GoodModule.class.getName()) + "\n");
        Machine m = Machine.create(MachineConfig.builder().seed(61).build());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            m.boot(loader);
        }

        assertThat(m.modules().available()).containsExactly("good");
        assertThat(m.modules().loaded()).extracting(LoadedModule::name).containsExactly("good");
        assertThat(m.modules().brokenProviders()).hasSize(2);
        assertThat(m.modules().brokenProviders()).anySatisfy(line ->
                assertThat(line).contains(ExplodingModule.class.getName()).contains("firmware blob not found"));
        assertThat(m.modules().brokenProviders()).anySatisfy(line ->
                assertThat(line).contains("io.jnetdev.nowhere.MissingModule"));
        assertThat(m.dmesg()).contains("module loader: cannot load").contains("firmware blob not found");
    }

    @Test
    void unknownModuleIsAClearError() {
        Machine m = Machine.create(MachineConfig.builder().modules(Map.of()).build()).boot(new ClassLoader(null) { });
        try {
            m.modprobe("e1000", Map.of());
        } catch (ErrnoException e) {
            assertThat(e.getMessage()).contains("Module e1000 not found");
            return;
        }
        throw new AssertionError("modprobe of an unknown module succeeded");
    }
}
