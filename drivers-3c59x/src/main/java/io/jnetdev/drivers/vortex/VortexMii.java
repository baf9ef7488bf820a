package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.WN4_PHYSICAL_MGMT;

/**
 * The MII management interface, bit-banged through window 4's physical-management register
 * ({@code mdio_sync}, {@code mdio_read}, {@code mdio_write} in {@code 3c59x.c}), and the part of
 * {@code mii_check_media} (drivers/net/mii.c) the media timer uses: link from BMSR, duplex and
 * speed from what both ends advertise.
 */
final class VortexMii {
    static final int MII_BMCR = 0;
    static final int MII_BMSR = 1;
    static final int MII_ADVERTISE = 4;
    static final int MII_LPA = 5;
    static final int BMSR_LSTATUS = 0x0004;
    /** BMSR bit 6: the PHY accepts management frames without a preamble. */
    static final int BMSR_PREAMBLE_SUPPRESSION = 0x0040;
    static final int LPA_10HALF = 0x0020;
    static final int LPA_10FULL = 0x0040;
    static final int LPA_100HALF = 0x0080;
    static final int LPA_100FULL = 0x0100;
    static final int LPA_100BASE4 = 0x0200;

    private static final int MDIO_SHIFT_CLK = 0x01;
    private static final int MDIO_DIR_WRITE = 0x04;
    private static final int MDIO_DATA_WRITE0 = MDIO_DIR_WRITE;
    private static final int MDIO_DATA_WRITE1 = 0x02 | MDIO_DIR_WRITE;
    private static final int MDIO_DATA_READ = 0x02;
    private static final int MDIO_ENB_IN = 0x00;

    private final VortexIo io;
    /** {@code mii_preamble_required}: send 32 ones before every frame. */
    boolean preambleRequired;
    /** {@code vp->phys[0]}: the PHY address in use. */
    int phyId = 24;
    /** Whether a PHY answered the scan. */
    boolean phyFound;

    VortexMii(VortexIo io) {
        this.io = io;
    }

    /** {@code mdio_delay}: a read of the register paces the clock. */
    private void delay() {
        io.windowRead32(4, WN4_PHYSICAL_MGMT);
    }

    private void clockOut(int dataval) {
        io.windowWrite16(dataval, 4, WN4_PHYSICAL_MGMT);
        delay();
        io.windowWrite16(dataval | MDIO_SHIFT_CLK, 4, WN4_PHYSICAL_MGMT);
        delay();
    }

    /** {@code mdio_sync}: at least 32 ones to synchronise the PHY. */
    void sync(int bits) {
        while (--bits >= 0) {
            clockOut(MDIO_DATA_WRITE1);
        }
    }

    /** {@code mdio_read}: 0xFFFF when no PHY drove the turnaround bit low. */
    int read(int phy, int location) {
        int readCmd = (0xF6 << 10) | (phy << 5) | location;
        if (preambleRequired) {
            sync(32);
        }
        for (int i = 14; i >= 0; i--) {
            clockOut((readCmd & (1 << i)) != 0 ? MDIO_DATA_WRITE1 : MDIO_DATA_WRITE0);
        }
        int retval = 0;
        for (int i = 19; i > 0; i--) {
            io.windowWrite16(MDIO_ENB_IN, 4, WN4_PHYSICAL_MGMT);
            delay();
            retval = (retval << 1) | ((io.windowRead16(4, WN4_PHYSICAL_MGMT) & MDIO_DATA_READ) != 0 ? 1 : 0);
            io.windowWrite16(MDIO_ENB_IN | MDIO_SHIFT_CLK, 4, WN4_PHYSICAL_MGMT);
            delay();
        }
        return (retval & 0x20000) != 0 ? 0xFFFF : (retval >> 1) & 0xFFFF;
    }

    /** {@code mdio_write}. */
    void write(int phy, int location, int value) {
        int writeCmd = 0x5002_0000 | (phy << 23) | (location << 18) | (value & 0xFFFF);
        if (preambleRequired) {
            sync(32);
        }
        for (int i = 31; i >= 0; i--) {
            clockOut((writeCmd & (1 << i)) != 0 ? MDIO_DATA_WRITE1 : MDIO_DATA_WRITE0);
        }
        for (int i = 1; i >= 0; i--) {
            io.windowWrite16(MDIO_ENB_IN, 4, WN4_PHYSICAL_MGMT);
            delay();
            io.windowWrite16(MDIO_ENB_IN | MDIO_SHIFT_CLK, 4, WN4_PHYSICAL_MGMT);
            delay();
        }
    }

    /**
     * The PHY scan of {@code vortex_probe1}: address 24 first (the 3c905CX's internal PHY), then
     * 0..23 and 25..31; the first that answers with a status other than 0 and 0xFFFF is used.
     */
    void scan(boolean extraPreamble) {
        preambleRequired = true;
        sync(32);
        read(24, MII_BMSR);
        boolean needPreamble = extraPreamble;
        for (int phy = 0; phy < 32 && !phyFound; phy++) {
            int phyx = phy == 0 ? 24 : phy <= 24 ? phy - 1 : phy;
            int status = read(phyx, MII_BMSR);
            if (status != 0 && status != 0xFFFF) {
                phyId = phyx;
                phyFound = true;
                if ((status & BMSR_PREAMBLE_SUPPRESSION) == 0) {
                    needPreamble = true;
                }
            }
        }
        preambleRequired = needPreamble;
    }

    /**
     * What the media check learns from the PHY: link (BMSR's latched-low link bit, read twice so
     * that the second read is the current state), and from the common abilities of both ends the
     * speed and duplex.
     *
     * @param link       the link is up
     * @param speed      100 or 10 (Mb/s), 0 without link
     * @param fullDuplex the negotiated duplex
     */
    record Media(boolean link, int speed, boolean fullDuplex) {}

    Media checkMedia(int advertising) {
        read(phyId, MII_BMSR);
        int bmsr = read(phyId, MII_BMSR);
        if ((bmsr & BMSR_LSTATUS) == 0 || bmsr == 0xFFFF) {
            return new Media(false, 0, false);
        }
        int lpa = read(phyId, MII_LPA);
        int common = lpa & advertising;
        boolean full = (common & LPA_100FULL) != 0 || (common & (LPA_100FULL | LPA_100HALF | LPA_100BASE4 | LPA_10FULL)) == LPA_10FULL;
        int speed = (common & (LPA_100FULL | LPA_100HALF | LPA_100BASE4)) != 0 ? 100 : 10;
        return new Media(true, speed, full);
    }
}
