package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bad driver input (issue 6, "Bad input"): a descriptor with an impossible buffer length or
 * address is refused — abnormal summary and the chip's error bit raised, that process stopped,
 * logged — and the driver recovers by resetting the chip.
 */
class TulipBadInputTest {
    private final TulipBench b = new TulipBench();

    @Test
    void aReceiveBufferOutsideTheDmaViewIsAFatalBusError() {
        b.open(4, 4);
        b.w(CSR7, VALID_INTRS_21143);
        b.w(CSR5, ~0);
        b.ctx.put32(TulipBench.RX_RING + 8, 0x0000_1000); // descriptor 0's buffer: not the device's memory
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        int csr5 = b.r(CSR5);
        assertThat(csr5 & (SystemError | RxDied | AbnormalIntr)).as("C.4 FBE and RPS, abnormal")
                .isEqualTo(SystemError | RxDied | AbnormalIntr);
        assertThat((csr5 & CSR5_EB_MASK) >>> CSR5_EB_SHIFT).as("EB: master abort").isEqualTo(EB_MASTER_ABORT);
        assertThat((csr5 >>> CSR5_RS_SHIFT) & 7).as("receive process stopped").isEqualTo(RS_STOPPED);
        assertThat(b.ctx.intx).isTrue();
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("receive process stopped", "fatal bus error", "0x1000"));
        assertThat(b.rdes0(0)).as("no half-delivered frame: the descriptor stays the chip's").isEqualTo(DescOwned);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.ctx.faults).as("stopped: no further DMA").hasSize(1);
        assertThat(b.nic.missedTotal()).isEqualTo(2);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());

        b.open(4, 4); // the driver's recovery: reset and bring the chip up again
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
        assertThat(b.r(CSR5) & SystemError).isZero();
    }

    @Test
    void aReceiveDescriptorWithNoRoomStopsTheProcess() {
        b.open(4, 4);
        b.w(CSR5, ~0);
        b.ctx.put32(TulipBench.RX_RING + 4, 0); // both buffer sizes 0
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.r(CSR5) & (RxDied | AbnormalIntr)).isEqualTo(RxDied | AbnormalIntr);
        assertThat((b.r(CSR5) >>> CSR5_RS_SHIFT) & 7).isEqualTo(RS_STOPPED);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("no room", "buffer sizes 0 and 0"));
        assertThat(b.nic.badDescriptorTotal()).isEqualTo(1);
        assertThat(b.r(CSR8) & CSR8_MISSED_MASK).isEqualTo(1);
    }

    @Test
    void aReceiveListBaseOutsideTheDmaViewIsAFatalBusError() {
        b.open(4, 4);
        b.w(CSR3, 0x0800_0000);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.r(CSR5) & SystemError).isEqualTo(SystemError);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("CSR3 0x8000000"));
    }

    @Test
    void aTransmitBufferOutsideTheDmaViewStopsTheTransmitProcess() {
        b.open(4, 4);
        b.ctx.drain();
        b.w(CSR5, ~0);
        int slot = b.queue(TulipBench.frame(TulipBench.OTHER_MAC, 64), TDES1_FS | TDES1_LS);
        b.ctx.put32(b.txDesc(slot) + 8, 0x7000_0000);
        b.w(CSR1, 0);
        int csr5 = b.r(CSR5);
        assertThat(csr5 & (SystemError | TxDied | AbnormalIntr)).isEqualTo(SystemError | TxDied | AbnormalIntr);
        assertThat((csr5 >>> CSR5_TS_SHIFT) & 7).isEqualTo(TS_STOPPED);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("transmit process stopped", "0x70000000"));
        b.send(TulipBench.frame(TulipBench.OTHER_MAC, 64), 0);
        b.ctx.drain();
        assertThat(b.sent).as("stopped until the driver resets").isEmpty();
        assertThat((b.r(CSR5) >>> CSR5_RS_SHIFT) & 7).as("the receiver goes on").isEqualTo(RS_WAIT);
    }

    @Test
    void aFrameLongerThanTheTransmitBufferIsAJabber() {
        b.open(4, 4);
        b.ctx.drain();
        b.w(CSR5, ~0);
        int first = b.queue(new byte[2000], TDES1_FS);
        int second = b.queue(new byte[100], TDES1_LS);
        b.w(CSR1, 0);
        b.ctx.drain();
        assertThat(b.sent).isEmpty();
        assertThat(b.tdes0(first)).isZero();
        assertThat(b.tdes0(second)).as("C.8 TDES0 ES|TO").isEqualTo(TDES0_ES | TDES0_TO);
        assertThat(b.r(CSR5) & (TxJabber | TxDied | AbnormalIntr)).as("C.4 TJT, TPS").isEqualTo(TxJabber | TxDied | AbnormalIntr);
        assertThat((b.r(CSR5) >>> CSR5_TS_SHIFT) & 7).isEqualTo(TS_STOPPED);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("jabber", "2100 bytes"));
    }

    @Test
    void aSetupFrameThatIsNot192BytesIsRefused() {
        b.rxRing(4);
        b.txRing(4);
        int slot = b.loadSetupFrame(new byte[96], 0);
        assertThat(b.tdes0(slot)).as("left owned").isEqualTo(DescOwned);
        assertThat(b.r(CSR5) & (TxDied | TxNoBuf)).as("TPS, the process stopped there").isEqualTo(TxDied);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("setup frame", "96 bytes, not 192"));
    }

    @Test
    void hotUnplugStopsEveryTimer() {
        b.open(4, 4);
        b.ctx.drain();
        b.w(CSR11, 0x80F1_0000 | CSR11_CON | 100);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.send(TulipBench.frame(TulipBench.OTHER_MAC, 1500), 0);
        assertThat(b.nic.mitigation().anyTimerPending()).isTrue();
        b.nic.detach();
        assertThat(b.nic.mitigation().anyTimerPending()).isFalse();
        b.ctx.drain();
        assertThat(b.sent).as("the frame on the wire went with the card").isEmpty();
        assertThat(b.ctx.nowNanos()).as("no event was left to run").isZero();
    }

    @Test
    void aTransmitListThatLoopsOnItselfIsStopped() {
        b.open(4, 4);
        b.ctx.drain();
        b.w(CSR5, ~0);
        long d = b.txDesc(0);
        b.ctx.put32(d + 4, TDES1_FS | TDES1_TCH | 64); // FS without LS, chained to itself
        b.ctx.put32(d + 8, (int) TulipBench.TX_BUFS);
        b.ctx.put32(d + 12, (int) d);
        b.ctx.put32(d, DescOwned);
        b.w(CSR6, b.r(CSR6) & ~TxOn);
        b.w(CSR4, (int) d);
        b.w(CSR6, b.r(CSR6) | TxOn);
        assertThat(b.r(CSR5) & (TxDied | AbnormalIntr)).isEqualTo(TxDied | AbnormalIntr);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("the list loops"));
        b.ctx.drain();
        assertThat(b.sent).isEmpty();
    }
}
