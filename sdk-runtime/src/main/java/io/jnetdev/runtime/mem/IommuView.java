package io.jnetdev.runtime.mem;

import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One device's view of memory through the IOMMU: the windows the driver opened for it (coherent
 * buffers, streaming mappings). Bus addresses equal physical addresses (an identity domain), but
 * only opened windows are reachable, and only while bus mastering is on. A refused access throws
 * {@link DmaFaultException} and is reported to {@code faultSink}; memory is left untouched.
 */
public final class IommuView implements DmaPort {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final String device;
    private final BooleanSupplier busMaster;
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
     * and a buffer). Bus addresses are physical addresses, so any window covering an access reaches
     * the same bytes: a hit here is as good as the search. Dropped when their window closes.
     */
    private Window recent0;
    private Window recent1;
    private final List<DmaFaultException> faults = new ArrayList<>();

    public IommuView(String device, BooleanSupplier busMaster, Consumer<DmaFaultException> faultSink) {
        this.device = device;
        this.busMaster = busMaster;
        this.faultSink = faultSink;
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
                if (recent0 == window) {
                    recent0 = null;
                }
                if (recent1 == window) {
                    recent1 = null;
                }
                System.arraycopy(windows, i + 1, windows, i, count - i - 1);
                System.arraycopy(starts, i + 1, starts, i, count - i - 1);
                windows[--count] = null;
                return;
            }
        }
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

    /** The window that covers {@code length} bytes at {@code bus}, or a fault (recorded, reported, thrown). */
    private Window resolve(long bus, long length, boolean write) {
        if (length >= 0 && busMaster.getAsBoolean()) {
            Window r = recent0;
            if (r != null && bus >= r.busAddress && bus + length <= r.busAddress + r.length) {
                return r;
            }
            r = recent1;
            if (r != null && bus >= r.busAddress && bus + length <= r.busAddress + r.length) {
                recent1 = recent0;
                recent0 = r;
                return r;
            }
        }
        Window w = search(bus, length, write);
        recent1 = recent0;
        recent0 = w;
        return w;
    }

    private Window search(long bus, long length, boolean write) {
        String reason;
        if (!busMaster.getAsBoolean()) {
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

    @Override
    public void read(long busAddress, MemorySegment dst) {
        long length = dst.byteSize();
        Window w = resolve(busAddress, length, false);
        MemorySegment.copy(w.block.segment(), offsetIn(w, busAddress), dst, 0, length);
    }

    @Override
    public void write(long busAddress, MemorySegment src) {
        long length = src.byteSize();
        Window w = resolve(busAddress, length, true);
        MemorySegment.copy(src, 0, w.block.segment(), offsetIn(w, busAddress), length);
    }

    @Override
    public int read32(long busAddress) {
        Window w = resolve(busAddress, 4, false);
        return w.block.segment().get(LE_INT, offsetIn(w, busAddress));
    }

    @Override
    public void write32(long busAddress, int value) {
        Window w = resolve(busAddress, 4, true);
        w.block.segment().set(LE_INT, offsetIn(w, busAddress), value);
    }

    @Override
    public long read64(long busAddress) {
        Window w = resolve(busAddress, 8, false);
        return w.block.segment().get(LE_LONG, offsetIn(w, busAddress));
    }

    @Override
    public void write64(long busAddress, long value) {
        Window w = resolve(busAddress, 8, true);
        w.block.segment().set(LE_LONG, offsetIn(w, busAddress), value);
    }

    /** One open window. */
    public record Window(long busAddress, long length, PhysicalMemory.Block block, long offset, String what) {}
}
