package io.jnetdev.drivers.edu;

/**
 * The edu registers as this driver knows them, from QEMU's {@code docs/specs/edu.rst}. The driver
 * has its own copy: it must not depend on the model, and a model and its driver must be able to disagree.
 */
final class Edu {
    static final int VENDOR = 0x1234;
    static final int DEVICE = 0x11E8;

    static final int ID = 0x00;
    static final int LIVENESS = 0x04;
    static final int STATUS = 0x20;
    static final int IRQ_STATUS = 0x24;
    static final int IRQ_RAISE = 0x60;
    static final int IRQ_ACK = 0x64;

    /** The value the probe raises to check that interrupts arrive. */
    static final int SELFTEST_IRQ = 0x8000_0000;
    /** edu can address 28 bits of DMA. */
    static final int DMA_BITS = 28;

    private Edu() {}
}
