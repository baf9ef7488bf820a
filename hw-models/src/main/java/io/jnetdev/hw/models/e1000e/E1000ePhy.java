package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

/**
 * The 82574L's internal PHY behind MDIC (A.11): a BM PHY (ID 0x0141/0x0CB1) at MDIO address 1,
 * with the IEEE registers a driver's link check reads — BMCR, BMSR (link status and
 * auto-negotiation complete follow the cable), PHYSID1/2, ANAR, ANLPAR, 1000BASE-T control and
 * status, extended status — and the M88-style PHY specific status register (17) with speed,
 * duplex, resolved and link bits. Other registers are plain storage; page select (register 22)
 * is stored but pages are not modelled (every page shows page 0). An access to any other PHY
 * address sets MDIC.ERROR. Accesses complete at once (READY set); INT_EN raises MDAC.
 */
final class E1000ePhy {
    static final int MII_BMCR = 0;
    static final int MII_BMSR = 1;
    static final int MII_PHYSID1 = 2;
    static final int MII_PHYSID2 = 3;
    static final int MII_ADVERTISE = 4;
    static final int MII_LPA = 5;
    static final int MII_CTRL1000 = 9;
    static final int MII_STAT1000 = 10;
    static final int MII_ESTATUS = 15;
    static final int M88_PHY_SPEC_STATUS = 17;

    static final int BMCR_RESET = 0x8000;
    static final int BMCR_ANRESTART = 0x0200;
    /** 1000 Mb/s, full duplex, auto-negotiation enabled (A.15). */
    static final int BMCR_DEFAULT = 0x1140;
    static final int BMSR_LSTATUS = 0x0004;
    static final int BMSR_ANEGCOMPLETE = 0x0020;
    /** Capabilities: 100/10 full/half, extended status, preamble suppression, AN ability, extended caps. */
    static final int BMSR_CAPS = 0x7949;
    static final int LPA_LPACK = 0x4000;
    static final int PHYSID1_VALUE = 0x0141;
    static final int PHYSID2_VALUE = 0x0CB1;
    /** 1000 full, 1000 half advertised / link partner 1000 full, local and remote receiver OK. */
    static final int CTRL1000_DEFAULT = 0x0300;
    static final int STAT1000_LINK = 0x3C00;
    /** Speed 1000, full duplex, speed/duplex resolved, link. */
    static final int SPEC_STATUS_LINK = 0x8000 | 0x2000 | 0x0800 | 0x0400;

    private final int[] regs = new int[32];
    private boolean link;

    void reset(boolean linkUp) {
        java.util.Arrays.fill(regs, 0);
        regs[MII_BMCR] = BMCR_DEFAULT;
        regs[MII_PHYSID1] = PHYSID1_VALUE;
        regs[MII_PHYSID2] = PHYSID2_VALUE;
        regs[MII_ADVERTISE] = 0x0DE1;
        regs[MII_CTRL1000] = CTRL1000_DEFAULT;
        regs[MII_ESTATUS] = 0x3000;
        setLink(linkUp);
    }

    /** The cable state as the PHY sees it. */
    void setLink(boolean up) {
        link = up;
        regs[MII_BMSR] = BMSR_CAPS | (up ? BMSR_LSTATUS | BMSR_ANEGCOMPLETE : 0);
        regs[MII_LPA] = up ? 0x45E1 | LPA_LPACK : 0;
        regs[MII_STAT1000] = up ? STAT1000_LINK : 0;
        regs[M88_PHY_SPEC_STATUS] = up ? SPEC_STATUS_LINK : 0;
    }

    int read(int reg) {
        return regs[reg & 31];
    }

    /** An MDIO write; the read-only status and ID registers ignore it, reset and restart bits self-clear. */
    void write(int reg, int value) {
        switch (reg & 31) {
            case MII_BMSR, MII_PHYSID1, MII_PHYSID2, MII_LPA, MII_STAT1000, MII_ESTATUS, M88_PHY_SPEC_STATUS -> { }
            case MII_BMCR -> {
                if ((value & BMCR_RESET) != 0) {
                    reset(link);
                } else {
                    regs[MII_BMCR] = value & ~BMCR_ANRESTART & 0xFFFF;
                }
            }
            default -> regs[reg & 31] = value & 0xFFFF;
        }
    }

    /**
     * What MDIC holds after the driver writes {@code value} (QEMU's {@code e1000e_set_mdic}).
     * The caller raises MDAC when the result has {@link E1000eRegs#MDIC_INT_EN}.
     */
    int mdicWritten(int value) {
        int phy = (value >>> MDIC_PHY_SHIFT) & 0x1F;
        int reg = (value >>> MDIC_REG_SHIFT) & 0x1F;
        int v = value & ~(MDIC_READY | MDIC_ERROR);
        if (phy != PHY_ADDRESS) {
            v |= MDIC_ERROR;
        } else if ((value & MDIC_OP_READ) != 0) {
            v = (v & ~MDIC_DATA_MASK) | read(reg);
        } else if ((value & MDIC_OP_WRITE) != 0) {
            write(reg, value & MDIC_DATA_MASK);
        }
        return v | MDIC_READY;
    }
}
