package io.jnetdev.runtime.mem;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.MemoryBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine's physical memory: off-heap blocks at physical addresses, handed out first-fit from
 * the lowest address (so small DMA masks are met as on a real machine with free low memory).
 *
 * <p>Each block has its own arena; freeing it closes the arena, so a stale
 * {@link MemorySegment} fails on its next use instead of silently reaching reused memory.
 */
public final class PhysicalMemory {
    /** Page size; every block is page aligned. */
    public static final long PAGE = 4096;
    /** Physical memory starts at 1 MiB, as on a PC (the first megabyte is firmware's). */
    public static final long BASE = 1L << 20;

    private final long limit;
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private long bytesInUse;

    /** @param size bytes of RAM above {@link #BASE} */
    public PhysicalMemory(long size) {
        if (size < PAGE) {
            throw new IllegalArgumentException("memory size " + size + " below one page");
        }
        this.limit = BASE + size;
    }

    /**
     * Allocates {@code size} zeroed bytes ending below {@code addressLimit} (exclusive).
     *
     * @param owner what holds the block, for leak reports (device, driver, purpose)
     */
    public Block allocate(long size, long addressLimit, String owner) throws ErrnoException {
        if (size <= 0) {
            throw new ErrnoException(Errno.EINVAL, "allocation of " + size + " bytes for " + owner);
        }
        long length = (size + PAGE - 1) & -PAGE;
        long top = Math.min(limit, addressLimit);
        long candidate = BASE;
        for (Block b : blocks.values()) {
            if (candidate + length <= b.address) {
                break;
            }
            candidate = Math.max(candidate, b.address + b.length);
        }
        if (candidate + length > top) {
            throw new ErrnoException(Errno.ENOMEM, String.format(
                    "no %d free bytes below 0x%x for %s (%d bytes in use)", length, top, owner, bytesInUse));
        }
        Arena arena = Arena.ofShared();
        MemorySegment segment = arena.allocate(size, 64);
        Block block = new Block(candidate, length, size, segment, arena, owner);
        blocks.put(candidate, block);
        bytesInUse += length;
        return block;
    }

    /** Frees a block; its segment is closed. Freeing twice is reported as an error. */
    public void free(Block block) {
        Block removed = blocks.get(block.address);
        if (removed != block) {
            throw new IllegalStateException(String.format("double free of 0x%x (%s)", block.address, block.owner));
        }
        blocks.remove(block.address);
        bytesInUse -= block.length;
        block.arena.close();
    }

    /** The block containing physical address {@code address}, or null. */
    public Block blockAt(long address) {
        Map.Entry<Long, Block> e = blocks.floorEntry(address);
        if (e == null) {
            return null;
        }
        Block b = e.getValue();
        return address < b.address + b.size ? b : null;
    }

    public long bytesInUse() {
        return bytesInUse;
    }

    public int blockCount() {
        return blocks.size();
    }

    /**
     * One allocated block of physical memory.
     *
     * @param address physical address
     * @param length  pages reserved, in bytes
     * @param size    bytes asked for (the segment's size)
     * @param segment the memory
     * @param arena   owns the segment
     * @param owner   who allocated it
     */
    public record Block(long address, long length, long size, MemorySegment segment, Arena arena, String owner)
            implements MemoryBuffer {
        @Override
        public long physAddr() {
            return address;
        }

        public boolean contains(long addr, long len) {
            return addr >= address && len >= 0 && addr + len <= address + size;
        }
    }
}
