package io.jnetdev.drivers.tulip;

import com.google.auto.service.AutoService;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import java.util.List;

/**
 * The {@code tulip} kernel module ({@code tulip_init} / {@code tulip_cleanup} in Linux's
 * {@code tulip_core.c}): copies the parameters and registers {@link TulipDriver}.
 * {@code max_interrupt_work} (25) bounds the handler's loop, {@code rx_copybreak} (100, the x86
 * value) is accepted and reported. {@code hw_mitigation} (1) stands in for the build option
 * {@code CONFIG_TULIP_NAPI_HW_MITIGATION}, which Linux decides when the kernel is configured: with 0
 * the poll never switches the 21143's CSR11 receive mitigation on, as a kernel built without the
 * option does.
 */
@AutoService(KernelModule.class)
public final class TulipModule implements KernelModule {
    /** {@code DRV_NAME}. */
    public static final String DRV_NAME = "tulip";
    static final String MAX_INTERRUPT_WORK = "max_interrupt_work";
    static final String RX_COPYBREAK = "rx_copybreak";
    /** Not a Linux module parameter: the Kconfig option {@code CONFIG_TULIP_NAPI_HW_MITIGATION}, on by default here. */
    static final String HW_MITIGATION = "hw_mitigation";
    static final int DEFAULT_MAX_INTERRUPT_WORK = 25;
    static final int DEFAULT_RX_COPYBREAK = 100;

    private TulipDriver driver;

    @Override
    public String name() {
        return DRV_NAME;
    }

    @Override
    public String description() {
        return "Digital 21*4* Tulip ethernet driver";
    }

    @Override
    public String version() {
        return TulipEthtool.DRV_VERSION;
    }

    @Override
    public List<ModuleParam> parameters() {
        return List.of(
                ModuleParam.ofInt(MAX_INTERRUPT_WORK, DEFAULT_MAX_INTERRUPT_WORK, 1, Integer.MAX_VALUE,
                        "Maximum events handled per interrupt"),
                ModuleParam.ofInt(RX_COPYBREAK, DEFAULT_RX_COPYBREAK, 0, Integer.MAX_VALUE,
                        "Maximum size of packet that is copied to a new buffer on receive"),
                ModuleParam.ofInt(HW_MITIGATION, 1, 0, 1,
                        "CONFIG_TULIP_NAPI_HW_MITIGATION: 1 switches the 21143's receive interrupt mitigation on under load, 0 never"));
    }

    /** {@code tulip_init}. */
    @Override
    public void init(ModuleContext context) throws ErrnoException {
        context.kernel().printk(LogLevel.INFO, "tulip: Linux Tulip driver version " + TulipEthtool.DRV_VERSION
                + " (Feb 27, 2007)");
        driver = new TulipDriver((int) context.intParam(MAX_INTERRUPT_WORK), (int) context.intParam(RX_COPYBREAK),
                context.intParam(HW_MITIGATION) != 0);
        context.pciRegisterDriver(driver);
    }

    /** {@code tulip_cleanup}. */
    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(driver);
    }
}
