package io.jnetdev.conformance;

import io.jnetdev.conformance.reference.VortexTarget;

/** The reference 3c59x driver passes the whole kit on a 3c595 Vortex (its declaration is {@link VortexTarget}). */
class VortexConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return new VortexTarget().driverUnderTest();
    }
}
