package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

/**
 * The serial EEPROM behind window 0 (B.4, B.8; what Linux's {@code vortex_probe1} reads): 64 words.
 *
 * <p>Contents: words 0–2 and 10–12 the station address, each word big-endian (word 10 =
 * {@code mac[0] << 8 | mac[1]}); word 3 the product ID (the model uses the PCI device ID); word 4 a
 * manufacturing date (model's choice, in Linux's day/month/year-since-1900 packing); word 7 the
 * EtherLink III ID 0x6D50; word 13 software info 1 with bit 15 (full-duplex capable) set; word 15
 * software info 2, 0 (whole-frame receive); word 16 the capabilities of the {@link VortexChip}
 * (0x0020 full bus master on the 3c905C only); word 0x17 the checksum: the XOR of words 0x00..0x17,
 * folded to 8 bits (high byte XOR low byte), is 0.
 *
 * <p>Read protocol: writing {@code EEPROM_Read + address} (0x80 | 6-bit address) to the command
 * register starts a read; bit 15 of the command register reads 1 (busy) for {@link #READ_NANOS} of
 * virtual time, the ~162 µs Linux waits, after which the data register holds the word. A read of the
 * data register while busy returns the previous word. Write, erase and the write-enable/disable
 * commands are accepted and take the same time but change nothing: the model's EEPROM is read-only.
 */
final class VortexEeprom {
    /** How long a command keeps the busy bit set: the 162 µs Linux waits before polling. */
    static final long READ_NANOS = 162_000;

    private final int[] words = new int[EEPROM_WORDS];
    private int command;
    private int data;
    private long busyUntil = Long.MIN_VALUE;
    private int pendingWord = -1;

    VortexEeprom(VortexChip chip, long mac) {
        for (int i = 0; i < 3; i++) {
            int w = (int) (mac >>> (32 - 16 * i)) & 0xFFFF;
            words[EE_PHYS_ADDR + i] = w;
            words[EE_NODE_ADDR + i] = w;
        }
        words[EE_PRODUCT_ID] = chip.deviceId();
        words[EE_MFG_DATE] = chip.busMaster() ? (99 << 9) | (6 << 5) | 15 : (95 << 9) | (11 << 5) | 1;
        words[EE_ETHERLINK3_ID] = 0x6D50;
        words[EE_SOFTWARE_INFO1] = INFO1_FULL_DUPLEX;
        words[EE_SOFTWARE_INFO2] = 0;
        words[EE_CAPABILITIES] = chip.capabilities();
        int x = 0;
        for (int i = 0; i < EE_CHECKSUM; i++) {
            x ^= words[i];
        }
        words[EE_CHECKSUM] = (x ^ (x >>> 8)) & 0xFF;
    }

    /** Word {@code address} (0..63). */
    int word(int address) {
        return words[address & (EEPROM_WORDS - 1)];
    }

    /** The station address words 10..12 hold. */
    long mac() {
        return (long) words[EE_NODE_ADDR] << 32 | (long) words[EE_NODE_ADDR + 1] << 16 | words[EE_NODE_ADDR + 2];
    }

    /** Back to idle (TotalReset): no command in progress. */
    void reset() {
        command = 0;
        busyUntil = Long.MIN_VALUE;
        pendingWord = -1;
    }

    /** The driver wrote the command register at virtual time {@code now}. */
    void commandWritten(int value, long now) {
        command = value & 0x7FFF;
        busyUntil = now + READ_NANOS;
        int opcode = value & 0xC0;
        pendingWord = opcode == EEPROM_Read ? value & 0x3F : -1;
    }

    /** The command register: the last command, bit 15 while it is in progress. */
    int commandRead(long now) {
        settle(now);
        return command | (now < busyUntil ? EEPROM_BUSY : 0);
    }

    /** The data register: the word the last finished read fetched. */
    int dataRead(long now) {
        settle(now);
        return data;
    }

    private void settle(long now) {
        if (pendingWord >= 0 && now >= busyUntil) {
            data = words[pendingWord];
            pendingWord = -1;
        }
    }
}
