package io.jnetdev.conformance;

import io.jnetdev.conformance.reference.E1000eTarget;

/** The reference e1000e driver passes the whole kit (its declaration is {@link E1000eTarget}). */
class E1000eConformanceTest extends NetDriverConformance {
    @Override
    protected DriverUnderTest driverUnderTest() {
        return new E1000eTarget().driverUnderTest();
    }
}
