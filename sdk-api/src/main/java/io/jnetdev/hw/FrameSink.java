package io.jnetdev.hw;

import java.lang.foreign.MemorySegment;

/**
 * Where Ethernet frames go: a device's receive side, a wire, a counter. Frames are handed over
 * without the FCS, as the MAC passes them on after checking it.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * One frame: the first {@code length} bytes of {@code frame}. The segment belongs to the
     * caller and is reused for the next frame, so the receiver copies what it needs before it
     * returns. Called on the machine's thread; must not block.
     */
    void frame(MemorySegment frame, int length);

    /**
     * A frame that arrived damaged ({@code error}): the first {@code length} bytes of {@code frame}
     * as they came off the wire, FCS excluded. Ownership as for {@link #frame}. A MAC counts it and
     * never passes it on as a good frame; a sink that does not care about damaged frames ignores it,
     * which is the default.
     */
    default void erroredFrame(MemorySegment frame, int length, FrameError error) {}
}
