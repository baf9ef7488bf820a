package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The setup frame (C.9) and CSR6's promiscuous and pass-all-multicast bits (C.5). */
class TulipFilterTest {
    private static final long GROUP_A = 0x0100_5E00_0001L;
    private static final long GROUP_B = 0x0100_5E7F_0203L;
    private final TulipBench b = new TulipBench();

    @Test
    void theSetupFrameCompletesWithoutWireTimeAndTi() {
        b.rxRing(4);
        b.txRing(4);
        b.w(CSR7, TxIntr | NormalIntr);
        int slot = b.loadSetupFrame(TulipBench.perfectSetupFrame(), TDES1_IC);
        assertThat(b.tdes0(slot)).as("C.9 QEMU's completion status").isEqualTo(TDES0_SETUP_DONE);
        assertThat(b.r(CSR5) & TxIntr).as("IC: TI").isEqualTo(TxIntr);
        assertThat(b.ctx.nowNanos()).as("no wire time").isZero();
        assertThat(b.sent).as("a setup frame is not sent").isEmpty();
    }

    @Test
    void perfectFilteringAcceptsItsSixteenEntriesOnly() {
        b.open(16, 4);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.offer(TulipBench.frame(TulipBench.BROADCAST, 64));
        b.offer(TulipBench.frame(TulipBench.OTHER_MAC, 64));
        b.offer(TulipBench.frame(GROUP_A, 64));
        assertThat(b.nic.rxFramesTotal()).as("own MAC and broadcast (Linux fills unused entries with it)").isEqualTo(2);
        assertThat(b.nic.filteredTotal()).as("other unicast and an unlisted group, counted").isEqualTo(2);
        assertThat(b.r(CSR8) & CSR8_MISSED_MASK).as("filtered frames are not missed").isZero();

        b.loadSetupFrame(TulipBench.perfectSetupFrame(GROUP_A, GROUP_B), 0);
        b.offer(TulipBench.frame(GROUP_A, 64));
        b.offer(TulipBench.frame(GROUP_B, 64));
        assertThat(b.nic.rxFramesTotal()).as("groups in the table pass").isEqualTo(4);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());
    }

    @Test
    void broadcastPassesOnlyWhenTheTableHoldsIt() {
        b.open(8, 4);
        byte[] noBroadcast = new byte[SETUP_FRAME_LEN];
        for (int n = 0; n < 16; n++) {
            TulipBench.putPerfect(noBroadcast, n, TulipBench.MAC);
        }
        b.loadSetupFrame(noBroadcast, 0);
        b.offer(TulipBench.frame(TulipBench.BROADCAST, 64));
        assertThat(b.nic.filteredTotal()).as("\"21140 needs broadcast\": the chip has no broadcast bypass").isEqualTo(1);
    }

    @Test
    void inverseFilteringTakesEverythingElse() {
        b.open(8, 4);
        b.loadSetupFrame(TulipBench.perfectSetupFrame(), TDES1_FT1);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        b.offer(TulipBench.frame(TulipBench.OTHER_MAC, 64));
        assertThat(b.nic.filteredTotal()).isEqualTo(1);
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
    }

    @Test
    void hashFilteringLooksGroupsUpInTheTableAndComparesTheStationAddress() {
        b.open(16, 4);
        TulipSetupFrame probe = new TulipSetupFrame();
        int bitA = probe.hashIndex(GROUP_A);
        assertThat(probe.hashIndex(TulipBench.BROADCAST)).as("C.9 broadcast hashes to bit 255").isEqualTo(255);
        byte[] setup = new byte[SETUP_FRAME_LEN];
        for (int bit : new int[] {bitA, 255}) {
            setup[(bit >>> 4) * 4 + ((bit & 15) >>> 3)] |= (byte) (1 << (bit & 7));
        }
        // the station address as the one perfect entry, longwords 39-41
        for (int k = 0; k < 3; k++) {
            setup[156 + 4 * k] = (byte) (TulipBench.MAC >>> (40 - 16 * k));
            setup[157 + 4 * k] = (byte) (TulipBench.MAC >>> (32 - 16 * k));
        }
        b.loadSetupFrame(setup, TDES1_FT0);
        assertThat(b.r(CSR6) & CSR6_HP).isEqualTo(CSR6_HP);
        b.offer(TulipBench.frame(GROUP_A, 64));
        b.offer(TulipBench.frame(TulipBench.BROADCAST, 64));
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("hashed group, broadcast (bit 255), station address").isEqualTo(3);
        assertThat(probe.hashIndex(GROUP_B)).isNotEqualTo(bitA).isNotEqualTo(255);
        b.offer(TulipBench.frame(GROUP_B, 64));
        b.offer(TulipBench.frame(TulipBench.OTHER_MAC, 64));
        assertThat(b.nic.filteredTotal()).isEqualTo(2);
    }

    @Test
    void promiscuousTakesEverythingAndFlagsWhatTheFilterWouldHaveDropped() {
        b.open(8, 4);
        b.w(CSR6, b.r(CSR6) | AcceptAllPhys);
        b.offer(TulipBench.frame(TulipBench.OTHER_MAC, 64));
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.nic.filteredTotal()).isZero();
        assertThat(b.rdes0(0) & RDES0_FF).as("C.8 FF: passed only by PR").isEqualTo(RDES0_FF);
        assertThat(b.rdes0(1) & RDES0_FF).isZero();
    }

    @Test
    void passAllMulticastTakesGroupsButNotOtherUnicast() {
        b.open(8, 4);
        b.w(CSR6, b.r(CSR6) | AcceptAllMulticast);
        b.offer(TulipBench.frame(GROUP_A, 64));
        b.offer(TulipBench.frame(GROUP_B, 64));
        b.offer(TulipBench.frame(TulipBench.OTHER_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).isEqualTo(2);
        assertThat(b.nic.filteredTotal()).isEqualTo(1);
    }
}
