package io.jnetdev.conformance;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.FrameSizeMix;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One machine of one scenario: the driver under test's card in slot 3, the module loaded, an
 * IPv4 handler counting deliveries, and the helpers scenarios are written with (up, down,
 * traffic, waiting for what must happen, conservation). It turns what the runtime's oracle
 * recorded, and what the kit's own checks found, into {@link Finding}s.
 */
final class KitMachine {
    /** True while the kit's {@code ip link set up} is inside {@code ndo_open} (see {@link #tryUp()}). */
    private boolean opening;
    static final int SLOT = 3;
    static final long MS = 1_000_000L;
    static final long US = 1_000L;
    /** Log lines shown before and after a finding's event. */
    private static final int TRACE_BEFORE = 14;
    private static final int TRACE_AFTER = 4;

    final DriverUnderTest dut;
    final long seed;
    final KitConfig config;
    final String scenario;
    final Machine m;
    private final List<Finding> findings = new ArrayList<>();
    /** Findings that only follow from another problem (stalls, lost frames): dropped when the oracle already explained the run. */
    private final List<Finding> symptoms = new ArrayList<>();
    /** Frames not delivered: explained in turn by lost frames (a {@link Rule#CONS} symptom), if there are any. */
    private final List<Finding> undelivered = new ArrayList<>();
    private final Map<String, long[]> delivered = new HashMap<>();
    private final Map<String, Long> offered = new HashMap<>();
    private int violationsSeen;
    /** Warnings the scenario provokes on purpose (see {@link #expect}). */
    private final List<Expected> expected = new ArrayList<>();

    /** Thrown after a finding that leaves the scenario nothing to do. */
    static final class Abort extends RuntimeException {
        Abort(String message) {
            super(message, null, false, false);
        }
    }

    private KitMachine(DriverUnderTest dut, long seed, KitConfig config, String scenario, Machine m) {
        this.dut = dut;
        this.seed = seed;
        this.config = config;
        this.scenario = scenario;
        this.m = m;
    }

    /**
     * Boots a 2-CPU machine (or as {@code machine} changes it) with the card in slot 3, then
     * {@code beforeLoad} (faults to arm), then loads the module.
     */
    static KitMachine boot(DriverUnderTest dut, long seed, KitConfig config, String scenario,
                           Consumer<MachineConfig.Builder> machine, Consumer<KitMachine> beforeLoad) {
        MachineConfig.Builder b = MachineConfig.builder().cpus(2).seed(seed).slot(SLOT, dut.model()::get).modules(Map.of());
        machine.accept(b);
        Machine m = Machine.create(b.build());
        m.boot(dut.module() == null ? dut.classLoader() : new ClassLoader(null) { });
        if (dut.module() != null) {
            m.modules().addAvailable(dut.moduleName(), dut.module()::get);
        }
        KitMachine k = new KitMachine(dut, seed, config, scenario, m);
        m.net().devAddPack(EtherType.IPV4, skb -> k.delivered.computeIfAbsent(skb.dev().name(), x -> new long[1])[0]++);
        beforeLoad.accept(k);
        k.modprobe();
        return k;
    }

    // ---- the module and the device -------------------------------------------------------------

    void modprobe() {
        try {
            m.modprobe(dut.moduleName(), dut.params());
        } catch (ErrnoException e) {
            fail(Rule.PROBE, "modprobe " + dut.moduleName() + " failed: " + e.getMessage());
        }
    }

    void rmmod() {
        try {
            m.rmmod(dut.moduleName());
        } catch (ErrnoException e) {
            fail(Rule.PROBE, "rmmod " + dut.moduleName() + " failed: " + e.getMessage());
        }
    }

    Optional<PciFunction> function() {
        return m.pci().function(SLOT);
    }

    String pciName() {
        return function().map(PciFunction::name).orElse("0000:00:03.0");
    }

    Optional<NetDeviceImpl> findDev() {
        PciFunction fn = function().orElse(null);
        return m.net().devices().stream().filter(d -> d.parent() == fn && fn != null).findFirst();
    }

    /** The interface of the card; a {@link Rule#PROBE} finding (and the end of the scenario) when there is none. */
    NetDeviceImpl dev() {
        return findDev().orElseThrow(() -> fail(Rule.PROBE, "no interface registered for " + pciName()
                + " (bound to " + function().map(f -> f.driver() == null ? "no driver" : f.driver().name()).orElse("nothing") + ")"));
    }

    /** {@code ip link set DEV up}; a {@link Rule#PROBE} finding when it fails. */
    void up() {
        NetDeviceImpl d = dev();
        tryUp().ifPresent(e -> {
            throw fail(Rule.PROBE, "ip link set " + d.name() + " up failed: " + e.getMessage());
        });
    }

    /**
     * {@code ip link set DEV up}, returning the error instead of failing. While {@code ndo_open}
     * runs (it may busy-wait, and time passes), the link gates hold the wire's frames back: the
     * core already counts the device as running, but a driver is only answerable for frames that
     * arrive once its open has returned — before, its card's receiver may not be on yet (a
     * 3Com card drops what comes between RxReset and RxEnable, and no register counts it).
     */
    Optional<ErrnoException> tryUp() {
        m.waitForCpus(); // a probe's busy-wait leaves its CPU's clock ahead (a 3c59x EEPROM read: ~11 ms)
        opening = true;
        try {
            m.net().devOpen(dev());
            return Optional.empty();
        } catch (ErrnoException e) {
            return Optional.of(e);
        } finally {
            opening = false;
        }
    }

    void down() {
        m.net().devClose(dev());
        m.settle();
    }

    /** Up, then waits (at most the must-happen time) for the carrier. */
    void upWithCarrier() {
        up();
        NetDeviceImpl d = dev();
        if (!await(d::carrierOk)) {
            fail(Rule.LIVE, d.name() + " has no carrier " + config.mustHappenNanos() / MS + " ms after up");
        }
    }

    /** Runs in 100 µs steps until {@code condition} or the must-happen time; whether it came true. */
    boolean await(BooleanSupplier condition) {
        long deadline = m.engine().now() + config.mustHappenNanos();
        while (!condition.getAsBoolean()) {
            if (m.engine().now() >= deadline) {
                return false;
            }
            m.run(100 * US);
        }
        return true;
    }

    void run(long nanos) {
        m.run(nanos);
    }

    // ---- traffic -------------------------------------------------------------------------------

    EthernetPort port() {
        try {
            return m.portOf(dev().name());
        } catch (ErrnoException e) {
            throw fail(Rule.PROBE, e.getMessage());
        }
    }

    /** Starts {@code fps} frames per second of {@code size} bytes for {@code nanos} to the interface. */
    TrafficGenerator traffic(long fps, int size, long nanos) {
        return traffic(fps, size, nanos, 0, null);
    }

    /**
     * As {@link #traffic(long, int, long)}, at {@code lineRate} bits per second when nonzero (to
     * offer more than the port's own rate), and with bad frames when {@code bad} is given.
     * Scenarios name their loads for a 1 Gb/s port; on a slower one a rate above what the line
     * carries is offered at the line's rate instead (line rate stays line rate, 4x stays 4x).
     */
    TrafficGenerator traffic(long fps, int size, long nanos, long lineRate, BadFrameMix bad) {
        NetDeviceImpl d = dev();
        EthernetPort p = port();
        LinkGate gate = new LinkGate(p, d, () -> !opening);
        long rate = lineRate > 0 ? lineRate : p.lineRateBitsPerSecond();
        long offered = Math.min(fps, TrafficGenerator.maxFps(FrameSizeMix.fixed(size), bad, rate));
        var b = TrafficGenerator.builder(m.wireContext(), gate).fps(offered).frameSize(size).durationNanos(nanos)
                .destination(p.macAddress()).lineRate(rate);
        if (bad != null) {
            b.badFrames(bad);
        }
        TrafficGenerator g = b.build();
        g.start();
        gates.computeIfAbsent(d.name(), x -> new ArrayList<>()).add(gate);
        return g;
    }

    private final Map<String, List<LinkGate>> gates = new HashMap<>();

    /**
     * The wire between a generator and the card's port: a frame sent while the port has no link
     * never reaches the card (as on a real cable), and one sent while the interface is down is
     * not the driver's to account for (the 82574L model drops what its address filter refuses
     * while it is being reset, as the hardware does, uncounted); every other frame is offered to
     * the card, good or errored.
     */
    static final class LinkGate implements io.jnetdev.hw.FrameSink {
        private final EthernetPort port;
        private final NetDeviceImpl dev;
        private final java.util.function.BooleanSupplier opened;
        long offered;
        long offeredGood;
        long noLink;

        LinkGate(EthernetPort port, NetDeviceImpl dev, java.util.function.BooleanSupplier opened) {
            this.port = port;
            this.dev = dev;
            this.opened = opened;
        }

        @Override
        public void frame(java.lang.foreign.MemorySegment frame, int length) {
            if (!port.linkUp() || !dev.running() || !opened.getAsBoolean()) {
                noLink++;
                return;
            }
            offered++;
            if (length >= TrafficGenerator.MIN_FRAME && length <= TrafficGenerator.MAX_FRAME) {
                offeredGood++; // runts and oversize frames come through here too: only these must be delivered
            }
            port.frame(frame, length);
        }

        @Override
        public void erroredFrame(java.lang.foreign.MemorySegment frame, int length, io.jnetdev.hw.FrameError error) {
            if (!port.linkUp() || !dev.running() || !opened.getAsBoolean()) {
                noLink++;
                return;
            }
            offered++;
            port.erroredFrame(frame, length, error);
        }
    }

    /** Frames offered to {@code dev} (while its port had link) by every generator so far. */
    long offeredTo(NetDeviceImpl d) {
        long n = offered.getOrDefault(d.name(), 0L);
        for (LinkGate g : gates.getOrDefault(d.name(), List.of())) {
            n += g.offered;
        }
        return n;
    }

    /** Good frames offered to {@code dev} while its port had link. */
    long offeredGoodTo(NetDeviceImpl d) {
        long n = 0;
        for (LinkGate g : gates.getOrDefault(d.name(), List.of())) {
            n += g.offeredGood;
        }
        return n;
    }

    long deliveredOf(NetDeviceImpl d) {
        long[] n = delivered.get(d.name());
        return n == null ? 0 : n[0];
    }

    /**
     * Waits until conservation holds for the interface (frames may still sit in the ring), at
     * most the must-happen time; a {@link Rule#CONS} finding when it never does.
     */
    Conservation checkConservation() {
        NetDeviceImpl d = dev();
        Conservation[] c = new Conservation[1];
        boolean held = await(() -> (c[0] = m.net().conservation(d, offeredTo(d))).holds());
        if (!held) {
            symptom(Rule.CONS, "conservation does not hold for " + d.name() + " after "
                    + config.mustHappenNanos() / MS + " ms: " + c[0]);
        }
        return c[0];
    }

    /** Waits for every good frame offered to be delivered; a finding of {@code rule} when they are not. */
    void checkAllDelivered(Rule rule, long expected) {
        NetDeviceImpl d = dev();
        if (!await(() -> deliveredOf(d) >= expected)) {
            undelivered.add(finding(rule, d.name() + " delivered " + deliveredOf(d) + " of " + expected + " frames within "
                    + config.mustHappenNanos() / MS + " ms of low-load traffic (drops: " + d.rxDrops() + ")"));
        }
    }

    /** {@code ip -s link}: the statistics now. */
    RtnlLinkStats64 stats() {
        return m.net().stats(dev());
    }

    // ---- findings ------------------------------------------------------------------------------

    /**
     * A runtime warning a scenario provokes on purpose, and so expects: the violation id, the whole
     * message (a pattern, so that a number such as the milliseconds may vary) and how many times. It
     * is narrow by design — one id, one message form, a count — not a way to mute a rule: a warning
     * that matches after {@code times} is a finding of {@code excess}, every other warning is judged
     * as always, and whether it came as often as it should is for the scenario to check with
     * {@link #seen()}.
     */
    static final class Expected {
        final String runtimeRule;
        final Pattern message;
        final int times;
        final Rule excess;
        private int seen;

        Expected(String runtimeRule, Pattern message, int times, Rule excess) {
            this.runtimeRule = runtimeRule;
            this.message = message;
            this.times = times;
            this.excess = excess;
        }

        boolean matches(Violation v) {
            return v.rule().equals(runtimeRule) && message.matcher(v.message()).matches();
        }

        /** How many matching warnings were recorded so far (counted at each collection of violations). */
        int seen() {
            return seen;
        }

        @Override
        public String toString() {
            return "[" + runtimeRule + "] " + message.pattern() + " x" + times;
        }
    }

    /**
     * Expects {@code times} warnings of {@code runtimeRule} whose message matches {@code message},
     * from now to the end of the scenario; see {@link Expected}.
     */
    Expected expect(String runtimeRule, Pattern message, int times, Rule excess) {
        collectViolations(); // what came before is judged as before
        Expected e = new Expected(runtimeRule, message, times, excess);
        expected.add(e);
        return e;
    }

    /** The expectation {@code v} matches, or null. */
    private Expected expectationOf(Violation v) {
        for (Expected e : expected) {
            if (e.matches(v)) {
                return e;
            }
        }
        return null;
    }

    /** Records a finding of the kit's own and returns an {@link Abort} to throw. */
    Abort fail(Rule rule, String message) {
        findings.add(finding(rule, message));
        return new Abort(message);
    }

    /** Records a finding without ending the scenario. */
    void check(Rule rule, boolean holds, String message) {
        if (!holds) {
            findings.add(finding(rule, message));
        }
    }

    /** A finding that other findings in the same run explain (stalls, lost frames). */
    void symptom(Rule rule, String message) {
        symptoms.add(finding(rule, message));
    }

    private Finding finding(Rule rule, String message) {
        List<KernelLog.Line> lines = m.log().lines();
        List<String> tail = new ArrayList<>();
        for (int i = Math.max(0, lines.size() - TRACE_BEFORE); i < lines.size(); i++) {
            tail.add(lines.get(i).toString());
        }
        String drv = function().map(f -> f.driver() == null ? dut.moduleName() : f.driver().name()).orElse(dut.moduleName());
        return new Finding(rule, scenario, seed, pciName(), drv, m.engine().now(), message, tail);
    }

    /** Turns violations recorded since the last call into findings, each with the log around its WARNING line. */
    void collectViolations() {
        List<Violation> all = m.violations().all();
        List<KernelLog.Line> lines = m.log().lines();
        for (int i = violationsSeen; i < all.size(); i++) {
            Violation v = all.get(i);
            Expected e = expectationOf(v);
            if (e != null && ++e.seen <= e.times) {
                continue; // provoked on purpose, and not more often than expected
            }
            String warning = "WARNING: [" + v.rule() + "] " + v.driver() + " " + v.device() + ": " + v.message();
            int at = -1;
            for (int j = 0; j < lines.size(); j++) {
                if (lines.get(j).timeNanos() == v.timeNanos() && lines.get(j).text().equals(warning)) {
                    at = j;
                    break;
                }
            }
            List<String> trace = new ArrayList<>();
            if (at >= 0) {
                for (int j = Math.max(0, at - TRACE_BEFORE); j <= Math.min(lines.size() - 1, at + TRACE_AFTER); j++) {
                    trace.add((j == at ? "> " : "  ") + lines.get(j));
                }
            }
            // one too many of an expected warning is a finding of the rule the expectation names
            Rule rule = e != null ? e.excess : Rule.ofViolation(v.rule(), v.message());
            String more = e != null ? " (expected " + e.times + " such warning(s), this is number " + e.seen + ")" : "";
            findings.add(new Finding(rule, scenario, seed, v.device(), v.driver(),
                    v.timeNanos(), "[" + v.rule() + "] " + v.message() + more, trace));
        }
        violationsSeen = all.size();
    }

    /** Every finding of this run: the oracle's and the kit's, and the symptoms only when nothing else explains them. */
    List<Finding> findings() {
        collectViolations();
        List<Finding> out = new ArrayList<>(findings);
        if (findings.isEmpty()) {
            out.addAll(symptoms);
            if (symptoms.stream().noneMatch(f -> f.rule() == Rule.CONS)) {
                out.addAll(undelivered); // lost frames explain undelivered ones
            }
        }
        return out;
    }

    boolean hasViolationOf(String runtimeRule) {
        return m.violations().all().stream().anyMatch(v -> v.rule().equals(runtimeRule));
    }
}
