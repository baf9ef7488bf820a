package io.jnetdev.conformance;

import io.jnetdev.hw.models.e1000e.E1000e;

/** The reference driver passes the whole kit: what a plugin author writes, in full. */
class E1000eConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("e1000e").model(E1000e::new)
                .capabilities(Capability.NAPI, Capability.MSIX, Capability.MSI, Capability.INTX, Capability.SHARED_INTX,
                        Capability.TX, Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_RINGS, Capability.ETHTOOL_COALESCE,
                        Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS, Capability.ETHTOOL_SELF_TEST)
                .ringMaxima(4096, 4096)
                .build();
    }
}
