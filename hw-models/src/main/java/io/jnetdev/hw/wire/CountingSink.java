package io.jnetdev.hw.wire;

import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The far end of a wire that only counts: frames and bytes received, and a copy of the last frame
 * (up to {@value #KEEP} bytes) so a test can look at what arrived. Allocates nothing per frame.
 */
public final class CountingSink implements FrameSink {
    /** Bytes of the last frame kept. */
    public static final int KEEP = 2048;

    private final byte[] last = new byte[KEEP];
    private final MemorySegment lastSegment = MemorySegment.ofArray(last);
    private long frames;
    private long bytes;
    private int lastLength;

    @Override
    public void frame(MemorySegment frame, int length) {
        frames++;
        bytes += length;
        lastLength = length;
        MemorySegment.copy(frame, 0, lastSegment, 0, Math.min(length, KEEP));
    }

    /** Frames received. */
    public long frames() {
        return frames;
    }

    /** Bytes received (frames without FCS). */
    public long bytes() {
        return bytes;
    }

    /** Length of the last frame, 0 before the first. */
    public int lastLength() {
        return lastLength;
    }

    /** A copy of the last frame (at most {@value #KEEP} bytes). */
    public byte[] lastFrame() {
        return java.util.Arrays.copyOf(last, Math.min(lastLength, KEEP));
    }

    /** Byte {@code i} of the last frame. */
    public int lastByte(int i) {
        return last[i] & 0xFF;
    }

    /** The 64-bit big-endian value at {@code offset} of the last frame (a generator's sequence number). */
    public long lastLong(int offset) {
        return lastSegment.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), offset);
    }

    /** Forgets everything counted. */
    public void reset() {
        frames = 0;
        bytes = 0;
        lastLength = 0;
    }
}
