package io.jnetdev.conformance;

import io.jnetdev.hw.models.tulip.Tulip;

/** The tulip reference driver on a 21143: NAPI with hardware mitigation, a shared INTx line, no rings or coalescing knobs. */
class TulipConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("tulip").model(() -> Tulip.dec21143(Tulip.DEFAULT_MAC))
                .capabilities(Capability.NAPI, Capability.INTX, Capability.SHARED_INTX, Capability.TX,
                        Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS)
                .build();
    }
}
