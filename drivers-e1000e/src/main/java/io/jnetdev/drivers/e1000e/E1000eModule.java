package io.jnetdev.drivers.e1000e;

import com.google.auto.service.AutoService;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import java.util.List;

/**
 * The {@code e1000e} kernel module ({@code e1000_init_module} / {@code e1000_exit_module}):
 * registers {@link E1000eDriver} with the PCI core. The parameters accept any integer, as Linux's
 * do; {@link E1000eParam#checkOptions} reports invalid values at probe and uses the defaults.
 */
@AutoService(KernelModule.class)
public final class E1000eModule implements KernelModule {
    /** {@code e1000e_driver_name}. */
    public static final String DRIVER_NAME = "e1000e";
    /** {@code e1000e_driver_version} of the last kernels that had one. */
    public static final String DRIVER_VERSION = "3.2.6-k";
    static final String INTERRUPT_THROTTLE_RATE = "InterruptThrottleRate";
    static final String INT_MODE = "IntMode";
    static final String COPYBREAK = "copybreak";

    private E1000eDriver driver;

    @Override
    public String name() {
        return DRIVER_NAME;
    }

    @Override
    public String description() {
        return "Intel(R) PRO/1000 Network Driver";
    }

    @Override
    public String version() {
        return DRIVER_VERSION;
    }

    @Override
    public List<ModuleParam> parameters() {
        return List.of(
                ModuleParam.ofInt(INTERRUPT_THROTTLE_RATE, E1000eParam.DEFAULT_ITR, Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "Interrupt Throttling Rate"),
                ModuleParam.ofInt(INT_MODE, E1000eParam.INT_MODE_MSIX, Integer.MIN_VALUE, Integer.MAX_VALUE, "Interrupt Mode"),
                ModuleParam.ofInt(COPYBREAK, 256, 0, Integer.MAX_VALUE,
                        "Maximum size of packet that is copied to a new buffer on receive"));
    }

    /** {@code e1000_init_module}. */
    @Override
    public void init(ModuleContext context) throws ErrnoException {
        context.kernel().printk(LogLevel.INFO, "e1000e: Intel(R) PRO/1000 Network Driver");
        context.kernel().printk(LogLevel.INFO, "e1000e: Copyright(c) 1999 - 2015 Intel Corporation.");
        driver = new E1000eDriver(context.intParam(INTERRUPT_THROTTLE_RATE), context.intParam(INT_MODE),
                (int) context.intParam(COPYBREAK));
        context.pciRegisterDriver(driver);
    }

    /** {@code e1000_exit_module}. */
    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(driver);
    }
}
