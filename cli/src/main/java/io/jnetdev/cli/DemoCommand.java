package io.jnetdev.cli;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.cli.demo.Phase;
import io.jnetdev.cli.demo.PhaseRunner;
import io.jnetdev.cli.demo.ProbeChains;
import io.jnetdev.cli.shell.Shell;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.pci.PciFunction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jnetdev demo}: boots the default machine (or the one {@code --machine} names) and tells its story in order — the modules
 * ServiceLoader found, each probe's call chain, {@code lspci}, every interface brought up, then on
 * the first interface of each kind of card a low-load and a line-rate phase, each followed by the counters that moved in
 * {@code /proc/interrupts}, {@code /proc/softirqs}, {@code /proc/net/softnet_stat} and
 * {@code ethtool -S} and a sentence built from those numbers. It ends with the conservation check
 * per interface and the contract-violation count, and exits 0 only when both are clean.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Boot the default machine (or --machine FILE) and tell its story: modules, probe chains, lspci, interfaces up, then a low "
                + "and a line-rate traffic phase on each kind of card (by default e1000e, 3c59x PIO and bus master, tulip) with what moved in "
                + "/proc/interrupts, /proc/softirqs, softnet_stat and ethtool -S, and why.")
final class DemoCommand implements Callable<Integer> {

    /** Frame length without FCS: the minimum, where per-frame costs dominate and cards saturate first. */
    static final int FRAME_SIZE = 60;
    /** The low-load rate on every card: below what each one saturates at (the 3c595 near 40k frames/s). */
    static final long LOW_FPS = 10_000;
    /** How long each phase offers frames. */
    static final long PHASE_NANOS = 20_000_000L;
    /** Bytes a minimum frame takes on the wire beyond its 60: FCS 4, preamble and SFD 8, inter-frame gap 12. */
    static final int WIRE_OVERHEAD = 4 + 8 + 12;
    /** The longest the demo waits for every carrier after 'up' (3c59x's media timer is the slow one). */
    static final long CARRIER_WAIT_NANOS = 10_000_000_000L;

    /**
     * How the demo introduces a card it knows, by PCI vendor and device ID; a card it does not know
     * is introduced by its driver and ID and settles for {@link #DEFAULT_SETTLE_NANOS}.
     *
     * @param what        the card in a few words, for the section title
     * @param settleNanos virtual time after the line-rate phase before the counters are read: long
     *                    enough for what the driver defers (3c59x restores hidden sources from its
     *                    media timer a second later)
     */
    record Card(String what, long settleNanos) {}

    /** Settle time for a card the demo has no entry for. */
    static final long DEFAULT_SETTLE_NANOS = 10_000_000L;

    static final Map<Integer, Card> CARDS = Map.of(
            0x8086_10D3, new Card("e1000e on an Intel 82574L: 1 Gb/s, MSI-X, NAPI, interrupt throttling", DEFAULT_SETTLE_NANOS),
            0x10B7_5950, new Card("3c59x on a 3c595 Vortex: 100 Mb/s, programmed I/O, netif_rx, shared IRQ", 1_500_000_000L),
            0x10B7_9200, new Card("3c59x on a 3c905C Tornado: 100 Mb/s, bus master, netif_rx, shared IRQ", DEFAULT_SETTLE_NANOS),
            0x1011_0019, new Card("tulip on a DEC 21143: 100 Mb/s, NAPI, CSR11 interrupt mitigation", DEFAULT_SETTLE_NANOS),
            0x1011_0009, new Card("tulip on a DEC 21140: 100 Mb/s, NAPI, no interrupt mitigation", DEFAULT_SETTLE_NANOS));

    @Mixin
    MachineOptions machineOptions = new MachineOptions();

    @Spec
    CommandSpec spec;

    @Mixin
    JfrOptions jfrOptions = new JfrOptions();

    @Override
    public Integer call() throws ErrnoException {
        machineOptions.validate(spec);
        try (JfrOptions.Session jfr = jfrOptions.start(spec)) {
            return demo(jfr);
        }
    }

    private Integer demo(JfrOptions.Session jfr) throws ErrnoException {
        PrintWriter out = spec.commandLine().getOut();
        Machine m = machineOptions.bootOrReport(spec);
        if (m == null) {
            return MachineOptions.BAD_MACHINE_FILE;
        }
        jfr.attach(m);
        Shell shell = new Shell(m, out);

        section(out, "1. Modules found by ServiceLoader and loaded at boot (lsmod, with parameter values)");
        out.println("available: " + String.join(", ", m.modules().available()));
        m.modules().brokenProviders().forEach(line -> out.println("broken: " + line));
        shell.execute("lsmod");
        explain(out, "Each module's init registered a PCI driver; registering a driver walks the bus and probes every "
                + "device its ID table matches.");

        section(out, "2. Each probe's call chain (trace probe; the devices a driver did not match folded into one line)");
        out.print(ProbeChains.render(m.trace().steps()));
        explain(out, "The functions of Linux's drivers/base/dd.c in their order: the bus scan adds devices before any "
                + "driver exists; each driver_register walks the bus, really_probe calls the bus probe, which calls the "
                + "driver's, and driver_bound ends it.");

        section(out, "3. lspci -nn");
        shell.execute("lspci -nn");

        section(out, "4. Every network interface up");
        List<NetDeviceImpl> nics = m.net().devices();
        for (NetDeviceImpl dev : nics) {
            command(out, shell, "ip link set " + dev.name() + " up");
        }
        Map<String, Long> carrierAfter = waitForCarrier(m, nics);
        shell.execute("ip link");
        shell.execute("cat /proc/interrupts");
        explain(out, carrierSentence(nics, carrierAfter));

        List<Phase> phases = new ArrayList<>();
        PhaseRunner runner = new PhaseRunner(m, shell, out, nics);
        int n = 5;
        for (NetDeviceImpl dev : onePerCardType(m, nics)) {
            Card card = cardOf(m, dev);
            long lineRate = lineRateFps(m, dev);
            section(out, String.format(Locale.ROOT, "%da. %s: %s — low load, %,d frames/s", n, dev.name(), card.what(), LOW_FPS));
            phases.add(runner.run(dev, LOW_FPS, FRAME_SIZE, PHASE_NANOS, 10_000_000L));
            section(out, String.format(Locale.ROOT, "%db. %s — line rate, %,d frames/s of %d bytes", n, dev.name(), lineRate,
                    FRAME_SIZE));
            phases.add(runner.run(dev, lineRate, FRAME_SIZE, PHASE_NANOS, card.settleNanos()));
            n++;
        }

        section(out, n + ". The views in full, at the end");
        shell.execute("cat /proc/softirqs");
        shell.execute("cat /proc/net/softnet_stat");
        shell.execute("ip -s link");

        section(out, (n + 1) + ". Conservation per interface and contract violations");
        boolean conserved = true;
        for (NetDeviceImpl dev : nics) {
            long offered = shell.offered(dev.name());
            if (offered == 0) {
                continue;
            }
            Conservation c = m.net().conservation(dev, offered);
            boolean holds = c.holds() && c.inFlight() == 0;
            conserved &= holds;
            out.println((holds ? "holds:  " : "BROKEN: ") + c);
        }
        for (Phase p : phases) {
            conserved &= p.conserved();
        }
        int violations = m.violations().count();
        m.violations().all().forEach(v -> out.println("violation: " + v));
        out.printf(Locale.ROOT, "Done at virtual time %.6f s: conservation %s, %d contract violation(s). Next: ./jnetdev shell%n",
                m.engine().now() / 1e9, conserved ? "holds on every interface" : "BROKEN", violations);
        shell.close();
        out.flush();
        return violations == 0 && conserved ? 0 : 1;
    }

    /** Advances time a millisecond at a time until every interface has carrier; the time each took, by name. */
    private static Map<String, Long> waitForCarrier(Machine m, List<NetDeviceImpl> nics) {
        long start = m.engine().now();
        Map<String, Long> after = new LinkedHashMap<>();
        while (after.size() < nics.size() && m.engine().now() - start < CARRIER_WAIT_NANOS) {
            m.run(1_000_000L);
            for (NetDeviceImpl dev : nics) {
                if (dev.carrierOk() && !after.containsKey(dev.name())) {
                    after.put(dev.name(), m.engine().now() - start);
                }
            }
        }
        return after;
    }

    /** Which interface had carrier how long after 'up', from the measured times; any without it named. */
    private static String carrierSentence(List<NetDeviceImpl> nics, Map<String, Long> after) {
        List<String> parts = new ArrayList<>();
        after.forEach((name, nanos) -> parts.add(String.format(Locale.ROOT, "%s after %.0f ms", name, nanos / 1e6)));
        List<String> without = nics.stream().map(NetDeviceImpl::name).filter(name -> !after.containsKey(name)).toList();
        return (parts.isEmpty() ? "No carrier came on" : "Carrier came on " + String.join(", ", parts) + " of virtual time")
                + (without.isEmpty() ? "" : String.format(Locale.ROOT, "; none on %s within %d s", String.join(", ", without),
                        CARRIER_WAIT_NANOS / 1_000_000_000L))
                + ". Each driver reads the link from a timer (e1000e's watchdog, 3c59x's media timer, tulip's link check), "
                + "and each open requested the interrupts listed above.";
    }

    /**
     * The interfaces the traffic phases run on: the first of each kind of card, in interface order
     * (on the default machine eth0, eth2, eth3 and eth4 — eth1 is eth0's twin at the cable's other end).
     */
    private static List<NetDeviceImpl> onePerCardType(Machine m, List<NetDeviceImpl> nics) {
        Map<Integer, NetDeviceImpl> first = new LinkedHashMap<>();
        for (NetDeviceImpl dev : nics) {
            first.putIfAbsent(pciId(m, dev), dev);
        }
        return List.copyOf(first.values());
    }

    private static Card cardOf(Machine m, NetDeviceImpl dev) {
        int id = pciId(m, dev);
        Card known = CARDS.get(id);
        if (known != null) {
            return known;
        }
        String driver = function(m, dev).driver() == null ? "no driver" : function(m, dev).driver().name();
        return new Card(String.format(Locale.ROOT, "%s on a [%04x:%04x]", driver, id >>> 16, id & 0xFFFF), DEFAULT_SETTLE_NANOS);
    }

    /** Vendor ID in the upper 16 bits, device ID in the lower (config space's first dword holds them the other way round). */
    private static int pciId(Machine m, NetDeviceImpl dev) {
        int dword = function(m, dev).config().read(0, 4);
        return (dword & 0xFFFF) << 16 | dword >>> 16;
    }

    private static PciFunction function(Machine m, NetDeviceImpl dev) {
        return m.pci().function(dev.parentName())
                .orElseThrow(() -> new IllegalStateException(dev.name() + ": no PCI function " + dev.parentName()));
    }

    /** Minimum frames a second fill the link at its negotiated speed. */
    private static long lineRateFps(Machine m, NetDeviceImpl dev) throws ErrnoException {
        int speed = m.ethtool().getLinkKsettings(dev).speed();
        if (speed <= 0) {
            throw new ErrnoException(io.jnetdev.api.Errno.ENETDOWN, dev.name() + ": no link speed (" + speed + ") at t="
                    + m.engine().now() + " ns: no line rate to offer");
        }
        long bitsPerSecond = speed * 1_000_000L;
        return bitsPerSecond / ((FRAME_SIZE + WIRE_OVERHEAD) * 8L);
    }

    private static void command(PrintWriter out, Shell shell, String line) {
        out.println("jnetdev# " + line);
        shell.execute(line);
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
    }

    private static void explain(PrintWriter out, String text) {
        out.println("-> " + text);
    }
}
