package io.jnetdev.conformance.reference;

import io.jnetdev.conformance.Capability;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.hw.models.vortex.Vortex;

/**
 * The reference 3c59x driver on a 3c595 Vortex: the old netif_rx interface, programmed I/O, a shared INTx line; no ring or coalescing knobs, no self-test.
 * What {@code jnetdev conformance --module 3c59x} and the kit's own {@code VortexConformanceTest} check.
 * It does not declare {@link Capability#TX_TIMEOUT}: the 3c595 has no DMA for the kit to stall (its
 * transmitter is stalled by the FIFO, not by the bus), so NDO-TX-TIMEOUT is skipped with that reason.
 */
public final class VortexTarget implements ConformanceTarget {
    @Override
    public DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module("3c59x").model(() -> Vortex.c3c595(Vortex.DEFAULT_MAC))
                .capabilities(Capability.LEGACY_NETIF_RX, Capability.INTX, Capability.SHARED_INTX, Capability.TX,
                        Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_STATS, Capability.ETHTOOL_REGS)
                .build();
    }
}
