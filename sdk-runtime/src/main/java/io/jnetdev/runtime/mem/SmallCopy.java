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
 *
 * <p>The two copies every received frame makes (the model's DMA into its
 * buffer, {@code IommuView.write}; the driver's copy into the skb, {@code SkbImpl.putData}) call
 * that form of {@code MemorySegment.copy} themselves instead of this method: {@code copy} is hot
 * from many places, so C2 compiles it on its own, and a method already compiled that big is not
 * inlined into its callers — each frame then paid two calls and the checks of a copy that does
 * not know its segments. {@code MemorySegment.copy} itself is always inlined.
 */
public final class SmallCopy {
    private SmallCopy() {
    }

    /** What {@code MemorySegment.copy(src, srcOffset, dst, dstOffset, bytes)} does, with one check of each segment. */
    public static void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long bytes) {
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, srcOffset, dst, ValueLayout.JAVA_BYTE, dstOffset, bytes);
    }
}
