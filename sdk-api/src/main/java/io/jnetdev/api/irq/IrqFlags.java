package io.jnetdev.api.irq;

/** Flags for {@code requestIrq}, with Linux's bit values ({@code include/linux/interrupt.h}). */
public final class IrqFlags {
    /** Allow the line to be shared between devices; the dev id must then be non-null. */
    public static final int SHARED = 0x0000_0080;
    /** Keep the line masked after the threaded handler until it finished. */
    public static final int ONESHOT = 0x0000_2000;
    /** Do not enable the line at request time. Invalid together with {@link #SHARED}. */
    public static final int NO_AUTOEN = 0x0008_0000;

    private IrqFlags() {}
}
