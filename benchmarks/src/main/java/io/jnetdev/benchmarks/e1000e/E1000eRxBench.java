package io.jnetdev.benchmarks.e1000e;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.benchmarks.RxProblems;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.net.PacketHandler;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * The receive path of the reference pair on one machine: the 82574L model in slot 4 bound to the
 * {@code e1000e} driver (loaded by {@link java.util.ServiceLoader}, as a user's machine loads it),
 * eth0 up in MSI-X mode with the driver's default interrupt throttling, and an IPv4 handler that
 * counts. A burst of frames enters the card's port at one instant; the model writes them into the
 * extended descriptors by DMA and raises RXQ0 on MSI-X vector 0 (when EITR lets it), the handler
 * schedules NAPI, {@code e1000e_poll} cleans them into skbs and refills the ring, and
 * {@code netif_receive_skb} hands them to the handler. The benchmark and its smoke test share this
 * class, so both measure the same code.
 */
public final class E1000eRxBench {
    /** The card's PCI slot: 0000:00:04.0, eth0. */
    public static final int SLOT = 4;
    /** The source address of every frame. */
    public static final MacAddress SOURCE = MacAddress.parse("02:00:00:00:00:01");
    /** Virtual time a burst may take before the run is declared stuck: far above any ITR interval. */
    private static final long STUCK_NANOS = 100_000_000L;

    private final Machine machine;
    private final Engine engine;
    private final E1000e model;
    private final EthernetPort port;
    private final NetDeviceImpl dev;
    private final Ipv4Counter sink = new Ipv4Counter();
    private final MemorySegment frame;
    private final int frameSize;
    private long offered;

    private E1000eRxBench(long seed, String interruptThrottleRate, int frameSize) throws ErrnoException {
        if (frameSize < 60 || frameSize > 1514) {
            throw new IllegalArgumentException("frame size " + frameSize + " outside 60..1514");
        }
        this.frameSize = frameSize;
        this.model = new E1000e();
        MachineConfig config = MachineConfig.builder().seed(seed).cpus(2).slot(SLOT, () -> model)
                .modules(Map.of("e1000e", Map.of("InterruptThrottleRate", interruptThrottleRate))).build();
        this.machine = Machine.create(config);
        machine.net().devAddPack(EtherType.IPV4, sink);
        machine.boot(E1000eRxBench.class.getClassLoader());
        this.dev = machine.net().device("eth0")
                .orElseThrow(() -> new IllegalStateException("e1000e did not register eth0: " + machine.dmesg()));
        machine.net().devOpen(dev);
        // the watchdog work brings the carrier up (and enables the transmitter) once it sees link
        machine.run(3_000_000_000L);
        this.engine = machine.engine();
        this.port = model.port();
        this.frame = MemorySegment.ofArray(frame(frameSize, new MacAddress(model.port().macAddress())));
    }

    /**
     * A booted machine with eth0 up.
     *
     * @param seed                  the engine's seed
     * @param interruptThrottleRate the driver's {@code InterruptThrottleRate} parameter ("3" is its default)
     * @param frameSize             bytes per frame without FCS, 60..1514
     */
    public static E1000eRxBench create(long seed, String interruptThrottleRate, int frameSize) {
        try {
            return new E1000eRxBench(seed, interruptThrottleRate, frameSize);
        } catch (ErrnoException e) {
            throw new IllegalStateException("e1000e bench machine (seed " + seed + "): " + e.getMessage(), e);
        }
    }

    /** An IPv4 frame of {@code size} bytes to {@code dst} with a patterned payload. */
    static byte[] frame(int size, MacAddress dst) {
        byte[] f = new byte[size];
        System.arraycopy(dst.octets(), 0, f, 0, 6);
        System.arraycopy(SOURCE.octets(), 0, f, 6, 6);
        f[12] = (byte) (EtherType.IPV4 >>> 8);
        f[13] = (byte) EtherType.IPV4;
        for (int i = 14; i < size; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    /**
     * {@code frames} frames arrive at the port at one instant; the machine then runs until the
     * handler has them all (through whatever interrupt throttling holds back). Returns the frames
     * the IPv4 handler has seen in all.
     */
    public long burst(int frames) {
        for (int i = 0; i < frames; i++) {
            port.frame(frame, frameSize);
        }
        offered += frames;
        long deadline = engine.now() + STUCK_NANOS;
        while (sink.frames < offered) {
            long next = engine.nextEventAt();
            if (next > deadline) {
                throw new IllegalStateException("burst stuck at t=" + engine.now() + " ns (seed " + engine.seed()
                        + "): offered " + offered + ", delivered " + sink.frames + ", missed " + model.missedTotal());
            }
            engine.runUntil(Math.max(next, engine.now()));
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
        return RxProblems.of(machine, dev, offered, sink.frames, model.missedTotal());
    }

    /** The protocol handler: counts what it is given, as a stand-in for {@code ip_rcv}. */
    private static final class Ipv4Counter implements PacketHandler {
        long frames;

        @Override
        public void receive(Skb skb) {
            frames++;
        }
    }
}
