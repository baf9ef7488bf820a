package io.jnetdev.hw.wire;

import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The far end of a wire that only counts: frames and bytes received, and a copy of the last frame
 * (up to {@value #KEEP} bytes) so a test can look at what arrived; damaged frames
 * ({@link #erroredFrame}) are counted apart, per {@link FrameError}, and not kept. Allocates nothing
 * per frame.
 */
public final class CountingSink implements FrameSink {
    /** Bytes of the last frame kept. */
    public static final int KEEP = 2048;

    private final byte[] last = new byte[KEEP];
    private final MemorySegment lastSegment = MemorySegment.ofArray(last);
    private long frames;
    private long bytes;
    private int lastLength;
    private final long[] errored = new long[FrameError.values().length];
    private long erroredBytes;

    @Override
    public void frame(MemorySegment frame, int length) {
        frames++;
        bytes += length;
        lastLength = length;
        MemorySegment.copy(frame, 0, lastSegment, 0, Math.min(length, KEEP));
    }

    /** Counts a damaged frame under its error; it is not a received frame and does not replace the last one. */
    @Override
    public void erroredFrame(MemorySegment frame, int length, FrameError error) {
        errored[error.ordinal()]++;
        erroredBytes += length;
    }

    /** Good frames received (through {@link #frame}; runts and oversize frames included, as they come that way). */
    public long frames() {
        return frames;
    }

    /** Damaged frames received, all errors. */
    public long erroredFrames() {
        long n = 0;
        for (long e : errored) {
            n += e;
        }
        return n;
    }

    /** Damaged frames received with {@code error}. */
    public long erroredFrames(FrameError error) {
        return errored[error.ordinal()];
    }

    /** Bytes of the damaged frames received (without FCS). */
    public long erroredBytes() {
        return erroredBytes;
    }

    /** Bytes received through {@link #frame} (frames without FCS). */
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
        java.util.Arrays.fill(errored, 0);
        erroredBytes = 0;
    }
}
