package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.FrameError;
import org.junit.jupiter.api.Test;

/** Address filter (A.9), bad frames and the statistics registers (A.4). */
class E1000eFilterTest {
    private static final long BROADCAST = 0xFFFF_FFFF_FFFFL;
    private static final long MULTICAST = 0x0100_5E00_0001L; // 01:00:5e:00:00:01
    private final Bench b = new Bench();

    @Test
    void unicastPassesOnlyForAValidRarEntryUnlessPromiscuous() {
        b.rxRing(64, false);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        b.offer(Bench.frame(Bench.OTHER_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("A.9 RAL0/RAH0 (loaded from the NVM with AV)").isEqualTo(1);
        assertThat(b.nic.filteredTotal()).as("the other address is filtered, counted in the model only").isEqualTo(1);

        b.w(ral(3), E1000eState.ralOf(Bench.OTHER_MAC));
        b.w(rah(3), E1000eState.rahOf(Bench.OTHER_MAC));
        b.offer(Bench.frame(Bench.OTHER_MAC, 64));
        assertThat(b.nic.filteredTotal()).as("A.9 an entry without RAH.AV does not match").isEqualTo(2);
        b.w(rah(3), E1000eState.rahOf(Bench.OTHER_MAC) | 0x8000_0000);
        b.offer(Bench.frame(Bench.OTHER_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("RAL3/RAH3 with AV matches").isEqualTo(2);

        b.offer(Bench.frame(0x0200_0000_0099L, 64));
        b.w(RCTL, b.r(RCTL) | RCTL_UPE);
        b.offer(Bench.frame(0x0200_0000_0099L, 64));
        assertThat(b.nic.rxFramesTotal()).as("A.9 UPE: unicast promiscuous").isEqualTo(3);
        assertThat(b.nic.filteredTotal()).isEqualTo(3);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());
    }

    @Test
    void broadcastNeedsBam() {
        b.rxRing(64, false);
        b.offer(Bench.frame(BROADCAST, 64));
        b.w(RCTL, b.r(RCTL) & ~RCTL_BAM);
        b.offer(Bench.frame(BROADCAST, 64));
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
        assertThat(b.nic.filteredTotal()).as("A.9 BAM clear: broadcast filtered").isEqualTo(1);
        assertThat(b.r(BPRC)).as("A.4 BPRC").isEqualTo(1);
    }

    @Test
    void multicastPassesThroughTheMtaHashOrMpe() {
        b.rxRing(64, false);
        b.offer(Bench.frame(MULTICAST, 64));
        assertThat(b.nic.filteredTotal()).as("empty MTA").isEqualTo(1);
        // A.9: MO = 0 → shift 4; index = ((octet5 << 8 | octet4) >> 4) & 0xFFF = (0x0100 >> 4) = 0x010
        int index = ((0x01 << 8 | 0x00) >> 4) & 0xFFF;
        b.w(MTA + 4 * (index >>> 5), 1 << (index & 31));
        b.offer(Bench.frame(MULTICAST, 64));
        assertThat(b.nic.rxFramesTotal()).as("A.9 MTA hash hit").isEqualTo(1);
        b.w(RCTL, b.r(RCTL) | 3 << RCTL_MO_SHIFT); // MO 3 → shift 0: index 0x100, not set
        b.offer(Bench.frame(MULTICAST, 64));
        assertThat(b.nic.filteredTotal()).as("A.9 RCTL.MO changes the hashed bits").isEqualTo(2);
        b.w(RCTL, b.r(RCTL) | RCTL_MPE);
        b.offer(Bench.frame(MULTICAST, 64));
        assertThat(b.nic.rxFramesTotal()).as("A.9 MPE: all multicast").isEqualTo(2);
        assertThat(b.r(MPRC)).as("A.4 MPRC").isEqualTo(2);
    }

    @Test
    void runtsAndOversizeFramesCountInRucRocAndRlec() {
        b.rxRing(64, false);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 59));
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 1515));
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 1514));
        byte[] tagged = Bench.frame(E1000e.DEFAULT_MAC, 1518);
        tagged[12] = (byte) 0x81;
        tagged[13] = 0x00;
        b.offer(tagged);
        byte[] tooLongTagged = Bench.frame(E1000e.DEFAULT_MAC, 1519);
        tooLongTagged[12] = (byte) 0x81;
        tooLongTagged[13] = 0x00;
        b.offer(tooLongTagged);
        assertThat(b.r(RUC)).as("runt < 60 bytes without FCS").isEqualTo(1);
        assertThat(b.r(ROC)).as("> 1514 untagged, > 1518 tagged").isEqualTo(2);
        assertThat(b.r(RLEC)).as("both in RLEC").isEqualTo(3);
        assertThat(b.nic.rxFramesTotal()).as("1514 and a tagged 1518 pass").isEqualTo(2);

        b.w(RCTL, b.r(RCTL) | RCTL_LPE | RCTL_BSEX | 1 << RCTL_BSIZE_SHIFT); // 16 KiB buffers
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 9000));
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, MAX_JUMBO_FRAME_FCS - 3));
        assertThat(b.nic.rxFramesTotal()).as("A.9 LPE: jumbo up to 9234 with FCS").isEqualTo(3);
        assertThat(b.r(ROC)).isEqualTo(1);
        assertThat(b.nic.rxErrorsTotal()).isEqualTo(4);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());
    }

    @Test
    void damagedFramesAreCountedAndDroppedUnlessSbp() {
        b.rxRing(64, false);
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 64);
        b.offerErrored(f, FrameError.FCS);
        b.offerErrored(f, FrameError.ALIGNMENT);
        b.offerErrored(f, FrameError.SYMBOL);
        assertThat(new int[] {b.r(CRCERRS), b.r(ALGNERRC), b.r(SYMERRS)}).containsExactly(1, 1, 1);
        assertThat(b.nic.rxFramesTotal()).isZero();
        assertThat(b.nic.rxErrorsTotal()).isEqualTo(3);

        b.w(RCTL, b.r(RCTL) | RCTL_SBP);
        b.offerErrored(f, FrameError.FCS);
        b.offerErrored(f, FrameError.SYMBOL);
        assertThat(b.nic.rxFramesTotal()).as("A.9 SBP stores bad packets").isEqualTo(2);
        assertThat(b.legacyErrors(0)).as("A.13 CE").isEqualTo(RXD_ERR_CE);
        assertThat(b.legacyErrors(1)).as("A.13 SE").isEqualTo(RXD_ERR_SE);
        assertThat(b.r(CRCERRS)).as("still counted").isEqualTo(1);
        assertThat(b.r(GPRC)).as("not good packets").isZero();
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());
    }

    @Test
    void statisticsClearOnReadAndTheHighHalfClearsAPair() {
        b.rxRing(64, false);
        for (int i = 0; i < 3; i++) {
            b.offer(Bench.frame(E1000e.DEFAULT_MAC, 100));
        }
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 1000));
        assertThat(b.r(GPRC)).isEqualTo(4);
        assertThat(b.r(GPRC)).as("A.4 read-to-clear").isZero();
        assertThat(b.r(TPR)).isEqualTo(4);
        assertThat(new int[] {b.r(PRC64), b.r(PRC127), b.r(PRC1023)}).as("size buckets count with FCS: 104 and 1004")
                .containsExactly(0, 3, 1);
        int octets = 3 * 104 + 1004;
        assertThat(b.r(GORCL)).as("A.4 octets include the FCS").isEqualTo(octets);
        assertThat(b.r(GORCL)).as("reading the low half has no side effect").isEqualTo(octets);
        assertThat(b.r(GORCH)).isZero();
        assertThat(b.r(GORCL)).as("A.4 reading the high half clears both halves").isZero();
        assertThat(b.r(TORL)).isEqualTo(octets);
    }

    @Test
    void countersSaturate() {
        int[] mac = new int[(int) (BAR_REGS_SIZE / 4)];
        mac[MPC >>> 2] = -2;
        E1000eStats.inc(mac, MPC);
        E1000eStats.inc(mac, MPC);
        assertThat(mac[MPC >>> 2]).as("A.4 inc if not full: stays at 0xFFFFFFFF").isEqualTo(-1);
        mac[GORCL >>> 2] = -10;
        mac[GORCH >>> 2] = -1;
        E1000eStats.add64(mac, GORCL, 100);
        assertThat(new int[] {mac[GORCL >>> 2], mac[GORCH >>> 2]}).containsExactly(-1, -1);
    }
}
