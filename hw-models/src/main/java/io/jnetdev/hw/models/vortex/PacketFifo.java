package io.jnetdev.hw.models.vortex;

import io.jnetdev.hw.DmaPort;
import java.lang.foreign.MemorySegment;

/**
 * One of the card's packet FIFOs in its on-board RAM: a byte ring holding whole frames in arrival
 * order, each with a status word. A frame occupies {@link #cost(int)} bytes — its length rounded
 * up to a dword plus one dword of status, the way the EtherLink III family keeps a status dword
 * beside each packet — so a FIFO of {@code capacity} bytes holds fewer small frames than its size
 * suggests. The newest entry may be <em>open</em> (reserved, still being filled by the host's PIO
 * writes or a download); the consumer only ever looks at complete entries. Nothing here allocates
 * after construction.
 */
final class PacketFifo {
    private final int capacity;
    private final MemorySegment ring;
    private final byte[] ringBytes;
    private final int maxEntries;
    private final int[] start;
    private final int[] length;
    private final int[] status;
    private final boolean[] complete;
    private int head;
    private int count;
    private int used;
    private int tail;

    PacketFifo(int capacity) {
        this.capacity = capacity;
        this.ringBytes = new byte[capacity];
        this.ring = MemorySegment.ofArray(ringBytes);
        this.maxEntries = capacity / 4;
        this.start = new int[maxEntries];
        this.length = new int[maxEntries];
        this.status = new int[maxEntries];
        this.complete = new boolean[maxEntries];
    }

    /** Bytes a frame of {@code len} bytes takes: rounded up to a dword, plus a status dword. */
    static int cost(int len) {
        return ((len + 3) & ~3) + 4;
    }

    int capacity() {
        return capacity;
    }

    /** Bytes not taken by any entry, open or complete. */
    int free() {
        return capacity - used;
    }

    /** Entries, open or complete. */
    int count() {
        return count;
    }

    boolean fits(int len) {
        return count < maxEntries && used + cost(len) <= capacity;
    }

    /** Whether the oldest entry exists and is complete. */
    boolean headReady() {
        return count > 0 && complete[head];
    }

    int headLength() {
        return length[head];
    }

    int headStatus() {
        return status[head];
    }

    /** Reserves an open entry of {@code len} bytes (the caller checked {@link #fits}); returns its slot. */
    int reserve(int len, int statusWord) {
        int slot = (head + count) % maxEntries;
        start[slot] = tail;
        length[slot] = len;
        status[slot] = statusWord;
        complete[slot] = false;
        count++;
        int c = cost(len);
        used += c;
        tail = (tail + c) % capacity;
        return slot;
    }

    /** Marks an open entry complete. */
    void complete(int slot) {
        complete[slot] = true;
    }

    /** Stores a whole frame from {@code src} as a complete entry (the caller checked {@link #fits}). */
    void push(MemorySegment src, int len, int statusWord) {
        int slot = reserve(len, statusWord);
        copyIn(slot, 0, src, 0, len);
        complete[slot] = true;
    }

    /** Copies {@code n} bytes of {@code src} from {@code srcOff} into entry {@code slot} at {@code off}. */
    void copyIn(int slot, int off, MemorySegment src, long srcOff, int n) {
        int pos = (start[slot] + off) % capacity;
        int first = Math.min(n, capacity - pos);
        MemorySegment.copy(src, srcOff, ring, pos, first);
        if (first < n) {
            MemorySegment.copy(src, srcOff + first, ring, 0, n - first);
        }
    }

    /** Writes one byte into entry {@code slot} at {@code off}. */
    void put(int slot, int off, byte b) {
        ringBytes[(start[slot] + off) % capacity] = b;
    }

    /** Byte {@code off} of the oldest entry (0 past its end). */
    int headByte(int off) {
        if (off >= length[head]) {
            return 0;
        }
        return ringBytes[(start[head] + off) % capacity] & 0xFF;
    }

    /** Copies {@code n} bytes of the oldest entry from {@code off} into {@code dst} at 0. */
    void copyHeadOut(int off, MemorySegment dst, int n) {
        int pos = (start[head] + off) % capacity;
        int first = Math.min(n, capacity - pos);
        MemorySegment.copy(ring, pos, dst, 0, first);
        if (first < n) {
            MemorySegment.copy(ring, 0, dst, first, n - first);
        }
    }

    /** DMA-writes {@code n} bytes of the oldest entry from {@code off} to bus address {@code bus}. */
    void dmaHeadOut(int off, DmaPort dma, long bus, int n) {
        int pos = (start[head] + off) % capacity;
        int first = Math.min(n, capacity - pos);
        dma.write(bus, ring, pos, first);
        if (first < n) {
            dma.write(bus + first, ring, 0, n - first);
        }
    }

    /** Frees the oldest entry. */
    void pop() {
        if (count == 0) {
            return;
        }
        used -= cost(length[head]);
        head = (head + 1) % maxEntries;
        count--;
        if (count == 0) {
            used = 0;
            tail = 0;
            head = 0;
        }
    }

    /** Drops the newest entry (an open one the host abandoned). */
    void dropNewest() {
        if (count == 0) {
            return;
        }
        int slot = (head + count - 1) % maxEntries;
        int c = cost(length[slot]);
        used -= c;
        tail = Math.floorMod(tail - c, capacity);
        count--;
    }

    /** Empties the FIFO; returns how many complete entries were in it. */
    int clear() {
        int completeEntries = 0;
        for (int i = 0; i < count; i++) {
            if (complete[(head + i) % maxEntries]) {
                completeEntries++;
            }
        }
        head = 0;
        count = 0;
        used = 0;
        tail = 0;
        return completeEntries;
    }
}
