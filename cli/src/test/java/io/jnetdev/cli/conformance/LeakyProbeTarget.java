package io.jnetdev.cli.conformance;

import io.jnetdev.conformance.Capability;
import io.jnetdev.conformance.ConformanceTarget;
import io.jnetdev.conformance.DriverUnderTest;
import io.jnetdev.hw.models.testnic.TestNic;

/** What the broken plugin's jar declares for the kit: its module, the test NIC, INTx only. */
public final class LeakyProbeTarget implements ConformanceTarget {
    @Override
    public DriverUnderTest driverUnderTest() {
        return DriverUnderTest.module(LeakyProbeModule.NAME).model(TestNic::new).capabilities(Capability.INTX).build();
    }
}
