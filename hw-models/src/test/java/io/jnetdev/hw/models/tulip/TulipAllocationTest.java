package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-frame receive path allocates nothing in steady state: frames received into a ring the
 * test's "driver" keeps handing back (OWN set again on each descriptor the chip closed), with CSR7
 * clear so the fake context records no interrupts.
 */
class TulipAllocationTest {
    @Test
    void receivingAFrameAllocatesNothing() {
        TulipBench b = new TulipBench();
        b.open(256, 4);
        b.w(CSR7, 0);
        byte[] bytes = TulipBench.frame(TulipBench.MAC, 60);
        MemorySegment frame = MemorySegment.ofArray(bytes);
        var port = b.nic.port();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        int next = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up: JIT
            port.frame(frame, 60);
            b.giveBack(next);
            next = (next + 1) & 255;
        }
        int frames = 50_000;
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < frames; i++) {
            port.frame(frame, 60);
            b.giveBack(next);
            next = (next + 1) & 255;
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(b.nic.rxFramesTotal()).as("log %s", b.ctx.log).isEqualTo(70_000);
        assertThat((double) allocated / frames).as("bytes allocated per received frame (%d in total)", allocated)
                .isLessThan(0.5);
    }
}
