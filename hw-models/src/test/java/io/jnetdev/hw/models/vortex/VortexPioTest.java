package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import org.junit.jupiter.api.Test;

/** The 3c595's programmed-I/O path (B.4 window 1, B.7): receive FIFO, transmit FIFO, TxStatus, TxAvailable. */
class VortexPioTest {
    private final VortexBench b = VortexBench.vortex();

    VortexPioTest() {
        b.up(VortexInterruptsTest.VORTEX_STATUS_ENB, VortexInterruptsTest.VORTEX_INTR_ENB);
    }

    @Test
    void aFrameIsReadThroughTheFifoAndRxDiscardPopsIt() {
        assertThat(b.r16(RxStatus)).as("B.7 nothing waiting: incomplete").isEqualTo(RX_STATUS_INCOMPLETE);
        byte[] f1 = VortexBench.frame(VortexBench.MAC, 99);
        byte[] f2 = VortexBench.frame(0xFFFF_FFFF_FFFFL, 60);
        b.offer(f1);
        b.offer(f2);
        assertThat(b.status() & RxComplete).isEqualTo(RxComplete);
        assertThat(b.r16(RxStatus)).as("length, no error").isEqualTo(99);
        assertThat(b.pioReceive()).isEqualTo(f1);
        assertThat(b.status() & CmdInProgress).as("RxDiscard waits").isEqualTo(CmdInProgress);
        assertThat(b.r16(RxStatus)).isEqualTo(60);
        assertThat(b.pioReceive()).isEqualTo(f2);
        assertThat(b.status() & RxComplete).isZero();
        assertThat(b.nic.rxFramesTotal()).isEqualTo(2);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());
    }

    @Test
    void theFilterFollowsSetRxFilter() {
        byte[] other = VortexBench.frame(VortexBench.OTHER_MAC, 60);
        byte[] multi = VortexBench.frame(0x0100_5E00_0001L, 60);
        b.offer(other);
        b.offer(multi);
        assertThat(b.nic.filteredTotal()).as("station|broadcast: neither").isEqualTo(2);
        b.cmd(SetRxFilter | RxStation | RxBroadcast | RxMulticast);
        b.offer(multi);
        b.offer(other);
        assertThat(b.nic.rxPendingFrames()).as("multicast now").isEqualTo(1);
        b.cmd(SetRxFilter | RxStation | RxBroadcast | RxMulticast | RxProm);
        b.offer(other);
        assertThat(b.nic.rxPendingFrames()).as("promiscuous: everything").isEqualTo(2);
        b.cmd(SetRxFilter | RxBroadcast);
        b.offer(VortexBench.frame(VortexBench.MAC, 60));
        assertThat(b.nic.filteredTotal()).as("without RxStation not even our own address").isEqualTo(4);
        b.cmd(RxDisable);
        b.offer(VortexBench.frame(0xFFFF_FFFF_FFFFL, 60));
        assertThat(b.nic.filteredTotal()).as("receiver off").isEqualTo(5);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());
    }

    @Test
    void runtsOversizeAndBadFcsAreHandedOverWithTheirErrorBitsAndCounted() {
        b.offer(VortexBench.frame(VortexBench.MAC, 40));
        b.offer(VortexBench.frame(VortexBench.MAC, 1519));
        b.offerErrored(VortexBench.frame(VortexBench.MAC, 200), FrameError.FCS);
        b.offer(VortexBench.frame(VortexBench.MAC, 1518));
        int[] errs = new int[4];
        int[] status = new int[4];
        for (int i = 0; i < 4; i++) {
            status[i] = b.r16(RxStatus);
            errs[i] = b.r8(RxErrors);
            b.cmd(RxDiscard);
        }
        assertThat(errs).as("B.7 runt, oversize, CRC, none").containsExactly(RX_ERR_RUNT, RX_ERR_OVERSIZE, RX_ERR_CRC, 0);
        assertThat(status[0]).isEqualTo(RX_STATUS_ERROR | 40);
        assertThat(status[1]).as("oversize stored truncated at the limit").isEqualTo(RX_STATUS_ERROR | 1518);
        assertThat(status[3]).as("1514 + VLAN tag is fine").isEqualTo(1518);
        assertThat(b.nic.rxErrorsTotal()).isEqualTo(3);
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
        assertThat(b.wr8(6, Wn6_FramesRcvdOk)).as("W6 counts good frames only").isEqualTo(1);
        b.select(3);
        b.w16(Wn3_MAC_Ctrl, MAC_CTRL_LARGE_PACKETS);
        b.offer(VortexBench.frame(VortexBench.MAC, 4000));
        assertThat(b.r16(RxStatus)).as("large packets allowed").isEqualTo(4000);
    }

    @Test
    void overrunWhenTheHostDoesNotDrainTheFifo() {
        byte[] f = VortexBench.frame(VortexBench.MAC, 1000);
        for (int i = 0; i < 10; i++) {
            b.offer(f);
        }
        int fits = VortexRx.FIFO_SIZE / PacketFifo.cost(1000);
        assertThat(b.nic.rxPendingFrames()).as("8 KiB / 1004 bytes").isEqualTo(fits).isEqualTo(8);
        assertThat(b.nic.overrunTotal()).isEqualTo(10 - fits);
        assertThat(b.wr8(6, Wn6_RxOverruns)).as("B.4 W6 RX overruns").isEqualTo(10 - fits);
        b.pioReceive();
        b.offer(f);
        assertThat(b.nic.overrunTotal()).as("room again after one RxDiscard").isEqualTo(10 - fits);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());
        b.cmd(RxReset);
        assertThat(b.nic.rxFlushedTotal()).isEqualTo(fits);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());
    }

    @Test
    void aFrameWrittenThroughTheTxFifoGoesOutAndTxFreeFollows() {
        assertThat(b.r16(TxFree)).isEqualTo(VortexTx.FIFO_SIZE);
        byte[] f = VortexBench.frame(VortexBench.OTHER_MAC, 101);
        b.cmd(TxDisable);
        b.pioSend(f, 0);
        assertThat(b.r16(TxFree)).as("101 bytes → 104 + status dword").isEqualTo(VortexTx.FIFO_SIZE - 108);
        b.ctx.drain();
        assertThat(b.sent).as("transmitter disabled").isEmpty();
        b.cmd(TxEnable);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        assertThat(b.sent.get(0).bytes()).isEqualTo(f);
        assertThat(b.r16(TxFree)).isEqualTo(VortexTx.FIFO_SIZE);
        assertThat(b.r8(TxStatus)).as("no status without the interrupt bit").isZero();
        assertThat(b.wr8(6, Wn6_FramesXmittedOk)).isEqualTo(1);
        assertThat(b.nic.txFramesTotal()).isEqualTo(1);
    }

    @Test
    void thePreambleInterruptBitPushesATxStatusAndTxCompleteUntilPopped() {
        b.pioSend(VortexBench.frame(VortexBench.OTHER_MAC, 60), TX_PREAMBLE_INTERRUPT);
        b.pioSend(VortexBench.frame(VortexBench.OTHER_MAC, 60), TX_PREAMBLE_INTERRUPT);
        b.ctx.drain();
        assertThat(b.status() & (TxComplete | IntLatch)).isEqualTo(TxComplete | IntLatch);
        assertThat(b.r8(TxStatus)).isEqualTo(TX_STATUS_COMPLETE | TX_STATUS_INTERRUPT_REQUESTED);
        b.w8(TxStatus, 0);
        assertThat(b.status() & TxComplete).as("one left").isEqualTo(TxComplete);
        b.w8(TxStatus, 0);
        assertThat(b.r8(TxStatus)).isZero();
        assertThat(b.status() & TxComplete).isZero();
    }

    @Test
    void txAvailableFiresOnceWhenTxFreeReachesTheThreshold() {
        b.cmd(TxDisable);
        byte[] big = VortexBench.frame(VortexBench.OTHER_MAC, 1514);
        for (int i = 0; i < 5; i++) {
            b.pioSend(big, 0);
        }
        assertThat(b.r16(TxFree)).isLessThan(1536);
        b.cmd(SetTxThreshold + (1536 >> 2));
        assertThat(b.status() & TxAvailable).as("not yet").isZero();
        b.cmd(TxEnable);
        b.ctx.drain();
        assertThat(b.status() & (TxAvailable | IntLatch)).isEqualTo(TxAvailable | IntLatch);
        b.cmd(AckIntr | TxAvailable | IntLatch);
        assertThat(b.status() & TxAvailable).isZero();
        b.pioSend(big, 0);
        b.ctx.drain();
        assertThat(b.status() & TxAvailable).as("one-shot: disarmed").isZero();
        b.cmd(SetTxThreshold + (1536 >> 2));
        assertThat(b.status() & TxAvailable).as("re-armed with room: at once").isEqualTo(TxAvailable);
    }

    @Test
    void aFrameThatDoesNotFitIsSwallowedAndLogged() {
        b.cmd(TxDisable);
        byte[] big = VortexBench.frame(VortexBench.OTHER_MAC, 1514);
        for (int i = 0; i < 6; i++) {
            b.pioSend(big, 0);
        }
        assertThat(b.nic.txDroppedTotal()).isEqualTo(1);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("does not fit"));
        b.cmd(TxEnable);
        b.ctx.drain();
        assertThat(b.sent).hasSize(5);
        assertThat(b.sent).allSatisfy(s -> assertThat(s.bytes()).isEqualTo(big));
    }

    @Test
    void transmissionIsPacedAt100Mbps() {
        int n = 50;
        b.cmd(TxDisable);
        for (int i = 0; i < n; i++) {
            b.pioSend(VortexBench.frame(VortexBench.OTHER_MAC, 60), 0);
        }
        long start = b.ctx.nowNanos();
        b.cmd(TxEnable);
        b.ctx.drain();
        assertThat(b.sent).hasSize(n);
        long perFrame = EthernetPort.wireBits(60) * 10; // 672 bit times at 10 ns = 6.72 µs
        assertThat(b.sent.get(0).nanos() - start).isEqualTo(perFrame);
        for (int i = 1; i < n; i++) {
            assertThat(b.sent.get(i).nanos() - b.sent.get(i - 1).nanos()).as("frame %d", i).isEqualTo(perFrame);
        }
        double fps = n * 1e9 / (b.sent.get(n - 1).nanos() - start);
        assertThat(fps).as("D: 148,809.5 pps at 100 Mb/s").isCloseTo(148_809.5, org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void theTornadoHasNoPioDataPath() {
        VortexBench t = VortexBench.tornado();
        t.up(VortexInterruptsTest.BOOM_STATUS_ENB, VortexInterruptsTest.BOOM_INTR_ENB);
        t.pioSend(VortexBench.frame(VortexBench.OTHER_MAC, 60), 0);
        t.ctx.drain();
        assertThat(t.sent).isEmpty();
        assertThat(t.ctx.log).anySatisfy(l -> assertThat(l).contains("no PIO data path"));
    }
}
