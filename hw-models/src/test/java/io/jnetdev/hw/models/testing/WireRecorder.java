package io.jnetdev.hw.models.testing;

import io.jnetdev.hw.FrameSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** The far end of a card model's port in a register-level test: every frame the card sent, with its virtual time. */
public final class WireRecorder implements FrameSink {
    /** A frame as it left the card, and when (the context's virtual time). */
    public record Sent(byte[] bytes, long nanos) {}

    /** What the card sent, oldest first. */
    public final List<Sent> sent = new ArrayList<>();
    private final FakeDeviceContext ctx;

    public WireRecorder(FakeDeviceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void frame(MemorySegment frame, int length) {
        sent.add(new Sent(frame.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), ctx.nowNanos()));
    }
}
