package io.jnetdev.runtime.mem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies of a frame's size between segments (a DMA write of a received frame, an skb filled from
 * a DMA buffer). {@link MemorySegment#copy(MemorySegment, long, MemorySegment, long, long)} copies
 * anything under 64 bytes word by word and checks both segments' sessions for every word; when
 * heap and native segments both reach it (frames from the wire, DMA memory) the JIT cannot keep
 * those checks out of the loop, and a 60-byte frame then costs more than the rest of its trip
 * through the core. The element-layout form of {@code copy} checks once and makes one native
 * copy, with the same bounds, read-only and overlap semantics.
 */
public final class SmallCopy {
    private SmallCopy() {
    }

    /** What {@code MemorySegment.copy(src, srcOffset, dst, dstOffset, bytes)} does, with one check of each segment. */
    public static void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long bytes) {
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, srcOffset, dst, ValueLayout.JAVA_BYTE, dstOffset, bytes);
    }
}
