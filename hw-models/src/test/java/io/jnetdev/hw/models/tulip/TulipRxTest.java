package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.FrameError;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The receive process: descriptors (C.8), RU and poll demand (C.4), CSR8 (C.6), bad frames. */
class TulipRxTest {
    private final TulipBench b = new TulipBench();

    private static int fcs(byte[] f) {
        CRC32 crc = new CRC32();
        crc.update(f);
        return (int) crc.getValue();
    }

    private static int le32(byte[] a, int off) {
        return a[off] & 0xFF | (a[off + 1] & 0xFF) << 8 | (a[off + 2] & 0xFF) << 16 | (a[off + 3] & 0xFF) << 24;
    }

    @Test
    void ringModeStoresTheFrameWithItsFcsAndClosesTheDescriptor() {
        b.open(4, 4);
        byte[] f = TulipBench.frame(TulipBench.MAC, 100);
        b.offer(f);
        int status = b.rdes0(0);
        assertThat(status & DescOwned).as("C.8 OWN cleared: the host's now").isZero();
        assertThat(status & (RDES0_FS | RDES0_LS | RDES0_ES)).as("one descriptor, no error").isEqualTo(RDES0_FS | RDES0_LS);
        assertThat((status >>> RDES0_FL_SHIFT) & 0x3FFF).as("FL includes the CRC").isEqualTo(104);
        byte[] got = b.rxBuffer(0, 104);
        assertThat(java.util.Arrays.copyOf(got, 100)).isEqualTo(f);
        assertThat(le32(got, 100)).as("a real CRC-32 FCS").isEqualTo(fcs(f));
        assertThat(b.r(CSR5) & (RxIntr | NormalIntr)).isEqualTo(RxIntr | NormalIntr);
        assertThat((b.r(CSR5) >>> CSR5_RS_SHIFT) & 7).as("RS 3: waiting for a frame").isEqualTo(RS_WAIT);
        for (int i = 1; i < 5; i++) {
            b.giveBack(0);
            b.offer(TulipBench.frame(TulipBench.MAC, 60 + i));
        }
        assertThat((b.rdes0(3) >>> RDES0_FL_SHIFT) & 0x3FFF).isEqualTo(67);
        assertThat((b.rdes0(0) >>> RDES0_FL_SHIFT) & 0x3FFF).as("RER on the last: back to CSR3").isEqualTo(68);
    }

    @Test
    void chainedModeFollowsRdes3AndMulticastIsFlagged() {
        b.w(CSR6, AcceptAllMulticast);
        // three descriptors, chained out of order: 0 -> 2 -> 1
        long[] order = {0, 2, 1};
        for (int k = 0; k < 3; k++) {
            long d = TulipBench.RX_RING + 16L * order[k];
            b.ctx.put32(d, DescOwned);
            b.ctx.put32(d + 4, TulipBench.PKT_BUF_SZ | RDES1_RCH);
            b.ctx.put32(d + 8, (int) (TulipBench.RX_BUFS + 2048L * order[k]));
            b.ctx.put32(d + 12, (int) (TulipBench.RX_RING + 16L * order[(k + 1) % 3]));
        }
        b.w(CSR3, (int) TulipBench.RX_RING);
        b.startRx();
        b.offer(TulipBench.frame(0x0100_5E00_0001L, 64));
        b.offer(TulipBench.frame(0x0100_5E00_0002L, 70));
        assertThat((b.rdes0(2) >>> RDES0_FL_SHIFT) & 0x3FFF).as("C.8 RCH: the second frame went to RDES3's descriptor")
                .isEqualTo(74);
        assertThat(b.rdes0(1)).as("descriptor 1 comes third in the chain").isEqualTo(DescOwned);
        assertThat(b.rdes0(2) & RDES0_MF).as("MF for a group destination").isEqualTo(RDES0_MF);
    }

    @Test
    void aFrameFillsBufferOneThenBufferTwoThenTheNextDescriptor() {
        long d0 = TulipBench.RX_RING;
        long d1 = d0 + 16;
        long bufA = TulipBench.RX_BUFS;
        long bufB = TulipBench.RX_BUFS + 0x1000;
        long bufC = TulipBench.RX_BUFS + 0x2000;
        b.ctx.put32(d0, DescOwned);
        b.ctx.put32(d0 + 4, 256 | 128 << BUF2_SIZE_SHIFT);
        b.ctx.put32(d0 + 8, (int) bufA);
        b.ctx.put32(d0 + 12, (int) bufB);
        b.ctx.put32(d1, DescOwned);
        b.ctx.put32(d1 + 4, 1024 | DESC_RING_WRAP);
        b.ctx.put32(d1 + 8, (int) bufC);
        b.w(CSR3, (int) d0);
        b.w(CSR6, AcceptAllPhys);
        b.startRx();
        byte[] f = TulipBench.frame(TulipBench.MAC, 600);
        b.offer(f);
        assertThat(b.ctx.get32(d0) & (DescOwned | RDES0_FS | RDES0_LS)).as("first descriptor: FS, not LS")
                .isEqualTo(RDES0_FS);
        assertThat(b.ctx.get32(d0) >>> RDES0_FL_SHIFT).as("FL only in the last").isZero();
        int last = b.ctx.get32(d1);
        assertThat(last & (DescOwned | RDES0_FS | RDES0_LS)).isEqualTo(RDES0_LS);
        assertThat((last >>> RDES0_FL_SHIFT) & 0x3FFF).isEqualTo(604);
        byte[] joined = new byte[604];
        System.arraycopy(b.bytes(bufA, 256), 0, joined, 0, 256);
        System.arraycopy(b.bytes(bufB, 128), 0, joined, 256, 128);
        System.arraycopy(b.bytes(bufC, 220), 0, joined, 384, 220);
        assertThat(java.util.Arrays.copyOf(joined, 600)).isEqualTo(f);
        assertThat(le32(joined, 600)).isEqualTo(fcs(f));
    }

    @Test
    void anExhaustedRingSuspendsWithRuCountsCsr8AndResumesOnPollDemand() {
        b.open(4, 4);
        for (int i = 0; i < 7; i++) {
            b.offer(TulipBench.frame(TulipBench.MAC, 64));
        }
        assertThat(b.nic.rxFramesTotal()).isEqualTo(4);
        int csr5 = b.r(CSR5);
        assertThat(csr5 & (RxNoBuf | AbnormalIntr)).as("C.4 RU, abnormal").isEqualTo(RxNoBuf | AbnormalIntr);
        assertThat((csr5 >>> CSR5_RS_SHIFT) & 7).as("RS 4: suspended").isEqualTo(RS_SUSPENDED);
        b.w(CSR5, RxNoBuf);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.r(CSR5) & RxNoBuf).as("RU once, on entering the suspended state").isZero();
        assertThat(b.r(CSR8)).as("C.6 CSR8: the 4 missed frames").isEqualTo(CSR8_RESERVED | 4);
        assertThat(b.r(CSR8) & CSR8_MISSED_MASK).as("read clears").isZero();

        b.giveBack(0);
        b.giveBack(1);
        b.w(CSR2, 0);
        assertThat((b.r(CSR5) >>> CSR5_RS_SHIFT) & 7).as("poll demand: running again").isEqualTo(RS_WAIT);
        b.offer(TulipBench.frame(TulipBench.MAC, 80));
        assertThat((b.rdes0(0) >>> RDES0_FL_SHIFT) & 0x3FFF).as("the next frame lands in descriptor 0").isEqualTo(84);
        assertThat(b.nic.missedTotal()).isEqualTo(4);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());
    }

    @Test
    void aSuspendedProcessAlsoRechecksOnTheNextFrame() {
        b.open(2, 4);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat((b.r(CSR5) >>> CSR5_RS_SHIFT) & 7).isEqualTo(RS_SUSPENDED);
        b.giveBack(0);
        b.offer(TulipBench.frame(TulipBench.MAC, 90));
        assertThat((b.rdes0(0) >>> RDES0_FL_SHIFT) & 0x3FFF).as("Linux writes no CSR2 for DEC parts after a refill")
                .isEqualTo(94);
    }

    @Test
    void csr8OverflowBitAfter65536MissedFrames() {
        b.rxRing(1);
        b.ctx.put32(TulipBench.RX_RING, 0); // host owns the only descriptor
        b.w(CSR6, AcceptAllPhys);
        b.startRx();
        byte[] f = TulipBench.frame(TulipBench.MAC, 60);
        for (int i = 0; i < 65_538; i++) {
            b.offer(f);
        }
        int csr8 = b.r(CSR8);
        assertThat(csr8 & CSR8_MISSED_OVERFLOW).as("C.6 bit 16: the counter overflowed").isEqualTo(CSR8_MISSED_OVERFLOW);
        assertThat(csr8 & CSR8_MISSED_MASK).isEqualTo(2);
    }

    @Test
    void framesWhileStoppedOrLinkDownAreMissed() {
        b.rxRing(4);
        b.w(CSR6, AcceptAllPhys);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.startRx();
        b.nic.port().setLinkUp(false);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.nic.missedTotal()).isEqualTo(2);
        assertThat(b.r(CSR8) & CSR8_MISSED_MASK).isEqualTo(2);
        assertThat(b.rdes0(0)).as("nothing written").isEqualTo(DescOwned);
    }

    /**
     * Only runts depend on CSR6.PB: with it clear the chip drops them (counted in no register);
     * damaged and oversize frames reach the host with their error bits either way, as the 21143's
     * RDES0 CE and TL say and Linux's {@code tulip_rx} (which never sets PB) counts them.
     */
    @Test
    void damagedAndOversizeFramesReachTheHostWithErrorBitsRuntsOnlyWithPassBad() {
        b.open(8, 4);
        b.offer(TulipBench.frame(TulipBench.MAC, 40));
        assertThat(b.nic.rxErrorsTotal()).as("a runt without PB is dropped").isEqualTo(1);
        assertThat(b.rdes0(0)).as("nothing stored for it").isEqualTo(DescOwned);

        b.offerErrored(TulipBench.frame(TulipBench.MAC, 100), FrameError.FCS);
        assertThat(b.rdes0(0) & (RDES0_ES | RDES0_CE | RDES0_FS | RDES0_LS)).as("CE for a bad FCS, PB clear")
                .isEqualTo(RDES0_ES | RDES0_CE | RDES0_FS | RDES0_LS);
        assertThat(le32(b.rxBuffer(0, 104), 100)).as("the stored FCS is wrong")
                .isNotEqualTo(fcs(TulipBench.frame(TulipBench.MAC, 100)));

        b.offer(TulipBench.frame(TulipBench.MAC, 1600));
        assertThat(b.rdes0(1) & (RDES0_FS | RDES0_LS | RDES0_ES)).as("1604 bytes over two 1540-byte buffers: first")
                .isEqualTo(RDES0_FS);
        assertThat(b.rdes0(2) & (RDES0_FS | RDES0_LS | RDES0_ES | RDES0_TL)).as("last, with TL and the error summary")
                .isEqualTo(RDES0_LS | RDES0_ES | RDES0_TL);
        assertThat((b.rdes0(2) >>> RDES0_FL_SHIFT) & 0x3FFF).isEqualTo(1604);

        b.offer(TulipBench.frame(TulipBench.MAC, 1518));
        assertThat(b.rdes0(3) & (RDES0_TL | RDES0_ES)).as("a VLAN-sized frame: TL, no error summary").isEqualTo(RDES0_TL);
        assertThat((b.rdes0(3) >>> RDES0_FL_SHIFT) & 0x3FFF).isEqualTo(1522);
        assertThat(b.nic.rxErrorsTotal()).as("only the runt was dropped").isEqualTo(1);

        b.w(CSR6, b.r(CSR6) | AcceptRunt);
        b.offer(TulipBench.frame(TulipBench.MAC, 40));
        b.offerErrored(TulipBench.frame(TulipBench.MAC, 100), FrameError.SYMBOL);
        assertThat(b.rdes0(4) & (RDES0_ES | RDES0_RF)).as("C.5 PB: the runt is stored with RF").isEqualTo(RDES0_ES | RDES0_RF);
        assertThat(b.rdes0(5) & (RDES0_ES | RDES0_CE | TulipRx.RDES0_RE)).as("a symbol error: RE, and CE with it")
                .isEqualTo(RDES0_ES | RDES0_CE | TulipRx.RDES0_RE);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted()).isEqualTo(6);
    }

    @Test
    void ringModeSkipsCsr0DslLongwordsBetweenDescriptors() {
        b.w(CSR0, 2 << CSR0_DSL_SHIFT); // 8 bytes between descriptors: 24-byte stride
        for (int i = 0; i < 2; i++) {
            long d = TulipBench.RX_RING + 24L * i;
            b.ctx.put32(d, DescOwned);
            b.ctx.put32(d + 4, TulipBench.PKT_BUF_SZ | (i == 1 ? DESC_RING_WRAP : 0));
            b.ctx.put32(d + 8, (int) (TulipBench.RX_BUFS + 2048L * i));
        }
        b.w(CSR3, (int) TulipBench.RX_RING);
        b.w(CSR6, AcceptAllPhys);
        b.startRx();
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.offer(TulipBench.frame(TulipBench.MAC, 70));
        assertThat((b.ctx.get32(TulipBench.RX_RING + 24) >>> RDES0_FL_SHIFT) & 0x3FFF).as("C.3 DSL: 16 + 4·DSL bytes on")
                .isEqualTo(74);
        assertThat(b.ctx.get32(TulipBench.RX_RING + 16)).as("the skipped longwords are untouched").isZero();
    }

    @Test
    void csr0DboMakesTheDescriptorsBigEndian() {
        b.w(CSR0, CSR0_DBO);
        long d = TulipBench.RX_RING;
        b.ctx.put32(d, Integer.reverseBytes(DescOwned));
        b.ctx.put32(d + 4, Integer.reverseBytes(TulipBench.PKT_BUF_SZ | DESC_RING_WRAP));
        b.ctx.put32(d + 8, Integer.reverseBytes((int) TulipBench.RX_BUFS));
        b.w(CSR3, (int) d);
        b.w(CSR6, AcceptAllPhys);
        b.startRx();
        byte[] f = TulipBench.frame(TulipBench.MAC, 64);
        b.offer(f);
        int status = Integer.reverseBytes(b.ctx.get32(d));
        assertThat(status & (DescOwned | RDES0_FS | RDES0_LS)).as("C.3 DBO: status written big-endian")
                .isEqualTo(RDES0_FS | RDES0_LS);
        assertThat((status >>> RDES0_FL_SHIFT) & 0x3FFF).isEqualTo(68);
        assertThat(b.rxBufferEquals(0, f)).as("the buffer itself is not swapped").isTrue();
    }
}
