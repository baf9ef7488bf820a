package io.jnetdev.cli.machine;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.hw.wire.CountingSink;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.irq.CpuList;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetSysctl;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine as a machine file describes it, checked and ready to boot as often as wanted (each
 * boot makes fresh models). {@link MachineFile} reads one; {@link #boot} makes the machine.
 *
 * @param source      the file's name, for error messages
 * @param cpus        virtual CPUs
 * @param hz          {@code CONFIG_HZ}
 * @param seed        the seed of every random choice
 * @param sysctl      the {@code net.core} knobs the file sets, by their sysctl names
 * @param slots       the devices in PCI slots
 * @param modules     the modules to load at boot, in order, with their parameters; null loads every
 *                    module found on the class path with its defaults
 * @param wires       cables, generators and sinks
 * @param irqAffinity the interrupts' CPUs, applied after boot
 * @param cpusAt      where {@code cpus} is set (for errors about CPUs the machine lacks)
 */
public record MachineDescription(String source, int cpus, int hz, long seed, Map<String, Long> sysctl,
                                 List<SlotSpec> slots, Map<String, Map<String, String>> modules, List<WireSpec> wires,
                                 List<IrqAffinitySpec> irqAffinity, Position cpusAt) {
    /** The knobs a machine file may set, with Linux's sysctl names. */
    public static final List<String> SYSCTLS = List.of("net.core.netdev_budget", "net.core.netdev_budget_usecs",
            "net.core.netdev_max_backlog", "net.core.dev_weight");

    public MachineDescription {
        sysctl = Map.copyOf(sysctl);
        slots = List.copyOf(slots);
        wires = List.copyOf(wires);
        irqAffinity = List.copyOf(irqAffinity);
        if (modules != null) {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            modules.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            modules = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** The same machine with another seed ({@code --seed}). */
    public MachineDescription withSeed(long newSeed) {
        return new MachineDescription(source, cpus, hz, newSeed, sysctl, slots, modules, wires, irqAffinity, cpusAt);
    }

    /**
     * The same machine with another CPU count ({@code --cpus}).
     *
     * @throws MachineFileException when an {@code irq_affinity} entry names a CPU the machine then lacks
     */
    public MachineDescription withCpus(int newCpus) throws MachineFileException {
        MachineDescription d = new MachineDescription(source, newCpus, hz, seed, sysctl, slots, modules, wires, irqAffinity,
                cpusAt);
        d.checkCpus();
        return d;
    }

    /** Every CPU an affinity names exists. */
    void checkCpus() throws MachineFileException {
        long online = cpus >= 64 ? -1L : (1L << cpus) - 1;
        for (IrqAffinitySpec a : irqAffinity) {
            if ((a.cpus() & ~online) != 0) {
                throw a.cpusAt().error("CPUs " + CpuList.format(a.cpus() & ~online) + " are outside the machine's "
                        + cpus + " CPU" + (cpus == 1 ? "" : "s") + " (cpus at line " + cpusAt.line() + " or --cpus)",
                        "CPUs among " + CpuList.format(online));
            }
        }
    }

    /** The runtime's configuration: CPUs, HZ, seed, slots and modules. */
    public MachineConfig config() {
        MachineConfig.Builder b = MachineConfig.builder().cpus(cpus).hz(hz).seed(seed);
        for (SlotSpec s : slots) {
            b.slot(s.slot(), s::newModel);
        }
        if (modules != null) {
            b.modules(new LinkedHashMap<>(modules));
        }
        return b.build();
    }

    /** {@code NetSysctl} for {@link #hz}, with the knobs the file sets. */
    public NetSysctl netSysctl() {
        NetSysctl s = NetSysctl.forHz(hz);
        sysctl.forEach((name, v) -> {
            switch (name) {
                case "net.core.netdev_budget" -> s.netdevBudget = v.intValue();
                case "net.core.netdev_budget_usecs" -> s.netdevBudgetUsecs = v;
                case "net.core.netdev_max_backlog" -> s.netdevMaxBacklog = v.intValue();
                case "net.core.dev_weight" -> s.devWeight = v.intValue();
                default -> throw new IllegalStateException("sysctl " + name + " not applied");
            }
        });
        return s;
    }

    /** Boots with the modules this class's loader sees. */
    public BootedMachine boot() throws MachineFileException {
        return boot(MachineDescription.class.getClassLoader());
    }

    /**
     * Boots the machine: creates it with the file's knobs, adds the IPv4 stand-in for {@code ip_rcv}
     * (IPv4 frames are delivered, costing the cost model's protocol work, then freed), loads the
     * modules, plugs the cables, connects the sinks, starts or arms the generators and sets the IRQ
     * affinities.
     *
     * @throws MachineFileException when a generator's rate exceeds its card's line, or an
     *                              {@code irq_affinity} entry names an interrupt the booted machine lacks
     */
    public BootedMachine boot(ClassLoader modulesLoader) throws MachineFileException {
        checkGeneratorRates();
        NetSysctl knobs = netSysctl();
        Machine m = Machine.create(config(), binder -> binder.bind(NetSysctl.class).toInstance(knobs));
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.boot(modulesLoader);
        List<Cable> cables = new ArrayList<>();
        List<TrafficGenerator> generators = new ArrayList<>();
        Map<Integer, CountingSink> sinks = new LinkedHashMap<>();
        for (WireSpec w : wires) {
            switch (w) {
                case WireSpec.Cable c -> cables.add(Cable.connect(m.wireContext(), port(m, c.a()), port(m, c.b())));
                case WireSpec.Sink s -> {
                    CountingSink sink = new CountingSink();
                    port(m, s.slot()).connect(sink);
                    sinks.put(s.slot(), sink);
                }
                case WireSpec.Generator g -> generators.add(start(m, g));
            }
        }
        for (IrqAffinitySpec a : irqAffinity) {
            int irq = a.irq();
            try {
                if (a.slot() >= 0) {
                    PciFunction fn = m.pci().function(a.slot()).orElseThrow();
                    irq = fn.handle().irqVector(a.vector());
                }
                m.irqCore().irqSetAffinity(irq, a.cpus());
            } catch (ErrnoException e) {
                throw a.at().error("after boot, " + (a.slot() >= 0 ? "vector " + a.vector() + " of slot " + a.slot()
                        + " cannot be moved: " + e.getMessage() : "IRQ " + irq + " cannot be moved: " + e.getMessage()),
                        "an interrupt the booted machine has (see cat /proc/interrupts)");
            }
        }
        return new BootedMachine(m, this, cables, generators, sinks);
    }

    /** A generator's rate against its card's line, before anything boots. */
    private void checkGeneratorRates() throws MachineFileException {
        for (WireSpec w : wires) {
            if (w instanceof WireSpec.Generator g && g.fps() != WireSpec.Generator.LINE_RATE) {
                long line = lineRate(g.slot());
                long max = TrafficGenerator.maxFps(g.sizes(), g.bad(), line);
                if (g.fps() > max) {
                    throw g.at().error("rate " + g.fps() + " frames/s is more than slot " + g.slot() + "'s " + line
                            + " bit/s line carries with these frames", "at most " + max + " frames/s, or rate: line");
                }
            }
        }
    }

    private long lineRate(int slot) {
        PciFunctionModel model = slots.stream().filter(s -> s.slot() == slot).findFirst().orElseThrow().newModel();
        return ((NicModel) model).port().lineRateBitsPerSecond();
    }

    private static TrafficGenerator start(Machine m, WireSpec.Generator g) {
        EthernetPort port = port(m, g.slot());
        long fps = g.fps() == WireSpec.Generator.LINE_RATE
                ? TrafficGenerator.maxFps(g.sizes(), g.bad(), port.lineRateBitsPerSecond()) : g.fps();
        TrafficGenerator.Builder b = TrafficGenerator.builder(m.wireContext(), port).fps(fps).sizeMix(g.sizes())
                .burst(g.burst()).durationNanos(g.durationNanos()).name("generator slot " + g.slot());
        if (g.bad() != null) {
            b.badFrames(g.bad());
        }
        TrafficGenerator gen = b.build();
        if (g.startNanos() == 0) {
            gen.start();
        } else {
            m.wireContext().newTimer("generator slot " + g.slot() + " start", gen::start).schedule(g.startNanos());
        }
        return gen;
    }

    private static EthernetPort port(Machine m, int slot) {
        return ((NicModel) m.pci().function(slot).orElseThrow().model()).port();
    }
}
