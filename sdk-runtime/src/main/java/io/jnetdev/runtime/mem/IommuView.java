package io.jnetdev.runtime.mem;

import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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
    /** Open windows by bus address; the DMA API allows the same memory to be mapped more than once. */
    private final TreeMap<Long, List<Window>> windows = new TreeMap<>();
    private final List<DmaFaultException> faults = new ArrayList<>();

    public IommuView(String device, BooleanSupplier busMaster, Consumer<DmaFaultException> faultSink) {
        this.device = device;
        this.busMaster = busMaster;
        this.faultSink = faultSink;
    }

    /** Opens {@code length} bytes of {@code block} from {@code offset} at bus address {@code block.address()+offset}. */
    public Window open(PhysicalMemory.Block block, long offset, long length, String what) {
        Window w = new Window(block.address() + offset, length, block, offset, what);
        windows.computeIfAbsent(w.busAddress, a -> new ArrayList<>()).add(w);
        return w;
    }

    /** Closes this window (and only this one, if the same bytes are mapped more than once). */
    public void close(Window window) {
        List<Window> at = windows.get(window.busAddress);
        if (at == null) {
            return;
        }
        for (var it = at.iterator(); it.hasNext(); ) {
            if (it.next() == window) {
                it.remove();
                break;
            }
        }
        if (at.isEmpty()) {
            windows.remove(window.busAddress);
        }
    }

    public List<Window> openWindows() {
        return windows.values().stream().flatMap(List::stream).toList();
    }

    /** Faults seen so far. */
    public List<DmaFaultException> faults() {
        return List.copyOf(faults);
    }

    private MemorySegment resolve(long bus, long length, boolean write) {
        String reason;
        if (!busMaster.getAsBoolean()) {
            reason = "bus mastering is off";
        } else {
            // Nearest window first; windows may overlap, so a lower one may still cover the access.
            for (List<Window> at : windows.headMap(bus, true).descendingMap().values()) {
                for (Window w : at) {
                    if (length >= 0 && bus + length <= w.busAddress + w.length) {
                        return w.block.segment().asSlice(w.offset + (bus - w.busAddress), length);
                    }
                }
            }
            reason = "no mapping for this device covers it";
        }
        DmaFaultException fault = new DmaFaultException(device, bus, length, write, reason);
        faults.add(fault);
        faultSink.accept(fault);
        throw fault;
    }

    @Override
    public void read(long busAddress, MemorySegment dst) {
        dst.copyFrom(resolve(busAddress, dst.byteSize(), false));
    }

    @Override
    public void write(long busAddress, MemorySegment src) {
        resolve(busAddress, src.byteSize(), true).copyFrom(src);
    }

    @Override
    public int read32(long busAddress) {
        return resolve(busAddress, 4, false).get(LE_INT, 0);
    }

    @Override
    public void write32(long busAddress, int value) {
        resolve(busAddress, 4, true).set(LE_INT, 0, value);
    }

    @Override
    public long read64(long busAddress) {
        return resolve(busAddress, 8, false).get(LE_LONG, 0);
    }

    @Override
    public void write64(long busAddress, long value) {
        resolve(busAddress, 8, true).set(LE_LONG, 0, value);
    }

    /** One open window. */
    public record Window(long busAddress, long length, PhysicalMemory.Block block, long offset, String what) {}
}
