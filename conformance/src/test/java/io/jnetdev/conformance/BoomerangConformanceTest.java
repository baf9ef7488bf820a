package io.jnetdev.conformance;

import io.jnetdev.conformance.reference.BoomerangTarget;

/** The reference 3c59x driver passes the whole kit on a 3c905C (its declaration is {@link BoomerangTarget}). */
class BoomerangConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return new BoomerangTarget().driverUnderTest();
    }
}
