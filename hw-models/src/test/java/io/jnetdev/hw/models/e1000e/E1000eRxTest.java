package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.models.testing.FakeDeviceContext;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The receive engine: descriptor layouts (A.13), ring semantics and causes (A.5, A.9, A.11), delay timers (A.12). */
class E1000eRxTest {
    private final Bench b = new Bench();

    @Test
    void legacyDescriptorWriteBack() {
        b.rxRing(8, false);
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 100);
        b.offer(f);
        assertThat(b.legacyLength(0)).as("A.13 legacy: length at byte 8").isEqualTo(100);
        assertThat(b.legacyStatus(0)).as("A.13 legacy: status DD|EOP at byte 12").isEqualTo(RXD_STAT_DD | RXD_STAT_EOP);
        assertThat(b.legacyErrors(0)).as("A.13 legacy: errors at byte 13").isZero();
        assertThat(b.rxBuffer(0, 100)).isEqualTo(f);
        assertThat(b.ctx.get64(Bench.RX_RING)).as("the buffer address is left alone").isEqualTo(Bench.RX_BUFS);
        assertThat(b.r(RDH)).isEqualTo(1);
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
    }

    @Test
    void extendedDescriptorWriteBack() {
        b.rxRing(8, true);
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 200);
        b.offer(f);
        long d = Bench.RX_RING;
        assertThat(b.ctx.get64(d)).as("A.13 extended: MRQ and RSS/IP-ID words written back (0: no RSS)").isZero();
        assertThat(b.ctx.get32(d + 8)).as("A.13 extended: status_error DD|EOP").isEqualTo(RXD_STAT_DD | RXD_STAT_EOP);
        assertThat(b.ctx.get32(d + 12) & 0xFFFF).as("A.13 extended: length at byte 12").isEqualTo(200);
        assertThat(b.rxBuffer(0, 200)).isEqualTo(f);
    }

    @Test
    void withoutSecrcTheCardAppendsARealFcs() {
        b.rxRing(8, false);
        b.w(RCTL, RCTL_EN | RCTL_BAM);
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 60);
        b.offer(f);
        CRC32 crc = new CRC32();
        crc.update(f);
        int fcs = (int) crc.getValue();
        byte[] got = b.rxBuffer(0, 64);
        assertThat(b.legacyLength(0)).as("A.9 SECRC=0: length includes the 4-byte FCS").isEqualTo(64);
        assertThat(got[60] & 0xFF | (got[61] & 0xFF) << 8 | (got[62] & 0xFF) << 16 | (got[63] & 0xFF) << 24)
                .as("CRC-32 of the frame, least significant byte first").isEqualTo(fcs);
    }

    @Test
    void aFrameLongerThanOneBufferSpansDescriptorsWithEopOnTheLast() {
        b.rxRing(8, false);
        b.w(RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC | 3 << RCTL_BSIZE_SHIFT); // 256-byte buffers
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 600);
        b.offer(f);
        assertThat(new int[] {b.legacyLength(0), b.legacyLength(1), b.legacyLength(2)}).containsExactly(256, 256, 88);
        assertThat(new int[] {b.legacyStatus(0), b.legacyStatus(1), b.legacyStatus(2)})
                .containsExactly(RXD_STAT_DD, RXD_STAT_DD, RXD_STAT_DD | RXD_STAT_EOP);
        byte[] joined = new byte[600];
        System.arraycopy(b.rxBuffer(0, 256), 0, joined, 0, 256);
        System.arraycopy(b.rxBuffer(1, 256), 0, joined, 256, 256);
        System.arraycopy(b.rxBuffer(2, 88), 0, joined, 512, 88);
        assertThat(joined).isEqualTo(f);
        assertThat(b.r(RDH)).isEqualTo(3);
    }

    @Test
    void aFullRingMissesTheFrameCountsMpcAndRaisesRxo() {
        b.rxRing(8, false); // RDT = 7: seven descriptors for the card
        for (int i = 0; i < 9; i++) {
            b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        }
        assertThat(b.r(RDH)).as("A.13 ring full when head reaches tail").isEqualTo(7);
        assertThat(b.nic.rxFramesTotal()).isEqualTo(7);
        assertThat(b.r(ICS) & ICR_RXO).as("A.5 RX without buffers: RXO").isEqualTo(ICR_RXO);
        assertThat(b.r(MPC)).as("A.4 MPC counts the missed frames").isEqualTo(2);
        assertThat(b.r(MPC)).as("clear-on-read").isZero();
        assertThat(b.nic.missedTotal()).isEqualTo(2);
        b.w(RDT, 3); // the driver hands back descriptors 7, 0, 1, 2
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.r(RDH)).as("writing RDT gives the card room again").isZero();
    }

    @Test
    void rxdmt0IsRaisedWhenFreeDescriptorsFallToTheThreshold() {
        b.rxRing(16, false); // 15 free; RDMTS 1/2 → threshold 8
        b.w(IMS, ICR_RXDMT0);
        for (int i = 0; i < 6; i++) {
            b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        }
        assertThat(b.r(ICS) & ICR_RXDMT0).as("9 free: above the threshold").isZero();
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.r(ICR) & ICR_RXDMT0).as("A.5 8 free = ring/2^(RDMTS+1): RXDMT0").isEqualTo(ICR_RXDMT0);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.r(ICS) & ICR_RXDMT0).as("raised on the crossing, not again below it").isZero();

        Bench quarter = new Bench();
        quarter.rxRing(16, false);
        quarter.w(RCTL, quarter.r(RCTL) | 1 << RCTL_RDMTS_SHIFT); // 1/4 → threshold 4
        for (int i = 0; i < 10; i++) {
            quarter.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        }
        assertThat(quarter.r(ICS) & ICR_RXDMT0).as("5 free > 4").isZero();
        quarter.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(quarter.r(ICS) & ICR_RXDMT0).as("A.9 RDMTS 01 = 1/4").isEqualTo(ICR_RXDMT0);
    }

    @Test
    void theGateNeedsLinkReceiverEnableAndBusMastering() {
        b.rxRing(8, false);
        b.nic.port().setLinkUp(false);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        b.nic.port().setLinkUp(true);
        b.w(RCTL, b.r(RCTL) & ~RCTL_EN);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        b.w(RCTL, b.r(RCTL) | RCTL_EN);
        b.ctx.busMaster = false;
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        b.ctx.busMaster = true;
        b.w(CTRL, b.r(CTRL) & ~CTRL_SLU);
        assertThat(b.r(STATUS) & STATUS_LU).as("A.6 SLU clear: no link").isZero();
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("A.2 gate: STATUS.LU, RCTL.EN, bus master").isZero();
        assertThat(b.r(MPC)).isEqualTo(4);
        assertThat(b.ctx.faults).as("no DMA was even tried").isEmpty();
        b.w(CTRL, b.r(CTRL) | CTRL_SLU);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());
    }

    @Test
    void writeBackCauseIsRxt0InLegacyModeAndRxq0OnVectorZeroInMsix() {
        b.rxRing(8, false);
        b.w(IMS, 0x9D);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.r(ICR)).as("A.5 non-MSI-X: RXT0").isEqualTo(ICR_RXT0 | ICR_INT_ASSERTED);

        Bench x = new Bench();
        x.ctx.msix = true;
        x.rxRing(8, true);
        x.w(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        x.w(IMS, E1000eInterruptsTest.LINUX_MSIX_IMS);
        x.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(x.r(ICS) & (ICR_RXQ0 | ICR_RXT0)).as("A.5 MSI-X: RXQ0").isEqualTo(ICR_RXQ0);
        assertThat(x.ctx.irqs).extracting(FakeDeviceContext.Irq::vector).containsExactly(0);
    }

    @Test
    void rdtrDelaysRxt0AndIsReArmedPerFrameWhileRadvBoundsIt() {
        b.rxRing(64, false);
        b.w(ITR, 0); // the A.15 reset ITR (500) would space the two interrupts 128 µs apart
        b.w(IMS, ICR_RXT0);
        b.w(RDTR, 10); // 10.24 µs
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        b.ctx.run(10_000);
        assertThat(b.ctx.intx).as("A.12 RDTR holds RXT0").isFalse();
        b.ctx.run(240);
        assertThat(b.ctx.times(-2)).as("fires RDTR × 1.024 µs after the frame").containsExactly(10_240L);
        b.r(ICR);

        b.w(RADV, 20); // 20.48 µs absolute
        long start = b.ctx.nowNanos();
        for (int i = 0; i < 10; i++) { // a frame every 5 µs keeps re-arming RDTR
            b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
            b.ctx.run(5_000);
        }
        assertThat(b.ctx.times(-2)).as("A.12 RADV fires 20.48 µs after the first held frame")
                .containsExactly(10_240L, start + 20_480);
    }

    @Test
    void rdtrFlushPartialDescriptorFiresNow() {
        b.rxRing(8, false);
        b.w(IMS, ICR_RXT0);
        b.w(RDTR, 100);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.ctx.intx).isFalse();
        b.w(RDTR, 100 | RDTR_FPD);
        assertThat(b.ctx.intx).as("A.12 RDTR.FPD fires the pending delay at once").isTrue();
        assertThat(b.r(RDTR)).as("FPD self-clears").isEqualTo(100);
    }

    @Test
    void delayTimersDoNotApplyInMsixMode() {
        b.ctx.msix = true;
        b.rxRing(8, true);
        b.w(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        b.w(IMS, ICR_RXQ0);
        b.w(RDTR, 100);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.ctx.times(0)).as("A.5 delay timers: legacy/MSI only").containsExactly(0L);
    }
}
