package io.jnetdev.conformance;

import io.jnetdev.conformance.reference.TulipTarget;

/** The reference tulip driver passes the whole kit (its declaration is {@link TulipTarget}). */
class TulipConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return new TulipTarget().driverUnderTest();
    }
}
