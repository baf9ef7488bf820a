package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.models.testing.FakeDeviceContext;
import io.jnetdev.hw.models.testing.TestFrames;
import io.jnetdev.hw.models.testing.WireRecorder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A 3c595 or 3c905C on a {@link FakeDeviceContext}, with what a test's "driver" does: register
 * access through BAR0, commands, UPD/DPD lists in host memory, frames to offer, and a sink recording
 * what the card sends. Memory map: UPDs at {@link #UPD_RING} (16 bytes apart), their 1536-byte
 * buffers from {@link #RX_BUFS}, DPDs at {@link #DPD_RING} (16 bytes apart), TX buffers from
 * {@link #TX_BUFS} (2 KiB apart).
 */
final class VortexBench {
    static final long UPD_RING = FakeDeviceContext.MEM_BASE;
    static final long RX_BUFS = FakeDeviceContext.MEM_BASE + 0x1_0000;
    static final long DPD_RING = FakeDeviceContext.MEM_BASE + 0x10_0000;
    static final long TX_BUFS = FakeDeviceContext.MEM_BASE + 0x11_0000;
    static final long MAC = Vortex.DEFAULT_MAC;
    static final long OTHER_MAC = 0x0200_0000_0001L;
    static final int PKT_BUF_SZ = 1536;


    final Vortex nic;
    final FakeDeviceContext ctx = new FakeDeviceContext();
    final List<WireRecorder.Sent> sent;

    VortexBench(Vortex nic) {
        this.nic = nic;
        nic.attach(ctx);
        WireRecorder wire = new WireRecorder(ctx);
        sent = wire.sent;
        nic.port().connect(wire);
    }

    static VortexBench vortex() {
        return new VortexBench(Vortex.c3c595(MAC));
    }

    static VortexBench tornado() {
        return new VortexBench(Vortex.c3c905c(MAC));
    }

    int r8(int off) {
        return (int) nic.read(BAR_IO, off, 1);
    }

    int r16(int off) {
        return (int) nic.read(BAR_IO, off, 2);
    }

    int r32(int off) {
        return (int) nic.read(BAR_IO, off, 4);
    }

    void w8(int off, int v) {
        nic.write(BAR_IO, off, 1, v & 0xFF);
    }

    void w16(int off, int v) {
        nic.write(BAR_IO, off, 2, v & 0xFFFF);
    }

    void w32(int off, int v) {
        nic.write(BAR_IO, off, 4, v & 0xFFFF_FFFFL);
    }

    void cmd(int word) {
        w16(EL3_CMD, word);
    }

    int status() {
        return r16(EL3_STATUS);
    }

    void select(int window) {
        cmd(SelectWindow + window);
    }

    int wr16(int window, int off) {
        select(window);
        return r16(off);
    }

    int wr8(int window, int off) {
        select(window);
        return r8(off);
    }

    /** What Linux's vortex_up does that matters to the model: receiver and transmitter on, stats on, filter. */
    void up(int statusEnable, int intrEnable) {
        cmd(TxReset);
        cmd(RxReset | 4);
        cmd(StatsEnable);
        cmd(SetRxFilter | RxStation | RxBroadcast);
        cmd(RxEnable);
        cmd(TxEnable);
        cmd(SetStatusEnb | statusEnable);
        cmd(AckIntr | IntLatch | TxAvailable | RxEarly | IntReq);
        cmd(SetIntrEnb | intrEnable);
        ctx.run(2_000_000);
    }

    /** A ring of {@code n} UPDs with 1536-byte buffers, wrapped, and UpListPtr pointing at it. */
    void updRing(int n) {
        for (int i = 0; i < n; i++) {
            long upd = UPD_RING + 16L * i;
            ctx.put32(upd, (int) (UPD_RING + 16L * ((i + 1) % n)));
            ctx.put32(upd + 4, 0);
            ctx.put32(upd + 8, (int) (RX_BUFS + (long) PKT_BUF_SZ * i));
            ctx.put32(upd + 12, PKT_BUF_SZ | LAST_FRAG);
        }
        w32(UpListPtr, (int) UPD_RING);
        ctx.run(0);
    }

    int updStatus(int i) {
        return ctx.get32(UPD_RING + 16L * i + 4);
    }

    /** Gives UPD {@code i} back to the card as Linux's boomerang_rx does: status 0, then UpUnstall. */
    void releaseUpd(int i) {
        ctx.put32(UPD_RING + 16L * i + 4, 0);
        cmd(UpUnstall);
        ctx.run(0);
    }

    byte[] rxBuffer(int i, int length) {
        byte[] b = new byte[length];
        MemorySegment.copy(ctx.memory, ValueLayout.JAVA_BYTE, RX_BUFS + (long) PKT_BUF_SZ * i - FakeDeviceContext.MEM_BASE,
                b, 0, length);
        return b;
    }

    /** Fills DPD {@code i} with one fragment holding {@code data}, header {@code len | flags}, next 0. */
    void dpd(int i, byte[] data, int flags) {
        long buf = TX_BUFS + 2048L * i;
        MemorySegment.copy(MemorySegment.ofArray(data), 0, ctx.memory, buf - FakeDeviceContext.MEM_BASE, data.length);
        long d = DPD_RING + 16L * i;
        ctx.put32(d, 0);
        ctx.put32(d + 4, data.length | flags);
        ctx.put32(d + 8, (int) buf);
        ctx.put32(d + 12, data.length | LAST_FRAG);
    }

    long dpdAddr(int i) {
        return DPD_RING + 16L * i;
    }

    int dpdHeader(int i) {
        return ctx.get32(DPD_RING + 16L * i + 4);
    }

    /** Links DPD {@code from} to DPD {@code to}. */
    void linkDpd(int from, int to) {
        ctx.put32(DPD_RING + 16L * from, (int) dpdAddr(to));
    }

    /** Writes a frame through the PIO TX FIFO as Linux's vortex_start_xmit does. */
    void pioSend(byte[] data, int preambleFlags) {
        w32(TX_FIFO, data.length | preambleFlags);
        byte[] padded = java.util.Arrays.copyOf(data, (data.length + 3) & ~3);
        MemorySegment s = MemorySegment.ofArray(padded);
        for (int i = 0; i < padded.length; i += 4) {
            w32(TX_FIFO, s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), i));
        }
    }

    /** Reads the top frame through the PIO RX FIFO as Linux's vortex_rx does, then RxDiscard. */
    byte[] pioReceive() {
        int status = r16(RxStatus);
        int len = status & RX_STATUS_LEN_MASK;
        byte[] b = new byte[(len + 3) & ~3];
        MemorySegment s = MemorySegment.ofArray(b);
        for (int i = 0; i < b.length; i += 4) {
            s.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), i, r32(RX_FIFO));
        }
        cmd(RxDiscard);
        return java.util.Arrays.copyOf(b, len);
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

    /** The sum the accounting promises equals {@link Vortex#offeredTotal()}. */
    long accounted() {
        return nic.rxFramesTotal() + nic.rxErrorsTotal() + nic.overrunTotal() + nic.filteredTotal()
                + nic.rxFlushedTotal() + nic.rxPendingFrames();
    }
}
