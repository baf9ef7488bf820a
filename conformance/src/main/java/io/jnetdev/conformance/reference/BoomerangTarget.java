package io.jnetdev.conformance.reference;

import io.jnetdev.conformance.Capability;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.hw.models.vortex.Vortex;

/**
 * The reference 3c59x driver on a 3c905C: the old netif_rx interface, upload and download lists, a shared INTx line; no ring or coalescing knobs, no self-test.
 * What the kit's own {@code BoomerangConformanceTest} checks; the command line takes one target per
 * module name, the 3c595's ({@link VortexTarget}).
 */
public final class BoomerangTarget implements ConformanceTarget {
    @Override
    public DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("3c59x").model(() -> Vortex.c3c905c(Vortex.DEFAULT_MAC))
                .capabilities(Capability.LEGACY_NETIF_RX, Capability.INTX, Capability.SHARED_INTX, Capability.TX, Capability.TX_TIMEOUT,
                        Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS)
                .build();
    }
}
