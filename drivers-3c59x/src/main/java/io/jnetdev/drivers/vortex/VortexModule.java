package io.jnetdev.drivers.vortex;

import com.google.auto.service.AutoService;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import java.util.List;

/**
 * The {@code 3c59x} kernel module ({@code vortex_init} / {@code vortex_cleanup}): registers
 * {@link VortexDriver} with the PCI core. Parameters as in Linux: {@code max_interrupt_work}
 * (passes of the interrupt loop before the pending sources are deferred to the timer),
 * {@code rx_copybreak} (bus-master frames shorter than this are copied into a right-sized skb)
 * and {@code watchdog} (the transmit timeout in milliseconds).
 */
@AutoService(KernelModule.class)
public final class VortexModule implements KernelModule {
    /** {@code DRV_NAME}: the module and driver name. */
    public static final String DRV_NAME = "3c59x";
    static final String MAX_INTERRUPT_WORK = "max_interrupt_work";
    static final String RX_COPYBREAK = "rx_copybreak";
    static final String WATCHDOG = "watchdog";
    static final int DEFAULT_MAX_INTERRUPT_WORK = 32;
    static final int DEFAULT_RX_COPYBREAK = 200;
    static final int DEFAULT_WATCHDOG_MS = 5000;

    private VortexDriver driver;

    /** The module name {@code modprobe} and {@code lsmod} use. */
    @Override
    public String name() {
        return DRV_NAME;
    }

    /** {@code MODULE_DESCRIPTION}. */
    @Override
    public String description() {
        return "3Com 3c59x/3c9xx ethernet driver";
    }

    /** The last {@code DRV_VERSION} the Linux driver carried. */
    @Override
    public String version() {
        return "LK1.1.19";
    }

    /** The three {@code module_param}s, with Linux's defaults and descriptions. */
    @Override
    public List<ModuleParam> parameters() {
        return List.of(
                ModuleParam.ofInt(MAX_INTERRUPT_WORK, DEFAULT_MAX_INTERRUPT_WORK, 0, 1_000_000,
                        "3c59x maximum events handled per interrupt"),
                ModuleParam.ofInt(RX_COPYBREAK, DEFAULT_RX_COPYBREAK, 0, 1_000_000,
                        "3c59x copy breakpoint for copy-only-tiny-frames"),
                ModuleParam.ofInt(WATCHDOG, DEFAULT_WATCHDOG_MS, 0, 3_600_000,
                        "3c59x transmit timeout in milliseconds"));
    }

    /** {@code vortex_init}. */
    @Override
    public void init(ModuleContext context) throws ErrnoException {
        context.kernel().printk(LogLevel.INFO, DRV_NAME + ": Donald Becker and others.");
        driver = new VortexDriver((int) context.intParam(MAX_INTERRUPT_WORK), (int) context.intParam(RX_COPYBREAK),
                (int) context.intParam(WATCHDOG));
        context.pciRegisterDriver(driver);
    }

    /** {@code vortex_cleanup}. */
    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(driver);
    }
}
