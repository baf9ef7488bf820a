package io.jnetdev.drivers.testnic;

import com.google.auto.service.AutoService;
import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import java.util.List;

/**
 * The {@code testnic} kernel module: {@code module_init} registers {@link TestNicDriver},
 * {@code module_exit} unregisters it. Found by {@link java.util.ServiceLoader} through {@code @AutoService}.
 */
@AutoService(KernelModule.class)
public final class TestNicModule implements KernelModule {
    /** e1000e's {@code IntMode}: 0 legacy INTx, 1 MSI, 2 MSI-X (each falling back to the ones below it). */
    static final String INT_MODE = "int_mode";
    static final String RX_RING = "rx_ring";
    static final String TX_RING = "tx_ring";
    /** 1: NAPI (the default); 0: the classic pre-NAPI receive, every frame handed to {@code netif_rx} from the handler. */
    static final String NAPI = "napi";

    private TestNicDriver driver;

    @Override
    public String name() {
        return "testnic";
    }

    @Override
    public String description() {
        return "Driver for the jnetdev test NIC (1b36:00f0)";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public List<ModuleParam> parameters() {
        return List.of(
                ModuleParam.ofInt(INT_MODE, 2, 0, 2, "Interrupt mode: 0 INTx, 1 MSI, 2 MSI-X (falls back MSI-X -> MSI -> INTx)"),
                ModuleParam.ofInt(RX_RING, 256, Tnic.RING_MULTIPLE, 4096, "Receive descriptors, a multiple of 8"),
                ModuleParam.ofInt(TX_RING, 256, Tnic.RING_MULTIPLE, 4096, "Transmit descriptors, a multiple of 8"),
                ModuleParam.ofInt(NAPI, 1, 0, 1,
                        "Receive with NAPI (1) or, as drivers did before NAPI, from the interrupt handler through netif_rx (0)"));
    }

    @Override
    public void init(ModuleContext context) throws ErrnoException {
        int rx = (int) context.intParam(RX_RING);
        int tx = (int) context.intParam(TX_RING);
        if (rx % Tnic.RING_MULTIPLE != 0 || tx % Tnic.RING_MULTIPLE != 0) {
            throw new ErrnoException(Errno.EINVAL, "testnic: rx_ring=" + rx + " tx_ring=" + tx
                    + ": ring sizes must be multiples of " + Tnic.RING_MULTIPLE);
        }
        driver = new TestNicDriver((int) context.intParam(INT_MODE), rx, tx, context.intParam(NAPI) != 0);
        context.pciRegisterDriver(driver);
    }

    @Override
    public void exit(ModuleContext context) {
        context.pciUnregisterDriver(driver);
    }
}
