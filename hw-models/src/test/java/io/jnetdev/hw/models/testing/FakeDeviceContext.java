package io.jnetdev.hw.models.testing;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A small stand-in for the machine around a device model, for register-level tests: a virtual
 * clock with a discrete event queue for the model's timers, host memory reachable by DMA only in
 * [{@link #MEM_BASE}, {@link #MEM_BASE} + {@link #MEM_SIZE}) (anything else throws
 * {@link DmaFaultException}, as the IOMMU view does), and a record of every interrupt the model
 * sends with its virtual time.
 */
public final class FakeDeviceContext implements DeviceContext {
    public static final long MEM_BASE = 0x1000_0000L;
    public static final int MEM_SIZE = 8 << 20;
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** An interrupt the model sent: MSI-X vector 0..4, or -1 for MSI, or -2/-3 for INTx asserted/deasserted. */
    public record Irq(int vector, long nanos) {}

    public final MemorySegment memory = MemorySegment.ofArray(new byte[MEM_SIZE]);
    public final List<Irq> irqs = new ArrayList<>();
    public final List<String> log = new ArrayList<>();
    public final List<DmaFaultException> faults = new ArrayList<>();
    public boolean msix;
    public boolean msi;
    public boolean busMaster = true;
    public boolean intx;
    /** Called after each interrupt is recorded: a test's stand-in for an interrupt handler. */
    public Runnable onIrq = () -> { };

    private long now;
    private long seq;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();

    private static final class Event implements Comparable<Event> {
        final long at;
        final long order;
        final FakeTimer timer;
        boolean cancelled;

        Event(long at, long order, FakeTimer timer) {
            this.at = at;
            this.order = order;
            this.timer = timer;
        }

        @Override
        public int compareTo(Event o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }
    }

    private final class FakeTimer implements DeviceTimer {
        final Runnable action;
        Event event;

        FakeTimer(Runnable action) {
            this.action = action;
        }

        @Override
        public void schedule(long delayNanos) {
            cancel();
            event = new Event(now + Math.max(0, delayNanos), seq++, this);
            queue.add(event);
        }

        @Override
        public void cancel() {
            if (event != null) {
                event.cancelled = true;
                event = null;
            }
        }

        @Override
        public boolean pending() {
            return event != null;
        }
    }

    /** Runs every event due within the next {@code nanos}, then sets the clock to the end. */
    public void run(long nanos) {
        runUntil(now + nanos);
    }

    public void runUntil(long end) {
        while (!queue.isEmpty() && queue.peek().at <= end) {
            Event e = queue.poll();
            if (e.cancelled) {
                continue;
            }
            now = e.at;
            e.timer.event = null;
            e.timer.action.run();
        }
        now = Math.max(now, end);
    }

    /** Runs until no event is left (bounded, so a runaway timer fails the test instead of hanging it). */
    public void drain() {
        for (int i = 0; i < 10_000_000 && !queue.isEmpty(); i++) {
            Event e = queue.poll();
            if (e.cancelled) {
                continue;
            }
            now = e.at;
            e.timer.event = null;
            e.timer.action.run();
        }
    }

    public List<Long> times(int vector) {
        return irqs.stream().filter(i -> i.vector() == vector).map(Irq::nanos).toList();
    }

    public long count(int vector) {
        return irqs.stream().filter(i -> i.vector() == vector).count();
    }

    // ---- memory for the test's "driver" ----------------------------------------------------------

    public int get32(long bus) {
        return memory.get(LE_INT, bus - MEM_BASE);
    }

    public long get64(long bus) {
        return memory.get(LE_LONG, bus - MEM_BASE);
    }

    public void put32(long bus, int v) {
        memory.set(LE_INT, bus - MEM_BASE, v);
    }

    public void put64(long bus, long v) {
        memory.set(LE_LONG, bus - MEM_BASE, v);
    }

    // ---- DeviceContext ----------------------------------------------------------------------------

    @Override
    public String name() {
        return "0000:00:04.0";
    }

    @Override
    public DmaPort dma() {
        return dma;
    }

    @Override
    public boolean busMasterEnabled() {
        return busMaster;
    }

    @Override
    public void setIntx(boolean asserted) {
        intx = asserted;
        irqs.add(new Irq(asserted ? -2 : -3, now));
        if (asserted) {
            onIrq.run();
        }
    }

    @Override
    public boolean msixEnabled() {
        return msix;
    }

    @Override
    public void msixNotify(int vector) {
        irqs.add(new Irq(vector, now));
        onIrq.run();
    }

    @Override
    public boolean msiEnabled() {
        return msi;
    }

    @Override
    public void msiNotify(int vector) {
        irqs.add(new Irq(-1, now));
        onIrq.run();
    }

    @Override
    public long nowNanos() {
        return now;
    }

    @Override
    public DeviceTimer newTimer(String name, Runnable action) {
        return new FakeTimer(action);
    }

    @Override
    public void log(String message) {
        log.add(message);
    }

    private final DmaPort dma = new DmaPort() {
        private long check(long bus, long length, boolean write) {
            if (!busMaster || bus < MEM_BASE || bus + length > MEM_BASE + MEM_SIZE) {
                DmaFaultException f = new DmaFaultException(name(), bus, length, write,
                        busMaster ? "outside the device's DMA view" : "bus mastering is off");
                faults.add(f);
                throw f;
            }
            return bus - MEM_BASE;
        }

        @Override
        public void read(long busAddress, MemorySegment dst) {
            MemorySegment.copy(memory, check(busAddress, dst.byteSize(), false), dst, 0, dst.byteSize());
        }

        @Override
        public void write(long busAddress, MemorySegment src) {
            MemorySegment.copy(src, 0, memory, check(busAddress, src.byteSize(), true), src.byteSize());
        }

        @Override
        public void write(long busAddress, MemorySegment src, long srcOffset, long length) {
            MemorySegment.copy(src, srcOffset, memory, check(busAddress, length, true), length);
        }

        @Override
        public int read32(long busAddress) {
            return memory.get(LE_INT, check(busAddress, 4, false));
        }

        @Override
        public void write32(long busAddress, int value) {
            memory.set(LE_INT, check(busAddress, 4, true), value);
        }

        @Override
        public long read64(long busAddress) {
            return memory.get(LE_LONG, check(busAddress, 8, false));
        }

        @Override
        public void write64(long busAddress, long value) {
            memory.set(LE_LONG, check(busAddress, 8, true), value);
        }
    };
}
