package io.jnetdev.conformance;

import io.jnetdev.api.module.KernelModule;
import io.jnetdev.hw.NicModel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The driver the kit checks: the kernel module that registers it, the card model it drives, the
 * module parameters to load it with, and what it declares it supports.
 *
 * <pre>{@code
 * DriverUnderTest.module("e1000e").model(E1000e::new)
 *         .capabilities(Capability.NAPI, Capability.MSIX, Capability.MSI, Capability.INTX, Capability.TX)
 *         .ringMaxima(4096, 4096)
 *         .build();
 * }</pre>
 *
 * @param moduleName     the module's name, as {@code modprobe} takes it
 * @param module         makes the module; null to find it with {@link java.util.ServiceLoader} on {@code classLoader}
 * @param classLoader    where the module is discovered
 * @param model          makes a fresh card model for each machine
 * @param params         module parameters ({@code name=value})
 * @param capabilities   what the driver declares
 * @param rxRingMax      the receive ring maximum the driver reports (ETH-RINGS), or 0
 * @param txRingMax      the transmit ring maximum the driver reports (ETH-RINGS), or 0
 */
public record DriverUnderTest(String moduleName, Supplier<? extends KernelModule> module, ClassLoader classLoader,
                              Supplier<? extends NicModel> model, Map<String, String> params,
                              Set<Capability> capabilities, int rxRingMax, int txRingMax) {
    public DriverUnderTest {
        Objects.requireNonNull(moduleName, "moduleName");
        Objects.requireNonNull(model, "model: the card model the driver drives");
        Objects.requireNonNull(classLoader, "classLoader");
        params = Map.copyOf(params);
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        if (capabilities.contains(Capability.NAPI) && capabilities.contains(Capability.LEGACY_NETIF_RX)) {
            throw new IllegalArgumentException(moduleName + ": declare NAPI or LEGACY_NETIF_RX, not both");
        }
        if (capabilities.contains(Capability.ETHTOOL_RINGS) && (rxRingMax <= 0 || txRingMax <= 0)) {
            throw new IllegalArgumentException(moduleName + ": ETHTOOL_RINGS needs the declared maxima (ringMaxima(rx, tx))");
        }
    }

    /** A driver found by module name with {@link java.util.ServiceLoader}, as {@code modprobe} finds it. */
    public static Builder module(String name) {
        return new Builder(name, null);
    }

    /** A driver whose module the kit makes with {@code factory} (no ServiceLoader registration needed). */
    public static Builder module(String name, Supplier<? extends KernelModule> factory) {
        return new Builder(name, Objects.requireNonNull(factory, "factory"));
    }

    public boolean declares(Capability c) {
        return capabilities.contains(c);
    }

    /** The same driver with other capabilities (the kit's self-tests use it). */
    public DriverUnderTest withCapabilities(Set<Capability> caps) {
        return new DriverUnderTest(moduleName, module, classLoader, model, params, caps, rxRingMax, txRingMax);
    }

    /**
     * The same driver on another card model, with {@code moreParams} loaded over its parameters
     * (the CLI's {@code --machine FILE} takes both from a machine description).
     */
    public DriverUnderTest withModel(Supplier<? extends NicModel> otherModel, Map<String, String> moreParams) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(params);
        merged.putAll(moreParams);
        return new DriverUnderTest(moduleName, module, classLoader, otherModel, merged, capabilities, rxRingMax, txRingMax);
    }

    /** Builds a {@link DriverUnderTest}. */
    public static final class Builder {
        private final String name;
        private final Supplier<? extends KernelModule> module;
        private Supplier<? extends NicModel> model;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final EnumSet<Capability> caps = EnumSet.noneOf(Capability.class);
        private ClassLoader classLoader;
        private int rxRingMax;
        private int txRingMax;

        private Builder(String name, Supplier<? extends KernelModule> module) {
            this.name = name;
            this.module = module;
        }

        /** The card model the driver drives; a fresh one is made for every machine. */
        public Builder model(Supplier<? extends NicModel> model) {
            this.model = model;
            return this;
        }

        /** A module parameter, as {@code modprobe NAME key=value}. */
        public Builder param(String key, String value) {
            params.put(key, value);
            return this;
        }

        public Builder capabilities(Capability... declared) {
            caps.addAll(Arrays.asList(declared));
            return this;
        }

        /** The ring maxima {@code get_ringparam} must report (with {@link Capability#ETHTOOL_RINGS}). */
        public Builder ringMaxima(int rxMax, int txMax) {
            this.rxRingMax = rxMax;
            this.txRingMax = txMax;
            return this;
        }

        /** Where to discover the module; the thread's context class loader by default. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        public DriverUnderTest build() {
            ClassLoader cl = classLoader != null ? classLoader
                    : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                    : DriverUnderTest.class.getClassLoader();
            return new DriverUnderTest(name, module, cl, model, params, caps, rxRingMax, txRingMax);
        }
    }
}
