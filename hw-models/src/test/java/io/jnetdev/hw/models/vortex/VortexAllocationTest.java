package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-frame receive paths allocate nothing in steady state: the 3c905C's FIFO-to-UPD upload with
 * the test's "driver" handing each UPD back before the engine comes round to it (so it never stalls),
 * and the 3c595's PIO read-and-discard. Interrupt causes stay latched, so the fake context records no
 * further pin changes.
 */
class VortexAllocationTest {
    private static final int WARM_UP = 50_000;
    private static final int FRAMES = 200_000;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void uploadingAFrameAllocatesNothing() {
        VortexBench b = VortexBench.tornado();
        b.up(VortexInterruptsTest.BOOM_STATUS_ENB, VortexInterruptsTest.BOOM_INTR_ENB);
        b.updRing(32);
        MemorySegment frame = MemorySegment.ofArray(VortexBench.frame(VortexBench.MAC, 60));
        var port = b.nic.port();
        long tid = Thread.currentThread().threadId();
        long before = 0;
        for (int i = 0; i < WARM_UP + FRAMES; i++) {
            if (i == WARM_UP) {
                before = threads.getThreadAllocatedBytes(tid);
            }
            port.frame(frame, 60);
            b.ctx.put32(VortexBench.UPD_RING + 16L * (i % 32) + 4, 0); // boomerang_rx: status 0
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(b.nic.rxFramesTotal()).as("log %s", b.ctx.log).isEqualTo(WARM_UP + FRAMES);
        assertThat((double) allocated / FRAMES).as("bytes per uploaded frame (%d in total)", allocated).isLessThan(0.5);
    }

    @Test
    void aPioReceiveAllocatesNothing() {
        VortexBench b = VortexBench.vortex();
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, VortexInterruptsTest.VORTEX_INTR_ENB);
        MemorySegment frame = MemorySegment.ofArray(VortexBench.frame(VortexBench.MAC, 60));
        var port = b.nic.port();
        long tid = Thread.currentThread().threadId();
        long before = 0;
        long sum = 0;
        for (int i = 0; i < WARM_UP + FRAMES; i++) {
            if (i == WARM_UP) {
                before = threads.getThreadAllocatedBytes(tid);
            }
            port.frame(frame, 60);
            int len = (int) b.nic.read(BAR_IO, RxStatus, 2) & RX_STATUS_LEN_MASK;
            for (int k = 0; k < len; k += 4) {
                sum += b.nic.read(BAR_IO, RX_FIFO, 4);
            }
            b.nic.write(BAR_IO, EL3_CMD, 2, RxDiscard);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(sum).isNotZero();
        assertThat(b.nic.rxFramesTotal()).isEqualTo(WARM_UP + FRAMES);
        assertThat((double) allocated / FRAMES).as("bytes per PIO frame (%d in total)", allocated).isLessThan(0.5);
    }
}
