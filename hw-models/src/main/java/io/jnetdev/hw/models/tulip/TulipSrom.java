package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

import java.util.zip.CRC32;

/**
 * The serial ROM behind CSR9: a 93C46-style Microwire EEPROM of 64 16-bit words with 6 address
 * bits (C.10), driven bit by bit as Linux's {@code tulip_read_eeprom} (eeprom.c) drives it.
 *
 * <h2>Protocol</h2>
 * Only CSR9 writes with SR (serial ROM select) set reach the ROM. Chip select low resets it. With CS
 * high, each rising edge of SK shifts DI in: the ROM waits for a start bit (leading zeros are
 * ignored), takes a 2-bit opcode and 6 address bits; for READ (start bit plus opcode 10, C.6's
 * 0x06) it drives a dummy 0 on DO right after the last address bit, then the addressed word most
 * significant bit first, one bit per rising edge, going on with the next word (sequential read).
 * DO reads 1 whenever the ROM is not driving it (an undriven, pulled-up line) — which is how
 * Linux sizes the address: reading location 0xFF with 8 address bits, it sees the dummy 0 two
 * clocks early on a 6-bit part. WRITE, ERASE and the enable commands are taken and ignored: the
 * ROM is read-only.
 *
 * <h2>Contents (DEC SROM format, C.10)</h2>
 * Bytes 0–3 subsystem vendor and ID (as config space shows them), byte 16 the ID-block CRC
 * (CRC-8, polynomial x⁸+x²+x+1, preset 0xFF, over words 0–7 and byte 17 most significant bit first,
 * as QEMU computes it), byte 18 format version 4, byte 19 one controller, bytes 20–25 the MAC,
 * byte 26 device number 0, bytes 27–28 the info-leaf offset (30). So bytes 0–7 differ from bytes
 * 16–23 and Linux takes the MAC from byte 20. The info leaf describes one 100BASE-TX medium:
 * <ul>
 * <li>21143: connection type 0x0800 (autosense), one extended block of type 4 (SYM PHY), media 3
 *     (100baseTx), GP control and data 0, command 0x8061 (CSR6 PS, PCS and scrambler; link sensed
 *     through CSR12 LS100);</li>
 * <li>21140: connection type 0x0800, GP direction 0x3F (pins 6 and 7 inputs), one compact block:
 *     media 3, GP data 0, command 0x006D (link sensed on GP pin 6, active high — the pin the model's
 *     CSR12 drives).</li>
 * </ul>
 * Bytes 126–127 hold the low 16 bits of the CRC-32 of bytes 0–125 (QEMU's SROM checksum).
 */
final class TulipSrom {
    static final int WORDS = 64;
    static final int ADDRESS_BITS = 6;
    /** Byte offset of the MAC address. */
    static final int MAC_OFFSET = 20;
    static final int LEAF_OFFSET = 30;

    private enum Phase { IDLE, OPCODE, ADDRESS, DATA, IGNORE }

    private final int[] words = new int[WORDS];
    private Phase phase = Phase.IDLE;
    private int shift;
    private int bits;
    private int address;
    private int dataBit;
    private boolean dataOut = true;
    private boolean lastSk;
    private boolean lastCs;

    TulipSrom(TulipChip chip, long mac) {
        byte[] b = new byte[WORDS * 2];
        b[0] = (byte) chip.subsystemVendorId;
        b[1] = (byte) (chip.subsystemVendorId >>> 8);
        b[2] = (byte) chip.subsystemId;
        b[3] = (byte) (chip.subsystemId >>> 8);
        b[18] = 4;
        b[19] = 1;
        for (int i = 0; i < 6; i++) {
            b[MAC_OFFSET + i] = (byte) (mac >>> (40 - 8 * i));
        }
        b[26] = 0;
        b[27] = LEAF_OFFSET;
        int p = LEAF_OFFSET;
        b[p++] = 0x00;
        b[p++] = 0x08; // connection type 0x0800: autosense
        if (chip == TulipChip.DC21143) {
            b[p++] = 1;                       // one block
            b[p++] = (byte) 0x88;             // extended block, 8 bytes follow
            b[p++] = 4;                       // type 4: SYM PHY
            b[p++] = 3;                       // media 100baseTx
            p += 4;                           // GP control, GP data: 0
            b[p++] = 0x61;
            b[p++] = (byte) 0x80;             // command 0x8061
        } else {
            b[p++] = 0x3F;                    // GP direction: pins 0-5 outputs
            b[p++] = 1;                       // one block
            b[p++] = 3;                       // compact block: media 100baseTx
            b[p++] = 0;                       // GP data
            b[p++] = 0x6D;
            b[p++] = 0x00;                    // command 0x006D
        }
        b[16] = (byte) idBlockCrc(b);
        CRC32 crc = new CRC32();
        crc.update(b, 0, 126);
        int sum = (int) crc.getValue() & 0xFFFF;
        b[126] = (byte) sum;
        b[127] = (byte) (sum >>> 8);
        for (int i = 0; i < WORDS; i++) {
            words[i] = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
        }
    }

    /** CRC-8 (x⁸+x²+x+1, preset 0xFF) over words 0–7 and the high byte of word 8, each word MSB first. */
    private static int idBlockCrc(byte[] b) {
        int crc = 0xFF;
        for (int word = 0; word <= 8; word++) {
            int w = (b[2 * word] & 0xFF) | (b[2 * word + 1] & 0xFF) << 8;
            int lowest = word == 8 ? 8 : 0;
            for (int bit = 15; bit >= lowest; bit--) {
                int in = ((w >>> bit) & 1) ^ ((crc >>> 7) & 1);
                crc = (crc << 1) & 0xFF;
                if (in != 0) {
                    crc ^= 0x07;
                }
            }
        }
        return crc;
    }

    /** A CSR9 write with SR set: chip select, clock and data in. */
    void write(int csr9) {
        boolean cs = (csr9 & CSR9_SROM_CS) != 0;
        boolean sk = (csr9 & CSR9_SROM_SK) != 0;
        boolean di = (csr9 & CSR9_SROM_DI) != 0;
        if (!cs) {
            phase = Phase.IDLE;
            dataOut = true;
        } else if (!lastCs) {
            phase = Phase.IDLE;
            dataOut = true;
        } else if (sk && !lastSk) {
            clock(di);
        }
        lastCs = cs;
        lastSk = sk;
    }

    private void clock(boolean di) {
        switch (phase) {
            case IDLE -> {
                if (di) {
                    phase = Phase.OPCODE;
                    shift = 0;
                    bits = 0;
                }
            }
            case OPCODE -> {
                shift = shift << 1 | (di ? 1 : 0);
                if (++bits == 2) {
                    phase = Phase.ADDRESS;
                    address = 0;
                    bits = 0;
                }
            }
            case ADDRESS -> {
                address = address << 1 | (di ? 1 : 0);
                if (++bits == ADDRESS_BITS) {
                    if (shift == 0b10) {
                        phase = Phase.DATA;
                        dataBit = 16;
                        dataOut = false; // the dummy zero before the data
                    } else {
                        phase = Phase.IGNORE;
                    }
                }
            }
            case DATA -> {
                if (dataBit == 0) {
                    address = (address + 1) & (WORDS - 1);
                    dataBit = 16;
                }
                dataBit--;
                dataOut = ((words[address] >>> dataBit) & 1) != 0;
            }
            case IGNORE -> { }
        }
    }

    /** DO as CSR9 bit 3 shows it. */
    boolean dataOut() {
        return dataOut;
    }

    /** Word {@code i} of the ROM. */
    int word(int i) {
        return words[i];
    }
}
