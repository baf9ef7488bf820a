package io.jnetdev.runtime.trace.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One step of the driver core's call chain as {@code trace probe} shows it
 * ({@link io.jnetdev.runtime.base.ProbeTrace}): Linux has no tracepoint here, so the step carries
 * the function it mirrors ({@code really_probe}, {@code driver_bound}, ...). A step with children
 * is committed when it returns, after them, with its outcome.
 */
@Name("jnetdev.probe")
@Label("Probe Step")
@Category({"jnetdev", "probe"})
@Description("One step of the driver core's probe and remove call chain, named as the Linux function it mirrors")
@StackTrace(false)
final class ProbeStepEvent extends Event {
    @Label("Virtual Time (ns)")
    @Description("The machine's virtual time when the step began, in nanoseconds since boot")
    long virtualTime;

    @Label("Depth")
    @Description("Call depth, 0 for the outermost step")
    int depth;

    @Label("Step")
    @Description("The Linux function the step mirrors, e.g. really_probe")
    String step;

    @Label("Device")
    @Description("The device concerned, e.g. 0000:00:04.0, if any")
    String device;

    @Label("Driver")
    @Description("The driver concerned, e.g. e1000e, if any")
    String driver;

    @Label("Result")
    @Description("The step's outcome or detail, empty when it has none")
    String result;
}
