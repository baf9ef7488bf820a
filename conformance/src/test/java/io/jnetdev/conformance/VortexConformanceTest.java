package io.jnetdev.conformance;

import io.jnetdev.hw.models.vortex.Vortex;

/** The 3c59x reference driver on a 3c595 Vortex: the old netif_rx interface, programmed I/O, a shared INTx line. */
class VortexConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("3c59x").model(() -> Vortex.c3c595(Vortex.DEFAULT_MAC))
                .capabilities(Capability.LEGACY_NETIF_RX, Capability.INTX, Capability.SHARED_INTX, Capability.TX,
                        Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS)
                .build();
    }
}
