package io.jnetdev.conformance.reference;

import io.jnetdev.conformance.Capability;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.hw.models.tulip.Tulip;

/**
 * The reference tulip driver on a 21143: NAPI with hardware mitigation and a shared INTx line; it
 * has no ring or coalescing knobs and no self-test. What {@code jnetdev conformance --module tulip}
 * and the kit's own {@code TulipConformanceTest} check.
 */
public final class TulipTarget implements ConformanceTarget {
    @Override
    public DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("tulip").model(() -> Tulip.dec21143(Tulip.DEFAULT_MAC))
                .capabilities(Capability.NAPI, Capability.INTX, Capability.SHARED_INTX, Capability.TX, Capability.TX_TIMEOUT,
                        Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS)
                .build();
    }
}
