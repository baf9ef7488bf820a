package io.jnetdev.runtime.net;

import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.PacketType;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.MemoryBuffer;
import io.jnetdev.runtime.mem.PhysicalMemory;
import io.jnetdev.runtime.mem.SmallCopy;
import java.lang.foreign.MemorySegment;

/**
 * A pooled socket buffer: a fixed slot of a pool's physical memory block, reused after free.
 * Every access checks that the skb is live, so a use after free is caught (until the slot is
 * handed out again — the same limit as Netty's pooled buffers).
 */
final class SkbImpl implements Skb {
    private static final java.lang.foreign.ValueLayout.OfLong BE_LONG =
            java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.foreign.ValueLayout.OfShort BE_SHORT =
            java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    /** The packet types by ordinal: the type is kept as a byte so that setting it writes no reference. */
    private static final PacketType[] PACKET_TYPES = PacketType.values();
    private static final byte HOST = (byte) PacketType.HOST.ordinal();
    private final SkbPool pool;
    /** This skb's place in its pool ({@link SkbPool} keeps its free skbs as a stack of these). */
    final int index;
    private final PhysicalMemory.Block block;
    /** {@code block.segment()}, read on every access. */
    private final MemorySegment seg;
    private final long slotOffset;
    private final int capacity;
    private int data;
    private int tail;
    /** {@code skb->mac_header}: where the link-layer header starts, set by {@code eth_type_trans}; -1 before. */
    private int macHeader = -1;
    private int protocol;
    private byte pktType = HOST;
    private NetDeviceImpl dev;
    boolean live;

    SkbImpl(SkbPool pool, int index, PhysicalMemory.Block block, long slotOffset, int capacity) {
        this.pool = pool;
        this.index = index;
        this.block = block;
        this.seg = block.segment();
        this.slotOffset = slotOffset;
        this.capacity = capacity;
    }

    /** Resets to an empty buffer with {@code headroom} reserved, owned by {@code owner}. */
    void init(NetDeviceImpl owner, int headroom) {
        data = headroom;
        tail = headroom;
        macHeader = -1;
        protocol = 0;
        pktType = HOST;
        dev(owner);
        live = true;
    }

    SkbPool pool() {
        return pool;
    }

    void checkLive(String op) {
        if (!live) {
            pool.useAfterFree(this, op);
        }
    }

    NetDeviceImpl owner() {
        return dev;
    }

    /** Sets the device; a write only when it changes (it seldom does: a pool's skbs serve the same few devices). */
    void dev(NetDeviceImpl d) {
        if (dev != d) {
            this.dev = d;
        }
    }

    void pktType(PacketType t) {
        this.pktType = (byte) t.ordinal();
    }

    /** {@code skb_reset_mac_header}: the link-layer header starts at the current data. */
    void resetMacHeader() {
        macHeader = data;
    }

    /**
     * Where the frame a tap sees starts in {@link #segment()}: {@code packet_rcv} pushes back to the
     * MAC header; without one recorded, the data is the frame (a frame being transmitted).
     */
    long macFrameOffset() {
        checkLive("packet_rcv");
        return slotOffset + (macHeader < 0 ? data : macHeader);
    }

    /** The frame's length from its MAC header (see {@link #macFrameOffset}). */
    int macFrameLen() {
        return tail - (macHeader < 0 ? data : macHeader);
    }

    /** The pool block's memory, which {@link #macFrameOffset} indexes (read by taps, never written). */
    MemorySegment segment() {
        return seg;
    }

    /** {@link #len()} for the core, which checked the skb is live once at its entry point. */
    int dataLen() {
        return tail - data;
    }

    /** {@code __skb_pull} of the link-layer header by the core, which checked liveness and length. */
    void pullHeader(int bytes) {
        data += bytes;
    }

    /** Bytes {@code index..index+7} of the data in network order, in one read (the caller checked the length). */
    long longAtBE(int index) {
        return seg.get(BE_LONG, slotOffset + data + index);
    }

    /** Bytes {@code index..index+1} of the data in network order (the caller checked the length). */
    int shortAtBE(int index) {
        return seg.get(BE_SHORT, slotOffset + data + index) & 0xFFFF;
    }

    @Override
    public MemorySegment data() {
        checkLive("data");
        return seg.asSlice(slotOffset + data, tail - data);
    }

    @Override
    public void copyBits(int offset, MemorySegment dst, long dstOffset, int bytes) {
        checkLive("copy_bits");
        if (offset < 0 || bytes < 0 || offset + bytes > tail - data) {
            throw new IndexOutOfBoundsException("skb_copy_bits(" + offset + ", " + bytes + ") of a " + (tail - data) + "-byte skb");
        }
        SmallCopy.copy(seg, slotOffset + data + offset, dst, dstOffset, bytes);
    }

    @Override
    public int len() {
        checkLive("len");
        return tail - data;
    }

    @Override
    public int headroom() {
        return data;
    }

    @Override
    public int tailroom() {
        return capacity - tail;
    }

    @Override
    public void reserve(int bytes) {
        checkLive("reserve");
        if (tail != data || bytes < 0 || tail + bytes > capacity) {
            throw new IllegalStateException("skb_reserve(" + bytes + ") on a non-empty skb or past its end");
        }
        data += bytes;
        tail += bytes;
    }

    @Override
    public MemorySegment put(int bytes) {
        checkLive("put");
        if (bytes < 0 || tail + bytes > capacity) {
            throw new IndexOutOfBoundsException("skb_put(" + bytes + "): only " + (capacity - tail) + " bytes of tailroom (skb_over_panic)");
        }
        int old = tail;
        tail += bytes;
        pool.chargeCopy(bytes); // the caller fills what it put
        return seg.asSlice(slotOffset + old, bytes);
    }

    /**
     * {@code skb_put_data}: the copy goes straight into the slot, no view is created; a driver's
     * per-frame copy, so it calls {@code MemorySegment.copy} in {@link SmallCopy}'s form itself (see there).
     */
    @Override
    public void putData(MemorySegment src, long offset, int bytes) {
        checkLive("put");
        if (bytes < 0 || tail + bytes > capacity) {
            throw new IndexOutOfBoundsException("skb_put(" + bytes + "): only " + (capacity - tail) + " bytes of tailroom (skb_over_panic)");
        }
        MemorySegment.copy(src, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, seg, java.lang.foreign.ValueLayout.JAVA_BYTE,
                slotOffset + tail, bytes);
        tail += bytes;
        pool.chargeCopy(bytes);
    }

    @Override
    public void pull(int bytes) {
        checkLive("pull");
        if (bytes < 0 || bytes > tail - data) {
            throw new IndexOutOfBoundsException("skb_pull(" + bytes + ") of a " + (tail - data) + "-byte skb");
        }
        data += bytes;
    }

    @Override
    public MemorySegment push(int bytes) {
        checkLive("push");
        if (bytes < 0 || bytes > data) {
            throw new IndexOutOfBoundsException("skb_push(" + bytes + "): only " + data + " bytes of headroom (skb_under_panic)");
        }
        data -= bytes;
        return seg.asSlice(slotOffset + data, bytes);
    }

    @Override
    public void trim(int len) {
        checkLive("trim");
        if (len < 0) {
            throw new IllegalArgumentException("skb_trim(" + len + ")");
        }
        if (len < tail - data) {
            tail = data + len;
        }
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void protocol(int etherType) {
        this.protocol = etherType;
    }

    @Override
    public PacketType pktType() {
        return PACKET_TYPES[pktType];
    }

    @Override
    public NetDevice dev() {
        return dev;
    }

    @Override
    public MemoryBuffer buffer() {
        return block;
    }

    @Override
    public int dataOffset() {
        return (int) slotOffset + data;
    }
}
