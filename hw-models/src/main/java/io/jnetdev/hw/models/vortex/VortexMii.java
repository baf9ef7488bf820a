package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

/**
 * The 3c905C's internal 10/100 transceiver, reached by bit-banging MDIO through window 4's physical
 * management register (B.4; what Linux's {@code mdio_read}/{@code mdio_write} clock out and in).
 *
 * <p>The host drives the clock (bit 0), the data (bit 1) and the direction (bit 2, 1 = host drives).
 * On each rising clock edge with the direction set the PHY samples the data bit: after any run of
 * ones (the preamble), a 0 then a 1 start a frame, then two opcode bits (10 read, 01 write), five PHY
 * address bits and five register bits; a write goes on with two turnaround bits and sixteen data bits.
 * For a read the PHY then drives the data line: a 1 for the first turnaround bit (nobody drives it),
 * a 0, the sixteen data bits from the most significant, then ones; each rising edge with the direction
 * clear moves to the next bit. Only address {@link #PHY_ADDRESS} answers; at any other the line floats
 * high, so a read returns 0xFFFF as from an empty address.
 *
 * <p>Registers: BMCR (0) reads back (reset and restart-autonegotiation bits self-clear), BMSR (1)
 * shows 100BASE-TX and 10BASE-T full/half capability, autonegotiation ability, preamble suppression,
 * and link status and autonegotiation complete while the cable is in (live, not latched low — the
 * model's simplification); ADVERTISE (4) reads back (0x01E1 at reset); LPA (5) shows a partner
 * advertising everything with acknowledge while the cable is in. PHY identifier registers read 0 (no
 * identity is modelled). On the 3c595, which has no MII transceiver, the line always floats high.
 */
final class VortexMii {
    /** The address of the 3c905C's internal PHY (Linux probes 24 first for it). */
    static final int PHY_ADDRESS = 24;
    static final int BMCR = 0;
    static final int BMSR = 1;
    static final int ADVERTISE = 4;
    static final int LPA = 5;
    static final int BMSR_CAPS = 0x7800 | 0x0040 | 0x0008 | 0x0001;
    static final int BMSR_LSTATUS = 0x0004;
    static final int BMSR_ANEGCOMPLETE = 0x0020;
    static final int ADVERTISE_RESET = 0x01E1;
    static final int LPA_PARTNER = 0x45E1;

    private final boolean present;
    private boolean link = true;
    private int bmcr = 0x1000;
    private int advertise = ADVERTISE_RESET;

    private int reg;        // last value the host wrote to the management register
    private int shift;      // bits shifted in since the start of a frame
    private int bitsIn;
    /** The last bit clocked in outside a frame; the idle line is high. */
    private boolean lastBit = true;
    private boolean inFrame;
    /** Read-back sequence: bit i of the sequence at position {@link #outPos}; -1 when not driving. */
    private int outWord;
    private int outPos = -1;

    VortexMii(boolean present) {
        this.present = present;
    }

    void setLink(boolean up) {
        link = up;
    }

    void reset() {
        bmcr = 0x1000;
        advertise = ADVERTISE_RESET;
        inFrame = false;
        outPos = -1;
        reg = 0;
        lastBit = true;
    }

    /** What the physical management register reads: the data line as the PHY drives it. */
    int read() {
        int dataIn = MDIO_DATA; // floating high
        if (outPos >= 0 && (reg & MDIO_DIR_WRITE) == 0) {
            dataIn = bitOut(outPos) ? MDIO_DATA : 0;
        }
        return (reg & (MDIO_SHIFT_CLK | MDIO_DIR_WRITE)) | ((reg & MDIO_DIR_WRITE) != 0 ? reg & MDIO_DATA : dataIn);
    }

    /** The host wrote the physical management register. */
    void write(int value) {
        boolean rising = (value & MDIO_SHIFT_CLK) != 0 && (reg & MDIO_SHIFT_CLK) == 0;
        reg = value & 0x7;
        if (!rising) {
            return;
        }
        if ((value & MDIO_DIR_WRITE) == 0) {
            if (outPos >= 0 && ++outPos >= 20) {
                outPos = -1;
            }
            return;
        }
        outPos = -1;
        clockIn((value & MDIO_DATA) != 0);
    }

    private boolean bitOut(int pos) {
        if (pos == 0) {
            return true;   // first turnaround bit: not driven
        }
        if (pos == 1) {
            return false;  // second turnaround bit: the PHY drives 0
        }
        if (pos <= 17) {
            return (outWord >>> (17 - pos) & 1) != 0;
        }
        return true;
    }

    private void clockIn(boolean bit) {
        if (!inFrame) {
            if (lastBit && !bit) {
                inFrame = true;  // the 0 of the start pattern 01
                shift = 0;
                bitsIn = 0;
            }
            lastBit = bit;
            return;
        }
        shift = shift << 1 | (bit ? 1 : 0);
        bitsIn++;
        if (bitsIn == 13) {
            // start bit 1, opcode (2), PHY address (5), register (5)
            int start = shift >>> 12 & 1;
            int op = shift >>> 10 & 3;
            int phy = shift >>> 5 & 0x1F;
            int r = shift & 0x1F;
            if (start != 1) {
                inFrame = false;
                lastBit = bit;
                return;
            }
            if (op == 2) {
                inFrame = false;
                lastBit = true;
                if (present && phy == PHY_ADDRESS) {
                    outWord = readReg(r);
                    outPos = 0;
                }
            }
            return;
        }
        if (bitsIn == 13 + 18) {
            int phy = shift >>> 23 & 0x1F;
            int r = shift >>> 18 & 0x1F;
            if (present && phy == PHY_ADDRESS && (shift >>> 28 & 3) == 1) {
                writeReg(r, shift & 0xFFFF);
            }
            inFrame = false;
            lastBit = true;
        }
    }

    private int readReg(int r) {
        return switch (r) {
            case BMCR -> bmcr;
            case BMSR -> BMSR_CAPS | (link ? BMSR_LSTATUS | BMSR_ANEGCOMPLETE : 0);
            case ADVERTISE -> advertise;
            case LPA -> link ? LPA_PARTNER : 0;
            default -> 0;
        };
    }

    private void writeReg(int r, int v) {
        switch (r) {
            case BMCR -> bmcr = v & ~(0x8000 | 0x0200);
            case ADVERTISE -> advertise = v;
            default -> { }
        }
    }
}
