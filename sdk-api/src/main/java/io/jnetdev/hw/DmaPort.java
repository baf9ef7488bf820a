package io.jnetdev.hw;

import java.lang.foreign.MemorySegment;

/**
 * A device's DMA into the machine's memory. Every access goes through the device's IOMMU view:
 * only memory the driver allocated or mapped for this device, within its DMA mask, and only while
 * bus mastering is on. Anything else throws {@link DmaFaultException}, is recorded in the kernel
 * log, and leaves memory untouched.
 */
public interface DmaPort {
    /** Copies {@code dst.byteSize()} bytes from bus address {@code busAddress} into {@code dst}. */
    void read(long busAddress, MemorySegment dst);

    /** Copies all of {@code src} to bus address {@code busAddress}. */
    void write(long busAddress, MemorySegment src);

    /**
     * Copies {@code length} bytes of {@code src} from {@code srcOffset} to bus address
     * {@code busAddress}: what {@code write(busAddress, src.asSlice(srcOffset, length))} does, without
     * a slice object per call (a model's receive path runs it once per frame).
     */
    default void write(long busAddress, MemorySegment src, long srcOffset, long length) {
        write(busAddress, src.asSlice(srcOffset, length));
    }

    int read32(long busAddress);

    void write32(long busAddress, int value);

    long read64(long busAddress);

    void write64(long busAddress, long value);

    /**
     * Writes two 64-bit words to {@code busAddress} and {@code busAddress + 8} as one 16-byte
     * access (a descriptor write-back): the IOMMU checks the 16 bytes once, and a fault leaves both
     * words unwritten. The default writes them one after the other.
     */
    default void write64Pair(long busAddress, long first, long second) {
        write64(busAddress, first);
        write64(busAddress + 8, second);
    }
}
