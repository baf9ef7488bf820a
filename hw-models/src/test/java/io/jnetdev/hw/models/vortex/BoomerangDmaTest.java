package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.models.testing.WireRecorder;
import org.junit.jupiter.api.Test;

/** The 3c905C's upload and download engines (B.5, B.6): UPD/DPD lists, stall/unstall, completion bits, overrun. */
class BoomerangDmaTest {
    private final VortexBench b = VortexBench.tornado();

    BoomerangDmaTest() {
        b.up(VortexInterruptsTest.BOOM_STATUS_ENB, VortexInterruptsTest.BOOM_INTR_ENB);
    }

    @Test
    void framesAreUploadedIntoUpdsWithStatusAndUpComplete() {
        b.updRing(4);
        byte[] f = VortexBench.frame(VortexBench.MAC, 200);
        b.offer(f);
        assertThat(b.updStatus(0)).as("B.6 length | UpComplete").isEqualTo(200 | RxDComplete);
        assertThat(b.rxBuffer(0, 200)).isEqualTo(f);
        assertThat(b.r32(UpListPtr)).as("follows next").isEqualTo((int) (VortexBench.UPD_RING + 16));
        assertThat(b.r32(UpPktStatus) & 0xFFFF).isEqualTo(200 | UP_CMPLT);
        assertThat(b.status() & (UpComplete | IntLatch)).isEqualTo(UpComplete | IntLatch);
        assertThat(b.ctx.intx).isTrue();
        assertThat(b.r32(PktStatus) & DMACTL_UP_CMPLT).isEqualTo(DMACTL_UP_CMPLT);
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
    }

    @Test
    void badFramesAreUploadedWithUpErrorAndTheirErrorBits() {
        b.updRing(4);
        b.offer(VortexBench.frame(VortexBench.MAC, 30));
        b.offerErrored(VortexBench.frame(VortexBench.MAC, 100), FrameError.FCS);
        b.offerErrored(VortexBench.frame(VortexBench.MAC, 100), FrameError.ALIGNMENT);
        b.offer(VortexBench.frame(VortexBench.MAC, 1600));
        assertThat(new int[] {b.updStatus(0) >>> 16, b.updStatus(1) >>> 16, b.updStatus(2) >>> 16, b.updStatus(3) >>> 16})
                .as("B.6 runt, CRC, alignment, oversize").containsExactly(0x02, 0x08, 0x04, 0x10);
        for (int i = 0; i < 4; i++) {
            assertThat(b.updStatus(i) & (RxDError | RxDComplete)).isEqualTo(RxDError | RxDComplete);
        }
        assertThat(b.nic.rxErrorsTotal()).isEqualTo(4);
        assertThat(b.nic.rxFramesTotal()).isZero();
    }

    @Test
    void theUploadStallsAtAnUnreleasedUpdAndFramesOverrunOnceTheFifoIsFull() {
        b.updRing(2);
        byte[] f = VortexBench.frame(VortexBench.MAC, 1000);
        b.offer(f);
        b.offer(f);
        assertThat(b.r32(UpListPtr)).as("wrapped back to UPD 0").isEqualTo((int) VortexBench.UPD_RING);
        b.offer(f);
        assertThat(b.r32(UpPktStatus) & UP_STALLED).as("UPD 0 not released: stalled").isEqualTo(UP_STALLED);
        assertThat(b.nic.rxPendingFrames()).as("waits in the on-chip FIFO").isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            b.offer(f);
        }
        int fits = VortexRx.FIFO_SIZE / PacketFifo.cost(1000);
        assertThat(b.nic.rxPendingFrames()).isEqualTo(fits);
        assertThat(b.nic.overrunTotal()).isEqualTo(11 - fits);
        assertThat(b.wr8(6, Wn6_RxOverruns)).isEqualTo(11 - fits);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());

        b.releaseUpd(0);
        assertThat(b.updStatus(0) & RxDComplete).as("UpUnstall: the next frame goes into UPD 0").isEqualTo(RxDComplete);
        assertThat(b.r32(UpPktStatus) & UP_STALLED).as("and stalls again at UPD 1").isEqualTo(UP_STALLED);
        int uploaded = 2;
        for (int round = 0; round < 20 && b.nic.rxPendingFrames() > 0; round++) {
            int i = uploaded % 2 == 0 ? 1 : 0;
            b.releaseUpd(i);
            uploaded++;
        }
        assertThat(b.nic.rxPendingFrames()).isZero();
        assertThat(b.nic.rxFramesTotal()).isEqualTo(2 + fits);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.accounted());
    }

    @Test
    void upStallHoldsTheEngineAndUpUnstallLetsItGo() {
        b.updRing(4);
        b.cmd(UpStall);
        assertThat(b.status() & CmdInProgress).isEqualTo(CmdInProgress);
        b.offer(VortexBench.frame(VortexBench.MAC, 60));
        assertThat(b.updStatus(0)).isZero();
        b.cmd(UpUnstall);
        b.ctx.run(0);
        assertThat(b.updStatus(0) & RxDComplete).isEqualTo(RxDComplete);
    }

    @Test
    void theEndOfTheUpdListIdlesTheEngineUntilUpListPtrIsWritten() {
        b.updRing(1);
        b.ctx.put32(VortexBench.UPD_RING, 0); // next = 0: a list, not a ring
        b.offer(VortexBench.frame(VortexBench.MAC, 60));
        assertThat(b.r32(UpListPtr)).isZero();
        b.offer(VortexBench.frame(VortexBench.MAC, 60));
        assertThat(b.nic.rxPendingFrames()).isEqualTo(1);
        b.ctx.put32(VortexBench.UPD_RING + 4, 0);
        b.w32(UpListPtr, (int) VortexBench.UPD_RING);
        b.ctx.run(0);
        assertThat(b.nic.rxPendingFrames()).isZero();
        assertThat(b.nic.rxFramesTotal()).isEqualTo(2);
    }

    @Test
    void aDpdListIsDownloadedWithDnCompleteAndBit31RaisesDownComplete() {
        byte[] f0 = VortexBench.frame(VortexBench.OTHER_MAC, 100);
        byte[] f1 = VortexBench.frame(VortexBench.OTHER_MAC, 200);
        b.dpd(0, f0, 0);
        b.dpd(1, f1, TxIntrUploaded);
        b.linkDpd(0, 1);
        b.cmd(DownStall);
        assertThat(b.r32(DownListPtr)).isZero();
        b.w32(DownListPtr, (int) b.dpdAddr(0));
        b.ctx.run(0);
        assertThat(b.dpdHeader(0) & DN_COMPLETE).as("stalled: nothing downloaded").isZero();
        assertThat(b.r32(PktStatus) & DMACTL_DOWN_STALLED).isEqualTo(DMACTL_DOWN_STALLED);
        b.cmd(DownUnstall);
        b.ctx.run(0);
        assertThat(b.dpdHeader(0)).as("B.6 bit 16 set when downloaded").isEqualTo(100 | DN_COMPLETE);
        assertThat(b.dpdHeader(1)).isEqualTo(200 | TxIntrUploaded | DN_COMPLETE);
        assertThat(b.r32(DownListPtr)).as("end of list").isZero();
        assertThat(b.status() & (DownComplete | IntLatch)).as("once downloaded, before the wire").isEqualTo(DownComplete | IntLatch);
        assertThat(b.sent).isEmpty();
        b.ctx.drain();
        assertThat(b.sent).extracting(WireRecorder.Sent::bytes).containsExactly(f0, f1);
        assertThat(b.nic.txFramesTotal()).isEqualTo(2);
    }

    @Test
    void withoutBit31ThereIsNoDownCompleteAndBit15AsksForATxStatus() {
        b.dpd(0, VortexBench.frame(VortexBench.OTHER_MAC, 60), TxDComplete);
        b.w32(DownListPtr, (int) b.dpdAddr(0));
        b.ctx.drain();
        assertThat(b.status() & DownComplete).isZero();
        assertThat(b.status() & TxComplete).isEqualTo(TxComplete);
        assertThat(b.r8(TxStatus)).isEqualTo(TX_STATUS_COMPLETE | TX_STATUS_INTERRUPT_REQUESTED);
    }

    @Test
    void downloadsWaitForRoomInTheTxFifoAndTheWireIsPacedAt100Mbps() {
        int n = 12;
        byte[] big = VortexBench.frame(VortexBench.OTHER_MAC, 1514);
        for (int i = 0; i < n; i++) {
            b.dpd(i, big, i == n - 1 ? TxIntrUploaded : 0);
            if (i > 0) {
                b.linkDpd(i - 1, i);
            }
        }
        long start = b.ctx.nowNanos();
        b.w32(DownListPtr, (int) b.dpdAddr(0));
        b.ctx.run(0);
        int inFifo = VortexTx.FIFO_SIZE / PacketFifo.cost(1514);
        assertThat(b.r32(DownListPtr)).as("%d frames fit in the 8 KiB FIFO", inFifo).isEqualTo((int) b.dpdAddr(inFifo));
        b.ctx.drain();
        assertThat(b.sent).hasSize(n);
        long perFrame = EthernetPort.wireBits(1514) * 10;
        for (int i = 0; i < n; i++) {
            assertThat(b.sent.get(i).nanos() - start).as("frame %d", i).isEqualTo((i + 1) * perFrame);
        }
        assertThat(b.r32(DownListPtr)).isZero();
    }

    @Test
    void aDpdLongerThanTheFifoIsConsumedWithoutSendingSoTheListGoesOn() {
        byte[] f = VortexBench.frame(VortexBench.OTHER_MAC, 100);
        b.dpd(0, f, 0);
        b.ctx.put32(b.dpdAddr(0) + 4, 8191); // header length 8191: more than the 8 KiB FIFO holds
        b.dpd(1, f, 0);
        b.linkDpd(0, 1);
        b.w32(DownListPtr, (int) b.dpdAddr(0));
        b.ctx.drain();
        assertThat(b.dpdHeader(0) & DN_COMPLETE).isEqualTo(DN_COMPLETE);
        assertThat(b.sent).extracting(WireRecorder.Sent::bytes).containsExactly(f);
        assertThat(b.nic.txDroppedTotal()).isEqualTo(1);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("8191 bytes"));
    }

    @Test
    void aDescriptorOutsideTheDmaViewRaisesHostErrorAndStopsTheEngine() {
        b.w32(DownListPtr, 0x1000);
        b.ctx.run(0);
        assertThat(b.status() & HostError).isEqualTo(HostError);
        assertThat(b.r32(PktStatus) & DMACTL_MASTER_ABORT).isEqualTo(DMACTL_MASTER_ABORT);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("download engine stopped", "0x1000"));
        b.cmd(TotalReset | 0xFF);
        assertThat(b.r32(PktStatus) & DMACTL_MASTER_ABORT).as("TotalReset clears it").isZero();
    }

    @Test
    void withBusMasteringOffNothingMovesAndFramesOverrun() {
        b.ctx.busMaster = false;
        b.updRing(4);
        byte[] f = VortexBench.frame(VortexBench.MAC, 1000);
        for (int i = 0; i < 10; i++) {
            b.offer(f);
        }
        assertThat(b.updStatus(0)).isZero();
        assertThat(b.nic.overrunTotal()).isEqualTo(2);
        b.ctx.busMaster = true;
        b.nic.commandWritten(0x7);
        b.ctx.run(0);
        assertThat(b.nic.rxFramesTotal()).as("bus mastering on: the engine drains the FIFO").isEqualTo(4);
    }
}
