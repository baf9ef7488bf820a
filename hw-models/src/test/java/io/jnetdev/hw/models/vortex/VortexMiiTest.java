package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 3c905C's transceiver over bit-banged MDIO in window 4 (B.4 physical management), clocked as Linux's mdio_read/mdio_write do. */
class VortexMiiTest {
    private static final int WRITE0 = MDIO_DIR_WRITE;
    private static final int WRITE1 = MDIO_DATA | MDIO_DIR_WRITE;

    private static void clockOut(VortexBench b, int value, int bits) {
        for (int i = bits - 1; i >= 0; i--) {
            int d = (value >>> i & 1) != 0 ? WRITE1 : WRITE0;
            b.w16(Wn4_PhysicalMgmt, d);
            b.w16(Wn4_PhysicalMgmt, d | MDIO_SHIFT_CLK);
        }
    }

    static int mdioRead(VortexBench b, int phy, int reg) {
        b.select(4);
        clockOut(b, -1, 32); // preamble
        clockOut(b, 0xF6 << 10 | phy << 5 | reg, 15);
        int v = 0;
        for (int i = 19; i > 0; i--) {
            b.w16(Wn4_PhysicalMgmt, 0);
            v = v << 1 | ((b.r16(Wn4_PhysicalMgmt) & MDIO_DATA) != 0 ? 1 : 0);
            b.w16(Wn4_PhysicalMgmt, MDIO_SHIFT_CLK);
        }
        return (v & 0x20000) != 0 ? 0xFFFF : v >>> 1 & 0xFFFF;
    }

    static void mdioWrite(VortexBench b, int phy, int reg, int value) {
        b.select(4);
        clockOut(b, -1, 32);
        clockOut(b, 0x5002_0000 | phy << 23 | reg << 18 | value, 32);
        for (int i = 0; i < 2; i++) {
            b.w16(Wn4_PhysicalMgmt, 0);
            b.w16(Wn4_PhysicalMgmt, MDIO_SHIFT_CLK);
        }
    }

    @Test
    void thePhyAtAddress24ReportsLinkAndAFullDuplexPartner() {
        VortexBench b = VortexBench.tornado();
        int bmsr = mdioRead(b, VortexMii.PHY_ADDRESS, VortexMii.BMSR);
        assertThat(bmsr & VortexMii.BMSR_LSTATUS).as("link").isNotZero();
        assertThat(bmsr & 0x4000).as("100BASE-TX full duplex capable").isNotZero();
        assertThat(mdioRead(b, VortexMii.PHY_ADDRESS, VortexMii.LPA) & 0x0100).as("partner 100 full").isNotZero();
        assertThat(mdioRead(b, VortexMii.PHY_ADDRESS, VortexMii.ADVERTISE)).isEqualTo(VortexMii.ADVERTISE_RESET);
        b.nic.port().setLinkUp(false);
        assertThat(mdioRead(b, VortexMii.PHY_ADDRESS, VortexMii.BMSR) & VortexMii.BMSR_LSTATUS).as("cable out").isZero();
    }

    @Test
    void otherAddressesAndTheVortexFloatHigh() {
        assertThat(mdioRead(VortexBench.tornado(), 1, VortexMii.BMSR)).isEqualTo(0xFFFF);
        assertThat(mdioRead(VortexBench.vortex(), VortexMii.PHY_ADDRESS, VortexMii.BMSR)).isEqualTo(0xFFFF);
    }

    @Test
    void writesReachTheAdvertisementRegister() {
        VortexBench b = VortexBench.tornado();
        mdioWrite(b, VortexMii.PHY_ADDRESS, VortexMii.ADVERTISE, 0x0141);
        assertThat(mdioRead(b, VortexMii.PHY_ADDRESS, VortexMii.ADVERTISE)).isEqualTo(0x0141);
        mdioWrite(b, 3, VortexMii.ADVERTISE, 0x0001);
        assertThat(mdioRead(b, VortexMii.PHY_ADDRESS, VortexMii.ADVERTISE)).as("another address: ignored").isEqualTo(0x0141);
    }
}
