package io.jnetdev.conformance;

import io.jnetdev.conformance.kitnic.Breakage;
import io.jnetdev.conformance.kitnic.KitNicModule;
import io.jnetdev.hw.models.testnic.TestNic;

/**
 * The kit against its own test driver, in the variant {@link #breakage} names: the class
 * {@link KitSelfTest} runs through the JUnit Platform's {@code EngineTestKit} (not run by itself:
 * its name matches no surefire pattern).
 */
class KitNicSubject extends NetDriverConformance {
    /** The variant the next engine run checks (the engine runs on the calling thread). */
    static volatile Breakage breakage = Breakage.NONE;

    @Override
    protected DriverUnderTest driverUnderTest() {
        Breakage b = breakage;
        return DriverUnderTest.module("kitnic", () -> new KitNicModule(b)).model(TestNic::new)
                .capabilities(Capability.NAPI, Capability.MSIX, Capability.MSI, Capability.INTX, Capability.SHARED_INTX,
                        Capability.TX, Capability.TX_TIMEOUT, Capability.ETHTOOL_DRVINFO, Capability.ETHTOOL_RINGS)
                .ringMaxima(4096, 4096)
                .build();
    }
}
