package io.jnetdev.conformance;

import io.jnetdev.hw.models.vortex.Vortex;

/** The 3c59x reference driver on a 3c905C: the old netif_rx interface, upload and download lists, a shared INTx line. */
class BoomerangConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("3c59x").model(() -> Vortex.c3c905c(Vortex.DEFAULT_MAC))
                .capabilities(Capability.LEGACY_NETIF_RX, Capability.INTX, Capability.SHARED_INTX, Capability.TX,
                        Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS)
                .build();
    }
}
