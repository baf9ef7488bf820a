package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NVM through EERD (A.14), reset values (A.15), CTRL/STATUS (A.6, A.7) and the PHY through MDIC (A.11). */
class E1000eNvmPhyTest {
    private static final long MAC = 0x0011_2233_4455L;

    private static int eerd(Bench b, int word) {
        b.w(EERD, word << EERD_ADDR_SHIFT | EERD_START);
        int v = b.r(EERD);
        assertThat(v & EERD_DONE).as("A.14 EERD DONE").isEqualTo(EERD_DONE);
        assertThat((v >>> EERD_ADDR_SHIFT) & EERD_ADDR_MASK).isEqualTo(word);
        return v >>> EERD_DATA_SHIFT;
    }

    private static int nvmSum(Bench b) {
        int sum = 0;
        for (int i = 0; i <= NVM_CHECKSUM_WORD; i++) {
            sum += eerd(b, i);
        }
        return sum & 0xFFFF;
    }

    @Test
    void eerdReadsTheMacWordsAndTheChecksumHolds() {
        Bench b = new Bench(new E1000e(MAC));
        assertThat(new int[] {eerd(b, 0), eerd(b, 1), eerd(b, 2)}).as("A.14 word i = mac[2i] | mac[2i+1] << 8")
                .containsExactly(0x1100, 0x3322, 0x5544);
        assertThat(nvmSum(b)).as("A.14 words 0..0x3F sum to 0xBABA").isEqualTo(NVM_SUM);
        assertThat(new int[] {eerd(b, 0x0B), eerd(b, 0x0D)}).as("A.14 words 11 and 13: device ID").containsExactly(DEVICE_ID, DEVICE_ID);
        assertThat(b.r(EERD) & EERD_DONE).isEqualTo(EERD_DONE);
    }

    @Test
    void aCorruptNvmBreaksTheSum() {
        Bench b = new Bench(E1000e.withCorruptNvm(MAC));
        assertThat(nvmSum(b)).isNotEqualTo(NVM_SUM);
        assertThat(eerd(b, 1)).as("the MAC words are intact").isEqualTo(0x3322);
    }

    @Test
    void resetValuesAndTheStationAddressFromTheNvm() {
        Bench b = new Bench(new E1000e(MAC));
        assertThat(b.r(CTRL)).as("A.15 CTRL").isEqualTo(CTRL_RESET);
        assertThat(b.r(STATUS)).as("A.7 FD|LU|SPEED_1000|ASDV_1000|GIO_MASTER_ENABLE")
                .isEqualTo(STATUS_FD | STATUS_LU | STATUS_SPEED_1000 | STATUS_ASDV_1000 | STATUS_GIO_MASTER_ENABLE);
        assertThat(b.r(EECD)).as("A.15 EECD").isEqualTo(EECD_RESET);
        assertThat(b.r(TIPG)).as("A.15 TIPG").isEqualTo(TIPG_RESET);
        assertThat(b.r(PBA)).as("A.15 PBA").isEqualTo(PBA_RESET);
        assertThat(b.r(RXCSUM)).as("A.15 RXCSUM").isEqualTo(RXCSUM_RESET);
        assertThat(b.r(ITR)).as("A.15 ITR").isEqualTo(ITR_RESET);
        assertThat(b.r(RAL0)).as("A.14 MAC loaded into RAL0").isEqualTo(0x3322_1100);
        assertThat(b.r(RAH0)).as("... and RAH0 with AV").isEqualTo(0x8000_5544);
        assertThat(b.nic.port().macAddress()).isEqualTo(MAC);
        assertThat(b.r(0x1F000)).as("unimplemented registers read 0").isZero();
    }

    @Test
    void ctrlRstResetsReloadsTheMacKeepsPbaAndSelfClears() {
        Bench b = new Bench(new E1000e(MAC));
        b.w(RAL0, 0x1234_5678);
        b.w(PBA, 32);
        b.w(IMS, ICR_LSC);
        b.w(RCTL, RCTL_EN);
        b.w(CTRL, b.r(CTRL) | CTRL_RST);
        assertThat(b.r(CTRL) & CTRL_RST).as("A.6 RST self-clears").isZero();
        assertThat(b.r(RAL0)).as("RAL0 reloaded from the NVM").isEqualTo(0x3322_1100);
        assertThat(b.r(PBA)).as("A.6 the reset keeps PBA").isEqualTo(32);
        assertThat(new int[] {b.r(IMS), b.r(RCTL)}).containsExactly(0, 0);
    }

    @Test
    void eecdRequestIsGranted() {
        Bench b = new Bench();
        b.w(EECD, EECD_REQ);
        assertThat(b.r(EECD) & (EECD_GNT | EECD_PRES | EECD_AUTO_RD)).as("A.11 REQ → GNT; PRES and AUTO_RD read-only")
                .isEqualTo(EECD_GNT | EECD_PRES | EECD_AUTO_RD);
    }

    private static int mdicRead(Bench b, int phy, int reg) {
        b.w(MDIC, MDIC_OP_READ | phy << MDIC_PHY_SHIFT | reg << MDIC_REG_SHIFT);
        return b.r(MDIC);
    }

    @Test
    void phyIdentityAndLinkThroughMdic() {
        Bench b = new Bench();
        int id1 = mdicRead(b, 1, E1000ePhy.MII_PHYSID1);
        assertThat(id1 & MDIC_READY).as("A.11 READY").isEqualTo(MDIC_READY);
        assertThat(id1 & MDIC_DATA_MASK).as("A.15 PHY ID1").isEqualTo(0x0141);
        assertThat(mdicRead(b, 1, E1000ePhy.MII_PHYSID2) & MDIC_DATA_MASK).as("A.15 PHY ID2").isEqualTo(0x0CB1);
        int bmsr = mdicRead(b, 1, E1000ePhy.MII_BMSR) & MDIC_DATA_MASK;
        assertThat(bmsr & (E1000ePhy.BMSR_LSTATUS | E1000ePhy.BMSR_ANEGCOMPLETE)).as("link up, AN complete")
                .isEqualTo(E1000ePhy.BMSR_LSTATUS | E1000ePhy.BMSR_ANEGCOMPLETE);
        assertThat(mdicRead(b, 2, E1000ePhy.MII_BMSR) & MDIC_ERROR).as("A.11 PHY address ≠ 1: ERROR").isEqualTo(MDIC_ERROR);

        b.w(IMS, ICR_LSC);
        b.nic.port().setLinkUp(false);
        assertThat(b.r(ICR) & ICR_LSC).as("link change raises LSC").isEqualTo(ICR_LSC);
        assertThat(b.r(STATUS) & STATUS_LU).isZero();
        assertThat(mdicRead(b, 1, E1000ePhy.MII_BMSR) & E1000ePhy.BMSR_LSTATUS).isZero();

        b.w(MDIC, MDIC_OP_WRITE | 1 << MDIC_PHY_SHIFT | E1000ePhy.MII_ADVERTISE << MDIC_REG_SHIFT | 0x01E1);
        assertThat(mdicRead(b, 1, E1000ePhy.MII_ADVERTISE) & MDIC_DATA_MASK).isEqualTo(0x01E1);
    }

    @Test
    void narrowAndWideAccessesGoThroughTheDword() {
        Bench b = new Bench(new E1000e(MAC));
        assertThat(b.nic.read(BAR_REGS, RAL0 + 2, 2)).as("upper half of RAL0").isEqualTo(0x3322);
        assertThat(b.nic.read(BAR_REGS, RAL0, 8)).as("RAL0 then RAH0").isEqualTo(0x8000_5544_3322_1100L);
        b.nic.write(BAR_IO, IOADDR, 4, STATUS);
        assertThat(b.nic.read(BAR_IO, IOADDR, 4)).isEqualTo(STATUS);
        assertThat(b.nic.read(BAR_IO, IODATA, 4) & STATUS_LU).as("A.2 IODATA reads the register IOADDR names").isEqualTo(STATUS_LU);
        assertThat(b.nic.read(BAR_FLASH, 0x100, 4)).as("flash window without flash").isZero();
    }
}
