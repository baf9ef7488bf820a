package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.models.testing.FakeDeviceContext;
import io.jnetdev.hw.models.testing.TestFrames;
import io.jnetdev.hw.models.testing.WireRecorder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * An 82574L on a {@link FakeDeviceContext}, with the few things a test's "driver" does: register
 * access, rings in host memory, frames to offer, and a sink that records what the card sends.
 * Memory map: RX ring at {@link #RX_RING}, RX buffers from {@link #RX_BUFS} (2 KiB apart), TX ring at
 * {@link #TX_RING}, TX buffers from {@link #TX_BUFS} (2 KiB apart).
 */
final class Bench {
    static final long RX_RING = FakeDeviceContext.MEM_BASE;
    static final long RX_BUFS = FakeDeviceContext.MEM_BASE + 0x10_0000;
    static final long TX_RING = FakeDeviceContext.MEM_BASE + 0x20_0000;
    static final long TX_BUFS = FakeDeviceContext.MEM_BASE + 0x21_0000;
    static final long OTHER_MAC = 0x0200_0000_0001L;


    final E1000e nic;
    final FakeDeviceContext ctx = new FakeDeviceContext();
    final List<WireRecorder.Sent> sent;
    int rxCount;
    int txCount;

    Bench() {
        this(new E1000e());
    }

    Bench(E1000e nic) {
        this.nic = nic;
        nic.attach(ctx);
        WireRecorder wire = new WireRecorder(ctx);
        sent = wire.sent;
        nic.port().connect(wire);
    }

    int r(int off) {
        return (int) nic.read(BAR_REGS, off, 4);
    }

    void w(int off, int v) {
        nic.write(BAR_REGS, off, 4, v & 0xFFFF_FFFFL);
    }

    /** A receive ring of {@code n} descriptors with buffers, every descriptor but one given to the card. */
    void rxRing(int n, boolean extended) {
        rxCount = n;
        for (int i = 0; i < n; i++) {
            ctx.put64(RX_RING + 16L * i, RX_BUFS + 2048L * i);
            ctx.put64(RX_RING + 16L * i + 8, 0);
        }
        w(RDBAL, (int) RX_RING);
        w(RDBAH, (int) (RX_RING >>> 32));
        w(RDLEN, n * 16);
        w(RDH, 0);
        w(RDT, n - 1);
        w(RFCTL, extended ? RFCTL_EXTEN : 0);
        w(RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);
    }

    /** A transmit ring of {@code n} descriptors, TCTL.EN|PSP. */
    void txRing(int n) {
        txCount = n;
        w(TDBAL, (int) TX_RING);
        w(TDBAH, (int) (TX_RING >>> 32));
        w(TDLEN, n * 16);
        w(TDH, 0);
        w(TDT, 0);
        w(TCTL, TCTL_EN | TCTL_PSP);
    }

    /** Fills TX descriptor {@code i} with a buffer holding {@code data} and command byte {@code cmd} (dword 2 bits 31:24). */
    void txDesc(int i, byte[] data, int cmd) {
        long buf = TX_BUFS + 2048L * i;
        MemorySegment.copy(MemorySegment.ofArray(data), 0, ctx.memory, buf - FakeDeviceContext.MEM_BASE, data.length);
        ctx.put64(TX_RING + 16L * i, buf);
        ctx.put32(TX_RING + 16L * i + 8, data.length | cmd);
        ctx.put32(TX_RING + 16L * i + 12, 0);
    }

    /** An Ethernet frame of {@code length} bytes (no FCS) to {@code dst}, with a recognisable payload. */
    static byte[] frame(long dst, int length) {
        return TestFrames.ethernet(dst, OTHER_MAC, length);
    }

    void offer(byte[] frame) {
        nic.port().frame(MemorySegment.ofArray(frame), frame.length);
    }

    void offerErrored(byte[] frame, FrameError error) {
        nic.port().erroredFrame(MemorySegment.ofArray(frame), frame.length, error);
    }

    byte[] rxBuffer(int i, int length) {
        byte[] b = new byte[length];
        MemorySegment.copy(ctx.memory, ValueLayout.JAVA_BYTE, RX_BUFS + 2048L * i - FakeDeviceContext.MEM_BASE, b, 0, length);
        return b;
    }

    /** Legacy write-back: length (bytes 8..9). */
    int legacyLength(int i) {
        return ctx.get32(RX_RING + 16L * i + 8) & 0xFFFF;
    }

    /** Legacy write-back: status (byte 12). */
    int legacyStatus(int i) {
        return ctx.get32(RX_RING + 16L * i + 12) & 0xFF;
    }

    /** Legacy write-back: errors (byte 13). */
    int legacyErrors(int i) {
        return (ctx.get32(RX_RING + 16L * i + 12) >>> 8) & 0xFF;
    }

    long totalsAccounted() {
        return nic.rxFramesTotal() + nic.missedTotal() + nic.rxErrorsTotal() + nic.filteredTotal();
    }
}
