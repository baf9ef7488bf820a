package io.jnetdev.conformance.reference;

import io.jnetdev.conformance.Capability;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.hw.models.e1000e.E1000e;

/**
 * The reference e1000e driver on the 82574L model: what {@code jnetdev conformance --module e1000e}
 * and the kit's own {@code E1000eConformanceTest} check. Another driver joins with a class like
 * this one and a line in {@code META-INF/services/io.jnetdev.conformance.ConformanceTarget}.
 */
public final class E1000eTarget implements ConformanceTarget {
    @Override
    public DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("e1000e").model(E1000e::new)
                .capabilities(Capability.NAPI, Capability.MSIX, Capability.MSI, Capability.INTX, Capability.SHARED_INTX,
                        Capability.TX, Capability.TX_TIMEOUT, Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_RINGS, Capability.ETHTOOL_COALESCE,
                        Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS, Capability.ETHTOOL_SELF_TEST)
                .ringMaxima(4096, 4096)
                .build();
    }
}
