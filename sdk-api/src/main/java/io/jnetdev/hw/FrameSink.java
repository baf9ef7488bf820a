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
}
