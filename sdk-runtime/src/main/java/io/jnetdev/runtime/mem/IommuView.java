package io.jnetdev.runtime.mem;

import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One device's view of memory through the IOMMU: the windows the driver opened for it (coherent
 * buffers, streaming mappings). Bus addresses equal physical addresses (an identity domain), but
 * only opened windows are reachable, and only while bus mastering is on (the PCI function tells the
 * view with {@link #busMastering} whenever its command register changes). A refused access throws
 * {@link DmaFaultException} and is reported to {@code faultSink}; memory is left untouched.
 *
 * <p>{@link #stall()} withholds the bus from the device without touching its config space (the
 * fault injector's {@code stallDma}): every access is refused and {@link #mastering()} answers
 * false, as if bus mastering were off, until {@link #resume()} gives the bus back and tells
 * whoever registered with {@link #onResume} (the PCI function, which tells the model).
 */
public final class IommuView implements DmaPort {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final String device;
    /** The command register's bus-master bit, as the PCI function last reported it. */
    private boolean busMaster;
    private final Consumer<DmaFaultException> faultSink;
    /**
     * Open windows sorted by bus address, windows at the same address in the order they were
     * opened (the DMA API allows the same memory to be mapped more than once). A plain array so
     * that a DMA access looks its window up without allocating: device models do this per frame.
     */
    private Window[] windows = new Window[8];
    /** {@code windows[i].busAddress}, kept beside them so the binary search reads one flat array. */
    private long[] starts = new long[8];
    private int count;
    /**
     * The last two windows that resolved an access (a model alternates between its descriptor ring
     * and a buffer), unpacked into their bus range, segment and bus-to-offset delta so that a hit
     * reads only this object's fields. Bus addresses are physical addresses, so any window covering
     * an access reaches the same bytes: a hit here is as good as the search. Dropped when their
     * window closes; an empty slot has start MAX_VALUE and end MIN_VALUE, which no access is inside.
     */
    private Window recent0;
    private long start0 = Long.MAX_VALUE;
    private long end0 = Long.MIN_VALUE;
    private long delta0;
    private MemorySegment seg0;
    private Window recent1;
    private long start1 = Long.MAX_VALUE;
    private long end1 = Long.MIN_VALUE;
    private long delta1;
    private MemorySegment seg1;
    private final List<DmaFaultException> faults = new ArrayList<>();
    /** The bus is withheld by an injected stall: every access is refused, whatever the command register says. */
    private boolean stalled;
    /**
     * {@code busMaster && !stalled}, kept as one field because every DMA access of every frame
     * asks it; {@link #search} tells the two reasons apart when it refuses.
     */
    private boolean open;
    private Runnable resumed = () -> { };

    /** A view with bus mastering off (as after reset) until {@link #busMastering} turns it on. */
    public IommuView(String device, Consumer<DmaFaultException> faultSink) {
        this.device = device;
        this.faultSink = faultSink;
    }

    /** The command register's bus-master bit changed (or may have): the owner of the config space calls this. */
    public void busMastering(boolean on) {
        busMaster = on;
        open = on && !stalled;
    }

    /** Opens {@code length} bytes of {@code block} from {@code offset} at bus address {@code block.address()+offset}. */
    public Window open(PhysicalMemory.Block block, long offset, long length, String what) {
        Window w = new Window(block.address() + offset, length, block, offset, what);
        if (count == windows.length) {
            windows = Arrays.copyOf(windows, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
        }
        int at = upperBound(w.busAddress); // after every window at the same address
        System.arraycopy(windows, at, windows, at + 1, count - at);
        System.arraycopy(starts, at, starts, at + 1, count - at);
        windows[at] = w;
        starts[at] = w.busAddress;
        count++;
        return w;
    }

    /** Closes this window (and only this one, if the same bytes are mapped more than once). */
    public void close(Window window) {
        for (int i = upperBound(window.busAddress) - 1; i >= 0 && starts[i] == window.busAddress; i--) {
            if (windows[i] == window) {
                if (recent1 == window) {
                    remember1(null);
                }
                if (recent0 == window) {
                    remember0(recent1); // keeps the other one, if any
                    remember1(null);
                }
                System.arraycopy(windows, i + 1, windows, i, count - i - 1);
                System.arraycopy(starts, i + 1, starts, i, count - i - 1);
                windows[--count] = null;
                return;
            }
        }
    }

    /**
     * Withholds the bus: from now on every access is refused, as with bus mastering off, while the
     * config space (which the driver may read or restore) is left as it is.
     */
    public void stall() {
        stalled = true;
        open = false;
    }

    /** Gives the bus back after {@link #stall()} and runs the resume hook; nothing when not stalled. */
    public void resume() {
        if (stalled) {
            stalled = false;
            open = busMaster;
            resumed.run();
        }
    }

    public boolean stalled() {
        return stalled;
    }

    /** Whether the device may master the bus now: bus mastering is on and no stall withholds it. */
    public boolean mastering() {
        return open;
    }

    /** What to do when a stall ends (the device may fetch again): the PCI function tells its model. */
    public void onResume(Runnable hook) {
        this.resumed = hook;
    }

    public List<Window> openWindows() {
        return List.of(Arrays.copyOf(windows, count));
    }

    /** Faults seen so far. */
    public List<DmaFaultException> faults() {
        return List.copyOf(faults);
    }

    /** Index of the first window whose bus address is above {@code bus}. */
    private int upperBound(long bus) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= bus) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Which remembered window covers {@code length} bytes at {@code bus}: 0 or 1, or -1 when
     * neither does (or bus mastering is off) and {@link #resolve} must search.
     */
    private int hit(long bus, long length) {
        if (length < 0 || !open) {
            return -1;
        }
        if (bus >= start0 && bus + length <= end0) {
            return 0;
        }
        if (bus >= start1 && bus + length <= end1) {
            return 1;
        }
        return -1;
    }

    /** The window that covers {@code length} bytes at {@code bus}, or a fault (recorded, reported, thrown); remembered. */
    private Window resolve(long bus, long length, boolean write) {
        Window w = search(bus, length, write);
        remember1(recent0);
        remember0(w);
        return w;
    }

    private void remember0(Window w) {
        recent0 = w;
        start0 = w == null ? Long.MAX_VALUE : w.busAddress;
        end0 = w == null ? Long.MIN_VALUE : w.busAddress + w.length;
        delta0 = w == null ? 0 : w.offset - w.busAddress;
        seg0 = w == null ? null : w.block.segment();
    }

    private void remember1(Window w) {
        recent1 = w;
        start1 = w == null ? Long.MAX_VALUE : w.busAddress;
        end1 = w == null ? Long.MIN_VALUE : w.busAddress + w.length;
        delta1 = w == null ? 0 : w.offset - w.busAddress;
        seg1 = w == null ? null : w.block.segment();
    }

    private Window search(long bus, long length, boolean write) {
        String reason;
        if (stalled) {
            reason = "the bus is withheld (injected DMA stall)";
        } else if (!busMaster) {
            reason = "bus mastering is off";
        } else {
            // Nearest window first; windows may overlap, so a lower one may still cover the access.
            // Within one bus address, the window opened first wins.
            int end = length >= 0 ? upperBound(bus) : 0;
            while (end > 0) {
                long key = starts[end - 1];
                int first = end - 1;
                while (first > 0 && starts[first - 1] == key) {
                    first--;
                }
                for (int i = first; i < end; i++) {
                    Window w = windows[i];
                    if (bus + length <= w.busAddress + w.length) {
                        return w;
                    }
                }
                end = first;
            }
            reason = "no mapping for this device covers it";
        }
        DmaFaultException fault = new DmaFaultException(device, bus, length, write, reason);
        faults.add(fault);
        faultSink.accept(fault);
        throw fault;
    }

    /** Offset of bus address {@code bus} in the segment of the block behind {@code w}. */
    private static long offsetIn(Window w, long bus) {
        return w.offset + (bus - w.busAddress);
    }

    // Each access tries the two remembered windows first, then searches (and remembers). Copies use
    // SmallCopy's form, which checks a frame's worth once per segment, not once per word; the
    // per-frame write spells it out itself (see SmallCopy for why).

    @Override
    public void read(long busAddress, MemorySegment dst) {
        long length = dst.byteSize();
        switch (hit(busAddress, length)) {
            case 0 -> SmallCopy.copy(seg0, busAddress + delta0, dst, 0, length);
            case 1 -> SmallCopy.copy(seg1, busAddress + delta1, dst, 0, length);
            default -> {
                Window w = resolve(busAddress, length, false);
                SmallCopy.copy(w.block.segment(), offsetIn(w, busAddress), dst, 0, length);
            }
        }
    }

    @Override
    public void write(long busAddress, MemorySegment src) {
        write(busAddress, src, 0, src.byteSize());
    }

    /** A model's per-frame DMA (a received frame into its buffer): makes the copy itself, see {@link SmallCopy}. */
    @Override
    public void write(long busAddress, MemorySegment src, long srcOffset, long length) {
        MemorySegment seg;
        long at;
        switch (hit(busAddress, length)) {
            case 0 -> {
                seg = seg0;
                at = busAddress + delta0;
            }
            case 1 -> {
                seg = seg1;
                at = busAddress + delta1;
            }
            default -> {
                Window w = resolve(busAddress, length, true);
                seg = w.block.segment();
                at = offsetIn(w, busAddress);
            }
        }
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, srcOffset, seg, ValueLayout.JAVA_BYTE, at, length); // SmallCopy's form
    }

    @Override
    public int read32(long busAddress) {
        return switch (hit(busAddress, 4)) {
            case 0 -> seg0.get(LE_INT, busAddress + delta0);
            case 1 -> seg1.get(LE_INT, busAddress + delta1);
            default -> {
                Window w = resolve(busAddress, 4, false);
                yield w.block.segment().get(LE_INT, offsetIn(w, busAddress));
            }
        };
    }

    @Override
    public void write32(long busAddress, int value) {
        switch (hit(busAddress, 4)) {
            case 0 -> seg0.set(LE_INT, busAddress + delta0, value);
            case 1 -> seg1.set(LE_INT, busAddress + delta1, value);
            default -> {
                Window w = resolve(busAddress, 4, true);
                w.block.segment().set(LE_INT, offsetIn(w, busAddress), value);
            }
        }
    }

    @Override
    public long read64(long busAddress) {
        return switch (hit(busAddress, 8)) {
            case 0 -> seg0.get(LE_LONG, busAddress + delta0);
            case 1 -> seg1.get(LE_LONG, busAddress + delta1);
            default -> {
                Window w = resolve(busAddress, 8, false);
                yield w.block.segment().get(LE_LONG, offsetIn(w, busAddress));
            }
        };
    }

    @Override
    public void write64(long busAddress, long value) {
        switch (hit(busAddress, 8)) {
            case 0 -> seg0.set(LE_LONG, busAddress + delta0, value);
            case 1 -> seg1.set(LE_LONG, busAddress + delta1, value);
            default -> {
                Window w = resolve(busAddress, 8, true);
                w.block.segment().set(LE_LONG, offsetIn(w, busAddress), value);
            }
        }
    }

    /** The 16 bytes are checked as one access: both words are written or, on a fault, neither. */
    @Override
    public void write64Pair(long busAddress, long first, long second) {
        MemorySegment seg;
        long at;
        switch (hit(busAddress, 16)) {
            case 0 -> {
                seg = seg0;
                at = busAddress + delta0;
            }
            case 1 -> {
                seg = seg1;
                at = busAddress + delta1;
            }
            default -> {
                Window w = resolve(busAddress, 16, true);
                seg = w.block.segment();
                at = offsetIn(w, busAddress);
            }
        }
        seg.set(LE_LONG, at, first);
        seg.set(LE_LONG, at + 8, second);
    }

    /** One open window. */
    public record Window(long busAddress, long length, PhysicalMemory.Block block, long offset, String what) {}
}
