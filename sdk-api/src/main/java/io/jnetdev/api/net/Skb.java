package io.jnetdev.api.net;

import io.jnetdev.api.pci.MemoryBuffer;
import java.lang.foreign.MemorySegment;

/**
 * A socket buffer ({@code struct sk_buff}): one frame in a fixed buffer with headroom, data and
 * tailroom. Skbs come from per-CPU pools; whoever holds one owns it and must hand it on
 * ({@code netifReceiveSkb}, {@code netifRx}, a transmit) or free it exactly once. Using one after
 * freeing it, or freeing it twice, is caught and reported.
 */
public interface Skb {
    /** The bytes from {@code data} to {@code tail}: the frame as it stands now. */
    MemorySegment data();

    /** Bytes of data ({@code skb->len}). */
    int len();

    /** Free bytes before {@code data}. */
    int headroom();

    /** Free bytes after {@code tail}. */
    int tailroom();

    /** {@code skb_reserve}: moves data and tail forward on an empty skb to make headroom. */
    void reserve(int bytes);

    /** {@code skb_put}: extends the data at the tail; returns the new bytes to fill. */
    MemorySegment put(int bytes);

    /**
     * {@code skb_put_data}: extends the data by {@code bytes} at the tail and copies them from
     * {@code src} at {@code offset} — {@link #put} and the copy in one call, without creating a
     * view of the new bytes, so that a receive path copying from its DMA buffers allocates nothing.
     */
    default void putData(MemorySegment src, long offset, int bytes) {
        put(bytes).copyFrom(src.asSlice(offset, bytes));
    }

    /**
     * {@code skb_copy_bits}: copies {@code bytes} of the data from {@code offset} into {@code dst} at
     * {@code dstOffset}, without creating a view of the data, so that a transmit path copying into
     * its DMA buffers allocates nothing.
     */
    default void copyBits(int offset, MemorySegment dst, long dstOffset, int bytes) {
        MemorySegment.copy(data(), offset, dst, dstOffset, bytes);
    }

    /** {@code skb_pull}: removes bytes from the front (a header consumed). */
    void pull(int bytes);

    /** {@code skb_push}: adds bytes at the front (a header prepended); returns them. */
    MemorySegment push(int bytes);

    /** {@code skb_trim}: shortens the data to {@code len} bytes. */
    void trim(int len);

    /** Ethernet protocol of the payload ({@code skb->protocol}), set by {@link NetDevice#ethTypeTrans}. */
    int protocol();

    void protocol(int etherType);

    PacketType pktType();

    /** The device the frame came in on or goes out of. */
    NetDevice dev();

    /** The memory holding the buffer, for {@code dma_map_single}. */
    MemoryBuffer buffer();

    /** Offset of {@code data} within {@link #buffer()}. */
    int dataOffset();
}
