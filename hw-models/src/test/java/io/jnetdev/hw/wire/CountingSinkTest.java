package io.jnetdev.hw.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.FrameError;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The counting sink: good frames and damaged frames are counted apart, damaged ones per error. */
class CountingSinkTest {

    @Test
    void damagedFramesAreCountedPerErrorAndNotAsReceivedFrames() {
        CountingSink sink = new CountingSink();
        MemorySegment f = MemorySegment.ofArray(new byte[100]);
        f.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 7);
        sink.frame(f, 100);
        f.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 9);
        sink.erroredFrame(f, 64, FrameError.FCS);
        sink.erroredFrame(f, 64, FrameError.FCS);
        sink.erroredFrame(f, 70, FrameError.SYMBOL);
        assertThat(sink.frames()).isEqualTo(1);
        assertThat(sink.bytes()).isEqualTo(100);
        assertThat(sink.erroredFrames(FrameError.FCS)).isEqualTo(2);
        assertThat(sink.erroredFrames(FrameError.SYMBOL)).isEqualTo(1);
        assertThat(sink.erroredFrames(FrameError.ALIGNMENT)).isZero();
        assertThat(sink.erroredFrames()).isEqualTo(3);
        assertThat(sink.erroredBytes()).isEqualTo(64 + 64 + 70);
        assertThat(sink.lastLength()).as("a damaged frame does not replace the last good one").isEqualTo(100);
        assertThat(sink.lastByte(0)).isEqualTo(7);

        sink.reset();
        assertThat(sink.erroredFrames()).isZero();
        assertThat(sink.erroredBytes()).isZero();
        assertThat(sink.frames()).isZero();
    }
}
