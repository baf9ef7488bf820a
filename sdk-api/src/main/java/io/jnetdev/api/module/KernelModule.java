package io.jnetdev.api.module;

import io.jnetdev.api.ErrnoException;
import java.util.List;

/**
 * A loadable kernel module: the unit {@code modprobe} loads and {@code rmmod} unloads.
 *
 * <p>A plugin registers its implementation for {@link java.util.ServiceLoader}, normally with
 * {@code @AutoService(KernelModule.class)}. {@link #init} mirrors the function named in
 * {@code module_init()} — typically it registers a PCI driver — and {@link #exit} mirrors
 * {@code module_exit()}, which must undo everything init did.
 *
 * <p>The runtime creates one instance per load, so instance fields are the module's globals.
 */
public interface KernelModule {

    /** The module name as {@code lsmod} shows it, e.g. {@code "e1000e"}. Letters, digits, '_' and '-'. */
    String name();

    /** One line for {@code modinfo}. */
    default String description() {
        return "";
    }

    /** Module version for {@code modinfo} and ethtool's driver info. */
    default String version() {
        return "0.0";
    }

    /** The parameters {@code modprobe NAME key=value} accepts, with their defaults ({@code module_param}). */
    default List<ModuleParam> parameters() {
        return List.of();
    }

    /** {@code module_init}: called once after the module is loaded, with its parameters set. A thrown
     *  exception fails the load; the runtime then unregisters whatever the module left registered. */
    void init(ModuleContext context) throws ErrnoException;

    /** {@code module_exit}: called at {@code rmmod}; must unregister what {@link #init} registered. */
    void exit(ModuleContext context);
}
