package io.jnetdev.conformance;

/**
 * What the kit checks for one driver module, for runs that cannot write a test class: the command
 * line ({@code jnetdev conformance --module NAME} or {@code --jar PATH}) finds these with
 * {@link java.util.ServiceLoader} and runs the kit against the {@link DriverUnderTest} of the one
 * whose {@link DriverUnderTest#moduleName() module} was asked for.
 *
 * <p>A driver plugin ships one in its jar beside its {@code KernelModule}, registered in
 * {@code META-INF/services/io.jnetdev.conformance.ConformanceTarget} (or with
 * {@code @AutoService(ConformanceTarget.class)}):
 *
 * <pre>{@code
 * public final class MyNicTarget implements ConformanceTarget {
 *     @Override
 *     public DriverUnderTest driverUnderTest() {
 *         return DriverUnderTest.module("mynic").model(MyNicModel::new)
 *                 .capabilities(Capability.NAPI, Capability.MSI, Capability.INTX, Capability.TX)
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>It says the same as the {@link NetDriverConformance#driverUnderTest()} of a test class; a
 * plugin with both can return {@code new MyNicTarget().driverUnderTest()} from its test class.
 * The command line calls it with the plugin's class loader as the thread's context class loader,
 * so a module found by name is looked up in the plugin jar.
 */
public interface ConformanceTarget {

    /** The driver to check: module name, card model, parameters, declared capabilities. */
    DriverUnderTest driverUnderTest();
}
