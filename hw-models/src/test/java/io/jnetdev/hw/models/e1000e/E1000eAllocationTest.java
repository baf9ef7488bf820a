package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-frame receive path allocates nothing in steady state: frames received into a ring the
 * test's "driver" keeps refilling (buffer address rewritten, RDT advanced per frame), with the RXQ0 cause staying latched so the
 * fake context records no further interrupts.
 */
class E1000eAllocationTest {
    @Test
    void receivingAFrameAllocatesNothing() {
        Bench b = new Bench();
        b.ctx.msix = true;
        b.w(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        b.w(IMS, ICR_RXQ0);
        b.rxRing(256, true);
        byte[] bytes = Bench.frame(E1000e.DEFAULT_MAC, 60);
        MemorySegment frame = MemorySegment.ofArray(bytes);
        var port = b.nic.port();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        int rdt = 255;
        for (int i = 0; i < 50_000; i++) { // warm-up: JIT, lazily made slices
            port.frame(frame, 60);
            b.ctx.put64(Bench.RX_RING + 16L * rdt, Bench.RX_BUFS + 2048L * rdt); // refill: write-back overwrote it
            rdt = rdt == 255 ? 0 : rdt + 1;
            b.nic.write(BAR_REGS, RDT, 4, rdt);
        }
        int frames = 200_000;
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < frames; i++) {
            port.frame(frame, 60);
            b.ctx.put64(Bench.RX_RING + 16L * rdt, Bench.RX_BUFS + 2048L * rdt); // refill: write-back overwrote it
            rdt = rdt == 255 ? 0 : rdt + 1;
            b.nic.write(BAR_REGS, RDT, 4, rdt);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(b.nic.rxFramesTotal()).as("log %s missed %d rdh %d", b.ctx.log, b.nic.missedTotal(), b.r(RDH)).isEqualTo(250_000);
        assertThat((double) allocated / frames).as("bytes allocated per received frame (%d in total)", allocated)
                .isLessThan(0.5); // measured: 0 bytes over 200,000 frames
    }
}
