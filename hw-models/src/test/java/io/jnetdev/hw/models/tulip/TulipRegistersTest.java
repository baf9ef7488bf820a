package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSR decode (C.2), the software reset (C.3, C.6 reset values), CSR6's read-only bits (C.5), CSR12 (C.6). */
class TulipRegistersTest {
    private final TulipBench b = new TulipBench();

    @Test
    void bothBarsReachTheSameCsrsAtEightByteSpacing() {
        b.w(CSR3, 0x1000_0000);
        assertThat(b.nic.read(BAR_IO, CSR3, 4)).as("C.1 BAR0 (I/O) and BAR1 (memory) decode the same CSRs")
                .isEqualTo(0x1000_0000L);
        b.nic.write(BAR_IO, CSR4, 4, 0x1000_0103L);
        assertThat(b.r(CSR4)).as("C.2 CSR4 at 0x20; low two bits ignored").isEqualTo(0x1000_0100);
        b.w(CSR10, 0x1234_5678);
        assertThat(b.r(CSR10)).as("CSR10 at 0x50 is storage").isEqualTo(0x1234_5678);
    }

    @Test
    void onlyThirtyTwoBitAccessesAtCsrOffsetsAreTaken() {
        b.w(CSR7, VALID_INTRS_21143);
        assertThat(b.nic.read(BAR_MEM, CSR7, 2)).as("a 2-byte read is refused: 0").isZero();
        assertThat(b.nic.read(BAR_MEM, CSR7, 1)).isZero();
        assertThat(b.nic.read(BAR_MEM, CSR7 + 4, 4)).as("offset 8n+4 is no CSR").isZero();
        b.nic.write(BAR_MEM, CSR7, 2, 0);
        b.nic.write(BAR_IO, CSR7, 1, 0);
        b.nic.write(BAR_MEM, CSR7, 8, 0);
        b.nic.write(BAR_MEM, CSR7 + 4, 4, 0);
        assertThat(b.r(CSR7)).as("narrow, wide and misplaced writes change nothing").isEqualTo(VALID_INTRS_21143);
        assertThat(b.nic.refusedAccesses).isEqualTo(7);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("2-byte read at BAR1+0x38 ignored", "32-bit"));
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("4-byte write at BAR1+0x3c ignored"));
    }

    @Test
    void softwareResetRestoresTheResetValuesAndStopsEverything() {
        b.open(4, 4);
        b.w(CSR11, 0x0001_0010);
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.r(CSR6) & (RxOn | TxOn)).isEqualTo(RxOn | TxOn);
        b.nic.port().setLinkUp(false);
        b.offer(TulipBench.frame(TulipBench.MAC, 64)); // missed: link down
        b.nic.port().setLinkUp(true);

        b.w(CSR0, CSR0_SWR);
        assertThat(b.r(CSR0)).as("C.6 CSR0 after reset; SWR reads back clear").isEqualTo(CSR0_RESET);
        assertThat(b.r(CSR5)).as("C.6 CSR5 0xF0000000: no status, RS = TS = 0 (stopped)").isEqualTo(CSR5_RESET);
        assertThat(b.r(CSR6) & (RxOn | TxOn | CSR6_FILTER_RO)).as("processes off, perfect filtering").isZero();
        assertThat(b.r(CSR7)).isEqualTo(CSR7_RESET);
        assertThat(b.r(CSR8) & CSR8_MISSED_MASK).as("the missed-frame counter is cleared").isZero();
        assertThat(b.r(CSR9)).isEqualTo(CSR9_RESET | CSR9_MDI);
        assertThat(b.r(CSR11)).as("timer stopped, no mitigation").isZero();
        assertThat(b.nic.mitigation().anyTimerPending()).isFalse();
        assertThat(b.ctx.intx).isFalse();
        b.offer(TulipBench.frame(TulipBench.MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("a reset receiver takes nothing until started").isEqualTo(1);
        b.w(CSR0, 0x01A0_8000);
        assertThat(b.r(CSR0)).as("the driver's bus mode sticks").isEqualTo(0x01A0_8000);
    }

    @Test
    void csr6FilterModeBitsAreReadOnly() {
        b.w(CSR6, CSR6_HP | CSR6_HO | CSR6_IF | AcceptAllPhys);
        assertThat(b.r(CSR6)).as("C.5 HP, HO, IF read-only: set by the setup frame only").isEqualTo(AcceptAllPhys);
        b.txRing(4);
        b.loadSetupFrame(TulipBench.perfectSetupFrame(), TDES1_FT0);
        assertThat(b.r(CSR6) & CSR6_FILTER_RO).as("a hash setup frame sets HP").isEqualTo(CSR6_HP);
        b.loadSetupFrame(TulipBench.perfectSetupFrame(), TDES1_FT1 | TDES1_FT0);
        assertThat(b.r(CSR6) & CSR6_FILTER_RO).as("hash-only: HP|HO").isEqualTo(CSR6_HP | CSR6_HO);
        b.loadSetupFrame(TulipBench.perfectSetupFrame(), TDES1_FT1);
        assertThat(b.r(CSR6) & CSR6_FILTER_RO).as("inverse: IF").isEqualTo(CSR6_IF);
    }

    @Test
    void csr12On21143IsTheSiaStatusFollowingTheCable() {
        int up = b.r(CSR12);
        assertThat(up & CSR12_LS100).as("C.6 LS100 = 0: 100 Mb/s link pass").isZero();
        assertThat((up >>> CSR12_ANS_SHIFT) & 7).as("ANS 5: FLP link good").isEqualTo(ANS_LINK_GOOD);
        assertThat(up >>> CSR12_LPC_SHIFT).as("a 10/100 partner code word").isEqualTo(PARTNER_CODE_WORD);
        b.w(CSR7, LinkChange | AbnormalIntr);
        b.nic.port().setLinkUp(false);
        assertThat(b.r(CSR12) & CSR12_LS100).as("cable out: LS100 = 1").isEqualTo(CSR12_LS100);
        assertThat(b.r(CSR5) & (LinkChange | AbnormalIntr)).as("C.4 LC raised, abnormal").isEqualTo(LinkChange | AbnormalIntr);
        assertThat(b.ctx.intx).isTrue();
    }

    @Test
    void csr12On21140IsTheGeneralPurposePortWithLinkSenseOnPin6() {
        TulipBench t = new TulipBench(Tulip.dec21140(TulipBench.MAC));
        t.w(CSR12, 0x13F); // directions: pins 0-5 out, 6-7 in (the SROM's GP direction byte)
        t.w(CSR12, 0x05);  // data on the outputs
        assertThat(t.r(CSR12)).as("pin 6 = link, outputs read back").isEqualTo(0x45);
        t.nic.port().setLinkUp(false);
        assertThat(t.r(CSR12)).isEqualTo(0x05);
        assertThat(t.r(CSR5) & LinkChange).as("the 21140 has no LC interrupt").isZero();
    }
}
