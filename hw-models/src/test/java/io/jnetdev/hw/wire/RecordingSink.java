package io.jnetdev.hw.wire;

import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Records every frame: arrival time, length, error (null for a good one), and the bytes of the first {@link #KEEP}. */
final class RecordingSink implements FrameSink {
    static final int KEEP = 64;
    final ManualWire wire;
    final List<Long> times = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    final List<FrameError> errors = new ArrayList<>();
    final List<byte[]> firstFrames = new ArrayList<>();

    RecordingSink(ManualWire wire) {
        this.wire = wire;
    }

    @Override
    public void frame(MemorySegment frame, int length) {
        record(frame, length, null);
    }

    @Override
    public void erroredFrame(MemorySegment frame, int length, FrameError error) {
        record(frame, length, error);
    }

    private void record(MemorySegment frame, int length, FrameError error) {
        times.add(wire.now);
        lengths.add(length);
        errors.add(error);
        if (firstFrames.size() < KEEP) {
            firstFrames.add(frame.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    int size() {
        return times.size();
    }

    long time(int i) {
        return times.get(i);
    }

    int length(int i) {
        return lengths.get(i);
    }
}
