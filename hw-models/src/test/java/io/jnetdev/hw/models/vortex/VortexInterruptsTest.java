package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Status bits, the two enable masks, IntLatch, AckIntr and FakeIntr (B.3), and the INTx pin. */
class VortexInterruptsTest {
    /** Linux's Boomerang status_enable and intr_enable words (B.3). */
    static final int BOOM_STATUS_ENB = 0x7EC6;
    static final int BOOM_INTR_ENB = 0x76CF;
    /** Linux's Vortex PIO words. */
    static final int VORTEX_STATUS_ENB = 0x78DE;
    static final int VORTEX_INTR_ENB = 0x76DF;

    @Test
    void fakeIntrRaisesIntReqAndLatchesAndAckIntrClearsBoth() {
        VortexBench b = VortexBench.tornado();
        b.up(BOOM_STATUS_ENB, BOOM_INTR_ENB);
        assertThat(b.ctx.intx).isFalse();
        b.cmd(FakeIntr);
        assertThat(b.status() & 0x7FF).as("B.2 FakeIntr → IntReq, latched").isEqualTo(IntLatch | IntReq);
        assertThat(b.ctx.intx).as("the pin follows IntLatch").isTrue();
        b.cmd(AckIntr | IntReq | IntLatch);
        assertThat(b.status() & 0x7FF).isZero();
        assertThat(b.ctx.intx).isFalse();
        assertThat(b.nic.intxAssertions()).isEqualTo(1);
    }

    @Test
    void theStatusEnableMaskHidesCausesFromStatusAndFromTheLatch() {
        VortexBench b = VortexBench.tornado();
        b.cmd(SetIntrEnb | BOOM_INTR_ENB);
        b.cmd(SetStatusEnb | 0);
        b.cmd(FakeIntr);
        assertThat(b.status() & 0x7FF).as("IntReq hidden: not visible, not latched").isZero();
        assertThat(b.ctx.intx).isFalse();
        b.cmd(SetStatusEnb | BOOM_STATUS_ENB);
        assertThat(b.status() & 0x7FF).as("made visible: now it latches").isEqualTo(IntLatch | IntReq);
        assertThat(b.ctx.intx).isTrue();
    }

    @Test
    void theInterruptEnableMaskGatesTheLatchButNotTheStatus() {
        VortexBench b = VortexBench.tornado();
        b.cmd(SetStatusEnb | BOOM_STATUS_ENB);
        b.cmd(SetIntrEnb | 0);
        b.cmd(FakeIntr);
        assertThat(b.status() & 0x7FF).as("visible, not latched").isEqualTo(IntReq);
        assertThat(b.ctx.intx).isFalse();
        b.cmd(SetIntrEnb | BOOM_INTR_ENB);
        assertThat(b.status() & IntLatch).isEqualTo(IntLatch);
        assertThat(b.ctx.intx).isTrue();
        b.cmd(SetIntrEnb | 0);
        assertThat(b.ctx.intx).as("vortex_down's SetIntrEnb 0 drops the line").isFalse();
        assertThat(b.status() & IntLatch).as("the latch itself stays until acknowledged").isEqualTo(IntLatch);
    }

    @Test
    void aConditionStaysAfterAckIntrAndRelatchesUntilItGoesAway() {
        VortexBench b = VortexBench.vortex();
        b.up(VORTEX_STATUS_ENB, VORTEX_INTR_ENB);
        b.offer(VortexBench.frame(VortexBench.MAC, 64));
        assertThat(b.status() & (IntLatch | RxComplete)).isEqualTo(IntLatch | RxComplete);
        b.cmd(AckIntr | 0x7FF);
        assertThat(b.status() & (IntLatch | RxComplete)).as("RxComplete is not acknowledgeable; it relatches")
                .isEqualTo(IntLatch | RxComplete);
        assertThat(b.ctx.intx).isTrue();
        b.pioReceive();
        assertThat(b.status() & RxComplete).as("gone once the FIFO is empty").isZero();
        b.cmd(AckIntr | IntLatch);
        assertThat(b.ctx.intx).isFalse();
    }

    @Test
    void linuxTooMuchWorkLoopHidesTheDeferredSourcesAndTheLatchClears() {
        VortexBench b = VortexBench.vortex();
        b.up(VORTEX_STATUS_ENB, VORTEX_INTR_ENB);
        b.offer(VortexBench.frame(VortexBench.MAC, 64));
        int deferred = 0;
        int status = b.status();
        int rounds = 0;
        // _vortex_interrupt's overflow path: hide what is pending, acknowledge it, until IntLatch clears
        do {
            deferred |= status;
            b.cmd(SetStatusEnb | (~deferred & VORTEX_STATUS_ENB));
            b.cmd(AckIntr | (deferred & 0x7FF));
            rounds++;
        } while (((status = b.status()) & IntLatch) != 0 && rounds < 10);
        assertThat(rounds).as("the loop ends").isEqualTo(1);
        assertThat(b.ctx.intx).isFalse();
        // vortex_timer's FakeIntr: IntReq is still enabled, so it comes through; the handler restores the masks
        b.cmd(FakeIntr);
        assertThat(b.ctx.intx).isTrue();
        b.cmd(SetStatusEnb | VORTEX_STATUS_ENB);
        b.cmd(SetIntrEnb | VORTEX_INTR_ENB);
        assertThat(b.status() & RxComplete).as("the deferred frame is visible again").isEqualTo(RxComplete);
    }

    @Test
    void eventsArrivingWhileTheHandlerRunsAreNotLost() {
        VortexBench b = VortexBench.tornado();
        b.up(BOOM_STATUS_ENB, BOOM_INTR_ENB);
        b.updRing(4);
        b.offer(VortexBench.frame(VortexBench.MAC, 64));
        assertThat(b.status() & UpComplete).isEqualTo(UpComplete);
        // _boomerang_interrupt: ack UpComplete, process; a frame arrives before the final ack
        b.cmd(AckIntr | UpComplete);
        b.offer(VortexBench.frame(VortexBench.MAC, 64));
        b.cmd(AckIntr | IntReq | IntLatch);
        assertThat(b.status() & (IntLatch | UpComplete)).as("the new UpComplete relatches").isEqualTo(IntLatch | UpComplete);
        assertThat(b.ctx.intx).isTrue();
    }

    @Test
    void withoutBit0InTheInterruptMaskThePinNeedsAnEnabledVisibleCause() {
        VortexBench b = VortexBench.tornado();
        b.cmd(SetStatusEnb | BOOM_STATUS_ENB);
        b.cmd(SetIntrEnb | IntReq);
        b.cmd(FakeIntr);
        assertThat(b.ctx.intx).isTrue();
        b.cmd(AckIntr | IntReq);
        assertThat(b.status() & IntLatch).as("latch still set").isEqualTo(IntLatch);
        assertThat(b.ctx.intx).as("but nothing enabled is pending").isFalse();
    }
}
