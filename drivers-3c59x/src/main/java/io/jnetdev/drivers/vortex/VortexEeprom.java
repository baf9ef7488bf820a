package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.net.MacAddress;

/**
 * The EEPROM as {@code vortex_probe1} reads it: 0x40 words through window 0, each read started
 * by a command and polled for the busy bit a bounded number of times, the 8-bit XOR checksum,
 * and the station address from words 10..12 (each word big-endian).
 */
final class VortexEeprom {
    /** Linux waits at least 162 µs per try for the read to take place ... */
    static final int READ_DELAY_US = 162;
    /** ... and tries 11 times before taking whatever the data register holds. */
    static final int READ_TRIES = 11;

    private VortexEeprom() {}

    /**
     * Reads every word. A word whose busy bit never clears is read anyway, as Linux does; the
     * checksum then tells.
     *
     * @param busyWords receives the number of words whose busy bit stayed set (index 0)
     */
    static int[] read(VortexIo io, Kernel kernel, int readBase, int[] busyWords) {
        int[] eeprom = new int[EEPROM_WORDS];
        for (int i = 0; i < EEPROM_WORDS; i++) {
            io.windowWrite16(readBase + i, 0, WN0_EEPROM_CMD);
            boolean done = false;
            for (int t = 0; t < READ_TRIES && !done; t++) {
                kernel.udelay(READ_DELAY_US);
                done = (io.windowRead16(0, WN0_EEPROM_CMD) & EEPROM_BUSY) == 0;
            }
            if (!done) {
                busyWords[0]++;
            }
            eeprom[i] = io.windowRead16(0, WN0_EEPROM_DATA);
        }
        return eeprom;
    }

    /**
     * The checksum: XOR of words 0x00..0x17 folded to 8 bits; when that is not 0, the XOR is
     * extended to word 0x20 (the newer layout). 0 means valid.
     */
    static int checksum(int[] eeprom) {
        int checksum = 0;
        int i = 0;
        for (; i < 0x18; i++) {
            checksum ^= eeprom[i];
        }
        checksum = (checksum ^ (checksum >> 8)) & 0xFF;
        if (checksum != 0) {
            while (i < 0x21) {
                checksum ^= eeprom[i++];
            }
            checksum = (checksum ^ (checksum >> 8)) & 0xFF;
        }
        return checksum;
    }

    /** The station address of words 10..12: each word holds two octets, the first in the high byte. */
    static MacAddress stationAddress(int[] eeprom) {
        long bits = 0;
        for (int i = 0; i < 3; i++) {
            bits = (bits << 16) | (eeprom[EE_NODE_ADDR + i] & 0xFFFF);
        }
        return new MacAddress(bits);
    }
}
