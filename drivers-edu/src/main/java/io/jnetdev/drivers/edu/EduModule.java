package io.jnetdev.drivers.edu;

import com.google.auto.service.AutoService;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import java.util.List;

/**
 * The {@code edu} kernel module: {@code module_init} registers {@link EduDriver}, {@code module_exit}
 * unregisters it. Found by {@link java.util.ServiceLoader} through {@code @AutoService}.
 */
@AutoService(KernelModule.class)
public final class EduModule implements KernelModule {
    static final String USE_MSI = "use_msi";

    private EduDriver driver;

    @Override
    public String name() {
        return "edu";
    }

    @Override
    public String description() {
        return "Driver for QEMU's edu teaching device (1234:11e8)";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public List<ModuleParam> parameters() {
        return List.of(ModuleParam.ofBool(USE_MSI, true, "Use MSI when the device offers it (else INTx)"));
    }

    @Override
    public void init(ModuleContext context) throws ErrnoException {
        driver = new EduDriver(context.boolParam(USE_MSI));
        context.pciRegisterDriver(driver);
    }

    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(driver);
    }
}
