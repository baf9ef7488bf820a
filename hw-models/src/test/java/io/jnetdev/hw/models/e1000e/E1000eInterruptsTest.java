package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.models.testing.FakeDeviceContext;
import org.junit.jupiter.api.Test;

/** ICR/ICS/IMS/IMC/IAM/EIAC/IVAR semantics, each check citing its row of nic-facts.md A.3 / A.5 / A.8. */
class E1000eInterruptsTest {
    /** Linux's MSI-X routing: RXQ0→0, TXQ0→1, OTHER→2, TX interrupt on every write-back (A.3). */
    static final int LINUX_IVAR = 0x800A0908;
    /** Linux's MSI-X IMS enable value (A.5 derived masks). */
    static final int LINUX_MSIX_IMS = 0x01570244;

    private final Bench b = new Bench();

    @Test
    void legacyIcrReadReturnsCausesWithIntAssertedAndClears() {
        b.w(IMS, ICR_LSC);
        b.w(ICS, ICR_LSC);
        assertThat(b.ctx.intx).as("A.5 INTx level follows ICR & IMS").isTrue();
        assertThat(b.r(ICR)).as("A.5 INT_ASSERTED set when any cause is pending").isEqualTo(ICR_LSC | ICR_INT_ASSERTED);
        assertThat(b.r(ICR)).as("A.5 ICR read clears when not in MSI-X mode").isZero();
        assertThat(b.ctx.intx).as("INTx drops with nothing pending").isFalse();
    }

    @Test
    void icrWriteIsWriteOneToClearAndIcsMirrorsIcr() {
        b.w(ICS, ICR_TXDW | ICR_LSC | ICR_RXT0);
        assertThat(b.r(ICS)).as("A.4 ICS reads as a mirror of ICR").isEqualTo(ICR_TXDW | ICR_LSC | ICR_RXT0 | ICR_INT_ASSERTED);
        b.w(ICR, ICR_TXDW);
        assertThat(b.r(ICS)).as("A.5 ICR write is W1C").isEqualTo(ICR_LSC | ICR_RXT0 | ICR_INT_ASSERTED);
        b.w(ICR, ICR_LSC | ICR_RXT0);
        assertThat(b.r(ICS)).as("INT_ASSERTED clears with the last cause").isZero();
        assertThat(b.ctx.intx).as("masked causes never assert INTx").isFalse();
    }

    @Test
    void imsKeepsOnlyValidBitsImcClearsAndIntxFollowsTheMask() {
        b.w(IMS, 0xFFFF_FFFF);
        assertThat(b.r(IMS)).as("A.5 IMS write keeps only the valid bits").isEqualTo(IMS_VALID);
        b.w(IMC, 0xFFFF_FFFF);
        assertThat(b.r(IMS)).isZero();
        b.w(ICS, ICR_RXT0);
        assertThat(b.ctx.intx).as("cause latched while masked: no interrupt").isFalse();
        b.w(IMS, ICR_RXT0);
        assertThat(b.ctx.intx).as("A.5 IMS write fires at once when ICR & IMS").isTrue();
        b.w(IMC, ICR_RXT0);
        assertThat(b.ctx.intx).as("A.5 IMC deasserts INTx when nothing is pending").isFalse();
        assertThat(b.r(ICS) & ICR_RXT0).as("the cause stays latched in ICR").isEqualTo(ICR_RXT0);
    }

    @Test
    void iameAutoMasksByIamOnIcrRead() {
        b.w(CTRL_EXT, CTRL_EXT_IAME);
        b.w(IAM, 0xFFFF_FFFF);
        b.w(IMS, 0x9D);
        b.w(ICS, ICR_RXT0);
        assertThat(b.r(ICR)).isEqualTo(ICR_RXT0 | ICR_INT_ASSERTED);
        assertThat(b.r(IMS)).as("A.5 ICR read with INT_ASSERTED and IAME clears IMS bits in IAM").isZero();

        b.w(CTRL_EXT, 0);
        b.w(IMS, 0x9D);
        b.w(ICS, ICR_RXT0);
        b.r(ICR);
        assertThat(b.r(IMS)).as("without IAME the mask survives the read, RXSEQ included (Linux's IMS_ENABLE_MASK)")
                .isEqualTo(0x9D);
    }

    @Test
    void iameWithIcrWriteAlsoAutoMasks() {
        b.w(CTRL_EXT, CTRL_EXT_IAME);
        b.w(IAM, ICR_RXT0);
        b.w(IMS, ICR_RXT0 | ICR_LSC);
        b.w(ICS, ICR_RXT0);
        b.w(ICR, ICR_RXT0);
        assertThat(b.r(IMS)).as("A.5 ICR write with INT_ASSERTED+IAME: IMS &= ~IAM").isEqualTo(ICR_LSC);
    }

    @Test
    void msixIcrReadKeepsCausesUnlessImsZeroOrPendingOrIame() {
        b.ctx.msix = true;
        b.w(IVAR, LINUX_IVAR);
        b.w(IMS, ICR_RXQ0);
        b.w(ICS, ICR_TXQE);
        assertThat(b.r(ICR)).isEqualTo(ICR_TXQE | ICR_INT_ASSERTED);
        assertThat(b.r(ICS)).as("A.5 MSI-X, IMS≠0, ICR & IMS = 0, no IAME: the read keeps ICR")
                .isEqualTo(ICR_TXQE | ICR_INT_ASSERTED);

        b.w(IMC, 0xFFFF_FFFF);
        b.r(ICR);
        assertThat(b.r(ICS)).as("A.5 ICR read clears when IMS == 0").isZero();

        b.w(IMS, LINUX_MSIX_IMS);
        b.w(ICS, ICR_LSC);
        assertThat(b.r(ICR)).as("A.5 MSI-X: an other cause also sets ICR.OTHER")
                .isEqualTo(ICR_LSC | ICR_OTHER | ICR_INT_ASSERTED);
        assertThat(b.r(ICS)).as("A.5 INT_ASSERTED and ICR & IMS ≠ 0: the read clears").isZero();

        b.w(CTRL_EXT, CTRL_EXT_IAME);
        b.w(IAM, ICR_TXQ0);
        b.w(IMS, ICR_TXQ0);
        b.w(IMC, ICR_TXQE);
        b.w(ICS, ICR_TXQE);
        b.r(ICR);
        assertThat(b.r(ICS)).as("A.5 INT_ASSERTED with IAME: the read clears ICR").isZero();
        assertThat(b.r(IMS) & ICR_TXQ0).as("... and IMS loses the IAM bits").isZero();
    }

    @Test
    void icrWriteOfOtherClearsEveryOtherCause() {
        b.ctx.msix = true;
        b.w(ICS, ICR_LSC | ICR_RXO | ICR_TXQE);
        b.w(ICR, ICR_OTHER);
        assertThat(b.r(ICS)).as("A.5 writing OTHER clears all other causes, not TXQE")
                .isEqualTo(ICR_TXQE | ICR_INT_ASSERTED);
    }

    @Test
    void ivarRoutesLinuxCausesToTheirVectors() {
        b.ctx.msix = true;
        b.w(IVAR, LINUX_IVAR);
        b.w(IMS, LINUX_MSIX_IMS);
        b.w(ICS, ICR_RXQ0);
        b.w(ICS, ICR_TXQ0);
        b.w(ICS, ICR_LSC);
        assertThat(b.ctx.irqs).as("A.3 0x800A0908: RXQ0→0, TXQ0→1, OTHER→2")
                .extracting(FakeDeviceContext.Irq::vector).containsExactly(0, 1, 2);
        assertThat(b.ctx.intx).as("no INTx in MSI-X mode").isFalse();
    }

    @Test
    void eiacAutoClearsIcrAndImsUnlessIame() {
        b.ctx.msix = true;
        b.w(IVAR, LINUX_IVAR);
        b.w(EIAC_82574, 0xFFFF_FFFF);
        assertThat(b.r(EIAC_82574)).as("EIAC keeps its 82574 mask").isEqualTo(EIAC_MASK_82574);
        b.w(EIAC_82574, ICR_RXQ0 | ICR_TXQ0);
        b.w(IMS, LINUX_MSIX_IMS);
        b.w(ICS, ICR_RXQ0);
        assertThat(b.ctx.count(0)).isEqualTo(1);
        assertThat(b.r(ICS) & ICR_RXQ0).as("A.5 MSI-X: ICR bits in EIAC auto-cleared").isZero();
        assertThat(b.r(IMS) & ICR_RXQ0).as("A.5 CTRL_EXT.IAME=0: IMS bits in EIAC cleared too").isZero();
        b.w(ICS, ICR_RXQ0);
        assertThat(b.ctx.count(0)).as("masked by the auto-clear: no second message").isEqualTo(1);
        b.w(IMS, ICR_RXQ0);
        assertThat(b.ctx.count(0)).as("re-enabling with the cause latched sends it").isEqualTo(2);

        b.w(CTRL_EXT, CTRL_EXT_IAME);
        b.w(ICS, ICR_TXQ0);
        assertThat(b.r(IMS) & ICR_TXQ0).as("with IAME the mask survives the auto-clear").isEqualTo(ICR_TXQ0);
        b.w(ICS, ICR_TXQ0);
        assertThat(b.ctx.count(1)).as("ICR was auto-cleared: each cause is a new message").isEqualTo(2);
    }

    @Test
    void aCauseRaisedAgainWhileLatchedSendsNothingUntilTheMaskOrTheModeChanges() {
        b.ctx.msix = true;
        b.w(IVAR, LINUX_IVAR);
        b.w(EIAC_82574, ICR_RXQ0);
        b.w(IMS, ICR_RXQ0 | ICR_LSC | ICR_OTHER);
        b.w(ICS, ICR_RXQ0);
        for (int i = 0; i < 5; i++) {
            b.w(ICS, ICR_RXQ0); // a burst's later frames: RXQ0 latched in ICR, masked by the auto-clear
        }
        assertThat(b.ctx.count(0)).as("one message for the burst").isEqualTo(1);
        assertThat(b.r(ICS) & ICR_RXQ0).as("the cause stays latched").isEqualTo(ICR_RXQ0);
        b.w(IMS, ICR_RXQ0);
        assertThat(b.ctx.count(0)).as("re-enabling sends the latched cause once").isEqualTo(2);

        b.w(ICS, ICR_LSC);
        b.w(ICS, ICR_LSC);
        b.w(ICS, ICR_LSC);
        assertThat(b.ctx.count(2)).as("LSC stays in ICR (not in EIAC): one OTHER message").isEqualTo(1);
        assertThat(b.ctx.intx).isFalse();
        b.ctx.msix = false; // the function left MSI-X mode with ICR and IMS untouched
        b.w(ICS, ICR_LSC);
        assertThat(b.ctx.intx).as("out of MSI-X mode the same raise asserts INTx: nothing is skipped").isTrue();
    }

    @Test
    void eiameClearsTheCauseFromIam() {
        b.ctx.msix = true;
        b.w(IVAR, LINUX_IVAR);
        b.w(CTRL_EXT, CTRL_EXT_EIAME);
        b.w(IAM, ICR_RXQ0 | ICR_TXQ0);
        b.w(IMS, ICR_RXQ0);
        b.w(ICS, ICR_RXQ0);
        assertThat(b.r(IAM)).as("A.5 CTRL_EXT.EIAME: IAM loses the signalled cause").isEqualTo(ICR_TXQ0);
    }

    @Test
    void invalidOrOutOfRangeIvarEntriesRaiseNothingAndAreLoggedOnce() {
        b.ctx.msix = true;
        b.w(IVAR, 0x0000_0F00); // RXQ0 entry invalid, TXQ0 entry valid but vector 7
        b.w(IMS, ICR_RXQ0 | ICR_TXQ0);
        b.w(ICS, ICR_RXQ0);
        b.w(ICR, ICR_RXQ0);
        b.w(ICS, ICR_RXQ0);
        b.w(ICS, ICR_TXQ0);
        assertThat(b.ctx.irqs).as("A.3 valid=0 or vector ≥ 5 raises nothing").isEmpty();
        assertThat(b.ctx.log).as("one line per bad entry").hasSize(2);
        assertThat(b.ctx.log.get(0)).contains("RXQ0", "not valid");
        assertThat(b.ctx.log.get(1)).contains("TXQ0", "beyond");
    }

    @Test
    void msiSendsOneMessagePerNewlyPendingCause() {
        b.ctx.msi = true;
        b.w(ITR, 0);
        b.w(IMS, 0x9D);
        b.w(ICS, ICR_RXT0);
        b.w(ICS, ICR_RXT0);
        assertThat(b.ctx.count(-1)).as("A.5 the cause was already pending: one message").isEqualTo(1);
        b.w(ICS, ICR_TXDW);
        assertThat(b.ctx.count(-1)).as("a new cause among ICR & IMS: another message").isEqualTo(2);
        b.r(ICR);
        b.w(ICS, ICR_RXT0);
        assertThat(b.ctx.count(-1)).as("after the read cleared ICR the cause is new again").isEqualTo(3);
        assertThat(b.ctx.intx).isFalse();
    }

    @Test
    void mdicWithIntEnRaisesMdac() {
        b.w(IMS, ICR_MDAC);
        b.w(MDIC, MDIC_OP_READ | MDIC_INT_EN | 1 << MDIC_PHY_SHIFT | 2 << MDIC_REG_SHIFT);
        assertThat(b.r(ICR) & ICR_MDAC).as("A.11 MDIC INT_EN raises MDAC").isEqualTo(ICR_MDAC);
    }
}
