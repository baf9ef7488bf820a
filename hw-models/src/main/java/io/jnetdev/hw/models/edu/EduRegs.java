package io.jnetdev.hw.models.edu;

/**
 * Register map of QEMU's {@code edu} teaching device (QEMU {@code docs/specs/edu.rst},
 * {@code hw/misc/edu.c}), shared by the model and, as plain numbers, by its driver.
 */
public final class EduRegs {
    public static final int VENDOR_ID = 0x1234;
    public static final int DEVICE_ID = 0x11E8;
    public static final int REVISION = 0x10;
    /** {@code PCI_CLASS_OTHERS}: base class 0x00, subclass 0xff. */
    public static final int CLASS_CODE = 0x00FF00;
    /** QEMU's default subsystem IDs for its own devices. */
    public static final int SUBSYSTEM_VENDOR_ID = 0x1AF4;
    public static final int SUBSYSTEM_ID = 0x1100;
    /** BAR0 is 1 MiB of MMIO. */
    public static final long BAR0_SIZE = 1L << 20;

    public static final int ID = 0x00;
    public static final int LIVENESS = 0x04;
    public static final int FACTORIAL = 0x08;
    public static final int STATUS = 0x20;
    public static final int IRQ_STATUS = 0x24;
    public static final int IRQ_RAISE = 0x60;
    public static final int IRQ_ACK = 0x64;
    public static final int DMA_SRC = 0x80;
    public static final int DMA_DST = 0x88;
    public static final int DMA_COUNT = 0x90;
    public static final int DMA_CMD = 0x98;

    /** Identification value: major 1, minor 0, in the form 0xRRrr00ed. */
    public static final int ID_VALUE = 0x010000ED;

    public static final int STATUS_COMPUTING = 0x01;
    public static final int STATUS_IRQFACT = 0x80;

    public static final int DMA_START = 0x1;
    public static final int DMA_FROM_DEVICE = 0x2;
    public static final int DMA_IRQ = 0x4;

    /** Interrupt status value raised when a factorial finishes. */
    public static final int FACT_IRQ = 0x001;
    /** Interrupt status value raised when a DMA finishes with {@link #DMA_IRQ}. */
    public static final int DMA_DONE_IRQ = 0x100;

    /** The device-side DMA buffer: 4 KiB at device address 0x40000. */
    public static final long DMA_BUFFER_START = 0x40000;
    public static final int DMA_BUFFER_SIZE = 4096;

    private EduRegs() {}
}
