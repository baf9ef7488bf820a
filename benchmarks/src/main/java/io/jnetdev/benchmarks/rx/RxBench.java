package io.jnetdev.benchmarks.rx;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.benchmarks.RxProblems;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.net.PacketHandler;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * The receive path on one machine, ready to be driven: a {@link BenchNicModel} in slot 3 bound to
 * {@link BenchNicDriver}, the interface up, and an IPv4 protocol handler that counts. A burst of
 * frames enters the model's port at one instant; the model writes them into the ring by DMA and
 * interrupts, the handler schedules NAPI, {@code net_rx_action} polls them into skbs,
 * {@code eth_type_trans} classifies them and {@code netif_receive_skb} hands them to the handler.
 * The benchmark and its smoke test share this class, so both measure the same code.
 */
public final class RxBench {
    /** The PCI slot of the NIC. */
    public static final int SLOT = 3;
    /** The source address of every frame. */
    public static final MacAddress SOURCE = MacAddress.parse("02:00:00:00:00:01");

    private final Machine machine;
    private final Engine engine;
    private final Cpu cpu0;
    private final BenchNicModel model;
    private final NetDeviceImpl dev;
    private final Ipv4Sink sink = new Ipv4Sink();
    private final MemorySegment frame;
    private long offered;

    private RxBench(long seed, CostModel costs, int weight, int frameSize) throws ErrnoException {
        if (frameSize < 60 || frameSize > BenchNicDriver.BUFFER_SIZE) {
            throw new IllegalArgumentException("frame size " + frameSize + " outside 60.." + BenchNicDriver.BUFFER_SIZE);
        }
        this.model = new BenchNicModel();
        BenchNicDriver driver = new BenchNicDriver(weight);
        MachineConfig config = MachineConfig.builder().seed(seed).cpus(2).slot(SLOT, () -> model).modules(Map.of()).build();
        this.machine = costs == null ? Machine.create(config)
                : Machine.create(config, binder -> binder.bind(CostModel.class).toInstance(costs));
        machine.boot(new ClassLoader(null) { }); // no ServiceLoader modules: only the bench driver
        machine.modules().addAvailable(BenchNicDriver.NAME, () -> new BenchNicModule(driver));
        machine.modprobe(BenchNicDriver.NAME, Map.of());
        if (driver.netDevice() == null) {
            throw new IllegalStateException("benchnic did not bind: " + machine.dmesg());
        }
        this.dev = (NetDeviceImpl) driver.netDevice();
        machine.net().devAddPack(EtherType.IPV4, sink);
        machine.net().devOpen(dev);
        machine.settle();
        this.engine = machine.engine();
        this.cpu0 = machine.cpus().get(0);
        this.frame = MemorySegment.ofArray(frame(frameSize, BenchNicDriver.MAC, EtherType.IPV4));
    }

    /**
     * A booted machine with the NIC up.
     *
     * @param seed      the engine's seed
     * @param costs     the cost model, or null for the machine's default
     * @param weight    the driver's NAPI weight
     * @param frameSize bytes per frame, 60..2048
     */
    public static RxBench create(long seed, CostModel costs, int weight, int frameSize) {
        try {
            return new RxBench(seed, costs, weight, frameSize);
        } catch (ErrnoException e) {
            throw new IllegalStateException("bench machine (seed " + seed + "): " + e.getMessage(), e);
        }
    }

    /** An Ethernet frame of {@code size} bytes to {@code dst} with the given type and a patterned payload. */
    static byte[] frame(int size, MacAddress dst, int etherType) {
        byte[] f = new byte[size];
        System.arraycopy(dst.octets(), 0, f, 0, 6);
        System.arraycopy(SOURCE.octets(), 0, f, 6, 6);
        f[12] = (byte) (etherType >>> 8);
        f[13] = (byte) etherType;
        for (int i = 14; i < size; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    /**
     * {@code frames} frames arrive back to back at the port; the machine then runs until the CPU
     * that took the interrupt has received them all. Returns the frames the IPv4 handler has seen in all.
     */
    public long burst(int frames) {
        for (int i = 0; i < frames; i++) {
            model.receive(frame);
        }
        offered += frames;
        engine.runPending();
        // Virtual time catches up with the work the CPU was charged: the next burst comes after it.
        long done = cpu0.localTime();
        if (done > engine.now()) {
            engine.runUntil(done);
        }
        return sink.frames;
    }

    /** Frames offered to the port. */
    public long offered() {
        return offered;
    }

    /** Frames the IPv4 handler received. */
    public long delivered() {
        return sink.frames;
    }

    /** Bytes the IPv4 handler received (Ethernet header pulled). */
    public long deliveredBytes() {
        return sink.bytes;
    }

    /** Frames the model missed for want of a descriptor. */
    public long missed() {
        return model.missed();
    }

    public Machine machine() {
        return machine;
    }

    public NetDeviceImpl device() {
        return dev;
    }

    /**
     * What is wrong with the run so far, empty when nothing is: every offered frame delivered,
     * none missed or dropped, no skb held, no violation recorded.
     */
    public List<String> problems() {
        return RxProblems.of(machine, dev, offered, sink.frames, model.missed());
    }

    /** The protocol handler: counts what it is given, as a stand-in for {@code ip_rcv}. */
    private static final class Ipv4Sink implements PacketHandler {
        long frames;
        long bytes;

        @Override
        public void receive(Skb skb) {
            frames++;
            bytes += skb.len();
        }
    }
}
