package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;

/**
 * The 82574L's NVM (A.14): 64 16-bit words read through EERD. Words 0..2 hold the station address
 * (word i = octet 2i | octet 2i+1 &lt;&lt; 8), words 0x0B and 0x0D the device ID (QEMU patches both),
 * 0x0C and 0x0E the subsystem vendor and vendor IDs, 0x37 (alternate MAC pointer) reads 0xFFFF as
 * on a card without one, and word 0x3F makes the 16-bit sum of words 0x00..0x3F equal 0xBABA.
 * EERD reads complete at once (DONE is set by the write itself); EEWR writes are ignored (the
 * model's NVM is read-only) but report DONE.
 */
final class E1000eNvm {
    /** Word 0x37: alternate MAC address pointer. */
    static final int ALT_MAC_ADDR_PTR = 0x37;

    private final int[] words = new int[NVM_WORDS];

    /** An NVM image for {@code mac}; a corrupt one has a checksum word off by one. */
    E1000eNvm(long mac, boolean corrupt) {
        for (int i = 0; i < 3; i++) {
            int hi = (int) (mac >>> (40 - 16 * i)) & 0xFF;  // octet 2i
            int lo = (int) (mac >>> (32 - 16 * i)) & 0xFF;  // octet 2i+1
            words[i] = hi | lo << 8;
        }
        words[0x08] = 0xE4A1; // PBA number, two words
        words[0x09] = 0x0900;
        words[0x0B] = DEVICE_ID;
        words[0x0C] = SUBSYSTEM_VENDOR_ID;
        words[0x0D] = DEVICE_ID;
        words[0x0E] = VENDOR_ID;
        words[ALT_MAC_ADDR_PTR] = 0xFFFF;
        int sum = 0;
        for (int i = 0; i < NVM_CHECKSUM_WORD; i++) {
            sum += words[i];
        }
        words[NVM_CHECKSUM_WORD] = (NVM_SUM - sum + (corrupt ? 1 : 0)) & 0xFFFF;
    }

    /** Word {@code address}, 0 beyond the 64 words. */
    int word(int address) {
        return address >= 0 && address < NVM_WORDS ? words[address] : 0;
    }

    /** The station address words 0..2 hold. */
    long mac() {
        long v = 0;
        for (int i = 0; i < 3; i++) {
            v = (v << 16) | (words[i] & 0xFF) << 8 | (words[i] >>> 8 & 0xFF);
        }
        return v;
    }

    /** What EERD holds after the driver writes {@code value}: a read with START completes at once. */
    int eerdWritten(int value) {
        if ((value & EERD_START) == 0) {
            return value & ~EERD_DONE;
        }
        int address = (value >>> EERD_ADDR_SHIFT) & EERD_ADDR_MASK;
        return word(address) << EERD_DATA_SHIFT | address << EERD_ADDR_SHIFT | EERD_DONE;
    }
}
