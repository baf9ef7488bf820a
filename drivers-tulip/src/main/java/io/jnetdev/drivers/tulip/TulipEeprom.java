package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.pci.IoRegion;

/**
 * The serial ROM (Linux {@code eeprom.c}: {@code tulip_read_eeprom}, and the parts of
 * {@code tulip_init_one} and {@code tulip_parse_eeprom} that use it): the Microwire ROM is
 * bit-banged through CSR9, its size probed by reading location 0xFF with 8 address bits, the
 * station address taken from byte 20 in the DEC format (byte 0 on early boards), and the first
 * media block of the info leaf kept for media selection and link sensing.
 */
final class TulipEeprom {
    /** Bytes kept, as {@code tp->eeprom} (a 93C46 fills 128 of them). */
    static final int EEPROM_SIZE = 512;
    /** Byte offset of the station address in the DEC SROM format. */
    static final int SA_OFFSET_DEC = 20;
    /** Bytes 27–28: the offset of controller 0's info leaf. */
    static final int INFO_LEAF_OFFSET = 27;

    /**
     * The first media block of the info leaf ({@code struct medialeaf}).
     *
     * @param type    0 for a 21140 compact block, else the extended block's type (4 = SYM)
     * @param media   the media code (3 = 100baseTx)
     * @param command the block's command word: bits 0x71 feed CSR6; the low byte names the CSR12
     *                link-sense pin ((byte >> 1) & 7) with bit 7 its polarity; bit 15 says
     *                the link is sensed through CSR12 LS100 (SYM blocks)
     */
    record MediaLeaf(int type, int media, int command) {
        /** {@code 0x02000000 | ((p[cmd] & 0x71) << 18)}, the CSR6 port bits {@code tulip_select_media} derives. */
        int csr6() {
            return CSR6_MBO | ((command & CSR6_MEDIA_MASK) << CSR6_MEDIA_SHIFT);
        }

        /** {@code tulip_media_task}'s link-beat test on a CSR12 value. */
        boolean linkBeat(int csr12) {
            if ((command & 0x8000) != 0) {
                return (csr12 & CSR12_LS100) == 0;
            }
            byte bitnum = (byte) command;
            boolean pin = (csr12 & (1 << ((bitnum >> 1) & 7))) != 0;
            return (bitnum < 0) != pin;
        }
    }

    private final IoRegion io;
    private final byte[] data = new byte[EEPROM_SIZE];
    private int addrLen;

    TulipEeprom(IoRegion io) {
        this.io = io;
    }

    /**
     * {@code tulip_read_eeprom}: select the ROM, shift out the start bit, READ opcode and address
     * (4 + {@code addrLen} + 1 bits, leading zeros included) while sampling DO, then clock in 16
     * data bits. The result keeps the bits sampled during the command above the data, which is
     * how the address width is probed.
     */
    int readEeprom(int location, int addrLen) {
        int readCmd = location | (EE_READ_CMD << addrLen);
        int retval = 0;
        io.write32(CSR9, EE_ENB & ~EE_CS);
        io.write32(CSR9, EE_ENB);
        for (int i = 4 + addrLen; i >= 0; i--) {
            int dataval = (readCmd & (1 << i)) != 0 ? EE_DATA_WRITE : 0;
            io.write32(CSR9, EE_ENB | dataval);
            io.read32(CSR9); // eeprom_delay
            io.write32(CSR9, EE_ENB | dataval | EE_SHIFT_CLK);
            io.read32(CSR9);
            retval = (retval << 1) | ((io.read32(CSR9) & EE_DATA_READ) != 0 ? 1 : 0);
        }
        io.write32(CSR9, EE_ENB);
        io.read32(CSR9);
        for (int i = 16; i > 0; i--) {
            io.write32(CSR9, EE_ENB | EE_SHIFT_CLK);
            io.read32(CSR9);
            retval = (retval << 1) | ((io.read32(CSR9) & EE_DATA_READ) != 0 ? 1 : 0);
            io.write32(CSR9, EE_ENB);
            io.read32(CSR9);
        }
        io.write32(CSR9, EE_ENB & ~EE_CS); // terminate the access
        return retval;
    }

    /** Probes the address width and reads the whole ROM, as {@code tulip_init_one} does. */
    void readAll() {
        addrLen = (readEeprom(0xFF, 8) & 0x40000) != 0 ? 8 : 6;
        int max = Math.min(((1 << addrLen) - 1) * 2, EEPROM_SIZE);
        for (int i = 0; i < max; i += 2) {
            int word = readEeprom(i / 2, addrLen);
            data[i] = (byte) word;
            data[i + 1] = (byte) (word >>> 8);
        }
    }

    /** The address width found: 6 (93C46) or 8. */
    int addrLen() {
        return addrLen;
    }

    int byteAt(int offset) {
        return data[offset] & 0xFF;
    }

    /** A copy of what was read. */
    byte[] contents() {
        return data.clone();
    }

    /**
     * The station address: byte 20 in the DEC format (bytes 0–7 differ from bytes 16–23), byte 0 on
     * early boards that put nothing else there.
     */
    MacAddress stationAddress() {
        int saOffset = 0;
        for (int i = 0; i < 8; i++) {
            if (data[i] != data[16 + i]) {
                saOffset = SA_OFFSET_DEC;
            }
        }
        if (byteAt(0) == 0xFF && byteAt(1) == 0xFF && byteAt(2) == 0) {
            saOffset = 2; // Matrox boards
        }
        byte[] mac = new byte[6];
        System.arraycopy(data, saOffset, mac, 0, 6);
        return MacAddress.of(mac);
    }

    /**
     * The first media block of controller 0's info leaf ({@code tulip_parse_eeprom}, first leaf
     * only), or null when the ROM has no usable leaf. The 21143's leaf has no general-purpose
     * direction byte; the 21140's has.
     */
    MediaLeaf firstMediaLeaf(TulipChip chip) {
        int leaf = byteAt(INFO_LEAF_OFFSET) | byteAt(INFO_LEAF_OFFSET + 1) << 8;
        int p = leaf + 2; // connection type
        if (chip == TulipChip.DC21140) {
            p++; // general-purpose port directions
        }
        if (leaf == 0 || p + 1 >= EEPROM_SIZE) {
            return null;
        }
        int count = byteAt(p++);
        if (count == 0 || p + 8 >= EEPROM_SIZE) {
            return null;
        }
        if ((byteAt(p) & 0x80) != 0) {
            // extended block: length, type, then media and the type's fields
            int type = byteAt(p + 1);
            int d = p + 2;
            int media = byteAt(d) & 0x3F;
            int cmdAt = type == 4 ? d + 5 : d + 2;
            return new MediaLeaf(type, media, byteAt(cmdAt) | byteAt(cmdAt + 1) << 8);
        }
        // compact block: media, general-purpose data, command
        return new MediaLeaf(0, byteAt(p) & 0x3F, byteAt(p + 2) | byteAt(p + 3) << 8);
    }
}
