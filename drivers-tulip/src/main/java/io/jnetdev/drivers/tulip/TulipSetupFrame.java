package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceFlags;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The receive filter ({@code set_rx_mode}, {@code build_setup_frame_perfect},
 * {@code build_setup_frame_hash} and the setup frame of {@code tulip_up}, Linux
 * {@code tulip_core.c}). The Tulip filters by a 192-byte setup frame sent down the transmit ring:
 * <ul>
 * <li>perfect (up to 14 groups): 16 entries of 12 bytes, each address as three longwords holding
 *     one 16-bit piece each (low half, repeated in the high half as Linux writes it for
 *     big-endian hosts): the groups first, unused entries broadcast, entry 15 the station;</li>
 * <li>hash (more than 14 groups): TDES1 FT0 set; a 512-bit table in the low halves of the first
 *     32 longwords, bit = little-endian CRC-32 of the address &amp; 0x1FF, bit 255 for broadcast,
 *     and the station as the one perfect address in longwords 39–41.</li>
 * </ul>
 * Promiscuous mode sets PR and PM in CSR6, all-multicast (or over 1000 groups) PM; neither sends
 * a setup frame. A setup frame that would not land in ring entry 0 follows a dummy descriptor
 * (length 0), handed to the chip after the setup descriptor, for a chip erratum.
 */
final class TulipSetupFrame {
    /** The perfect filter's capacity besides the station and broadcast. */
    static final int PERFECT_GROUPS = 14;
    /** Beyond this many groups, all multicast is accepted. */
    static final int ALLMULTI_GROUPS = 1000;
    private static final int ENTRY_BYTES = 12;
    /** Longword of the hash frame's perfect (station) address. */
    private static final int HASH_STATION_LONGWORD = 39;
    private static final int BROADCAST_HASH_BIT = 255;

    private final TulipPrivate tp;

    TulipSetupFrame(TulipPrivate tp) {
        this.tp = tp;
    }

    /** One address as three longwords, each 16-bit piece in both halves. */
    private static void putAddress(MemorySegment frame, int longword, MacAddress mac) {
        byte[] a = mac.octets();
        for (int k = 0; k < 3; k++) {
            int piece = (a[2 * k] & 0xFF) | (a[2 * k + 1] & 0xFF) << 8;
            frame.set(TulipPrivate.LE_INT, (long) (longword + k) * 4, piece | piece << 16);
        }
    }

    /** The frame {@code tulip_up} queues before the chip starts: every entry broadcast but the station in entry 15. */
    void buildInitial(MacAddress station) {
        MemorySegment f = tp.setupFrame;
        f.fill((byte) 0xFF);
        putAddress(f, 15 * 3, station);
    }

    /** {@code build_setup_frame_perfect}. */
    void buildPerfect(List<MacAddress> groups, MacAddress station) {
        MemorySegment f = tp.setupFrame;
        int n = 0;
        for (MacAddress g : groups) {
            putAddress(f, n * 3, g);
            n++;
        }
        f.asSlice((long) n * ENTRY_BYTES, (long) (15 - n) * ENTRY_BYTES).fill((byte) 0xFF);
        putAddress(f, 15 * 3, station);
    }

    /** {@code build_setup_frame_hash}. */
    void buildHash(List<MacAddress> groups, MacAddress station) {
        int[] table = new int[32]; // 32 16-bit words
        setBit(table, BROADCAST_HASH_BIT);
        for (MacAddress g : groups) {
            setBit(table, etherCrcLe(g.octets()) & 0x1FF);
        }
        MemorySegment f = tp.setupFrame;
        f.fill((byte) 0);
        for (int i = 0; i < 32; i++) {
            f.set(TulipPrivate.LE_INT, (long) i * 4, table[i] | table[i] << 16);
        }
        putAddress(f, HASH_STATION_LONGWORD, station);
    }

    private static void setBit(int[] table, int bit) {
        table[bit >>> 4] |= 1 << (bit & 15);
    }

    /** {@code ether_crc_le}: the reflected CRC-32 (polynomial 0xEDB88320) from all ones, not inverted. */
    static int etherCrcLe(byte[] data) {
        int crc = 0xFFFF_FFFF;
        for (byte b : data) {
            int octet = b & 0xFF;
            for (int bit = 0; bit < 8; bit++, octet >>>= 1) {
                crc = (crc >>> 1) ^ (((crc ^ octet) & 1) != 0 ? 0xEDB8_8320 : 0);
            }
        }
        return crc;
    }

    /** Puts the initial setup frame at the head of a fresh ring, as {@code tulip_up} does (no dummy needed at entry 0). */
    void queueInitial() {
        int entry = TulipPrivate.txEntry(tp.curTx);
        tp.txKind[entry] = TulipPrivate.TX_SETUP;
        tp.setTxDesc(entry, DESC_LENGTH, DescSetup | SETUP_FRAME_LEN);
        tp.setTxDesc(entry, DESC_BUFFER1, (int) tp.setupMem.dmaAddress());
        tp.setTxDesc(entry, DESC_STATUS, DescOwned);
        tp.curTx++;
        tp.setupFrames++;
    }

    /** {@code set_rx_mode}. */
    void setRxMode(NetDevice dev) {
        int csr6 = tp.ioread32(CSR6) & ~CSR6_FILTER_BITS;
        tp.csr6 &= ~CSR6_FILTER_BITS;
        int flags = dev.flags();
        List<MacAddress> groups = dev.mcAddresses();
        if ((flags & NetDeviceFlags.PROMISC) != 0) {
            tp.csr6 |= AcceptAllMulticast | AcceptAllPhys;
            csr6 |= AcceptAllMulticast | AcceptAllPhys;
        } else if (groups.size() > ALLMULTI_GROUPS || (flags & NetDeviceFlags.ALLMULTI) != 0) {
            tp.csr6 |= AcceptAllMulticast;
            csr6 |= AcceptAllMulticast;
        } else {
            int txFlags = DescSetup | SETUP_FRAME_LEN;
            if (groups.size() > PERFECT_GROUPS) {
                buildHash(groups, dev.macAddress());
                txFlags |= DescSetupHash;
            } else {
                buildPerfect(groups, dev.macAddress());
            }
            queue(dev, txFlags);
        }
        tp.iowrite32(csr6, CSR6);
    }

    /** The locked part of {@code set_rx_mode}: dummy (unless at entry 0), setup descriptor, poll demand. */
    private void queue(NetDevice dev, int txFlags) {
        long irqFlags = tp.lock.lockIrqSave();
        try {
            if (tp.curTx - tp.dirtyTx > TX_RING_SIZE - 2) {
                return; // the same setup was queued recently
            }
            int entry = TulipPrivate.txEntry(tp.curTx++);
            int dummy = -1;
            if (entry != 0) {
                tp.txKind[entry] = TulipPrivate.TX_DUMMY;
                tp.setTxDesc(entry, DESC_LENGTH, entry == TX_RING_SIZE - 1 ? DESC_RING_WRAP : 0);
                tp.setTxDesc(entry, DESC_BUFFER1, 0);
                dummy = entry; // owned by the chip only after the setup descriptor is
                entry = TulipPrivate.txEntry(tp.curTx++);
            }
            tp.txKind[entry] = TulipPrivate.TX_SETUP;
            if (entry == TX_RING_SIZE - 1) {
                txFlags |= DESC_RING_WRAP;
            }
            tp.setTxDesc(entry, DESC_LENGTH, txFlags);
            tp.setTxDesc(entry, DESC_BUFFER1, (int) tp.setupMem.dmaAddress());
            tp.setTxDesc(entry, DESC_STATUS, DescOwned);
            if (dummy >= 0) {
                tp.setTxDesc(dummy, DESC_STATUS, DescOwned);
            }
            if (tp.curTx - tp.dirtyTx >= TX_RING_SIZE - 2) {
                dev.stopQueue();
            }
            tp.setupFrames++;
            tp.iowrite32(0, CSR1);
        } finally {
            tp.lock.unlockIrqRestore(irqFlags);
        }
    }
}
