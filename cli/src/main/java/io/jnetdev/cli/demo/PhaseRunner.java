package io.jnetdev.cli.demo;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.cli.shell.Shell;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.module.LoadedModule;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one traffic phase of the demo through the shell — the {@code traffic} and {@code run}
 * lines a reader can type again — and reads every counter before and after, so that what is
 * printed afterwards is only what moved: the delta view and the sentence built from it.
 */
public final class PhaseRunner {
    private final Machine machine;
    private final Shell shell;
    private final PrintWriter out;
    private final List<NetDeviceImpl> interfaces;

    /** @param interfaces the interfaces whose {@code ethtool -S} the delta view covers */
    public PhaseRunner(Machine machine, Shell shell, PrintWriter out, List<NetDeviceImpl> interfaces) {
        this.machine = machine;
        this.shell = shell;
        this.out = out;
        this.interfaces = List.copyOf(interfaces);
    }

    /**
     * Offers {@code fps} frames of {@code size} bytes to {@code dev}'s wire for {@code forNanos},
     * then lets {@code settleNanos} more pass (the driver drains its ring, timers run), prints the
     * counters that moved and the explanation, and returns the measurements.
     */
    public Phase run(NetDeviceImpl dev, long fps, int size, long forNanos, long settleNanos) throws ErrnoException {
        String ifname = dev.name();
        Counters before = Counters.read(machine, interfaces);
        Conservation accountedBefore = machine.net().conservation(dev, shell.offered(ifname));
        long offeredBefore = shell.offered(ifname);

        command(String.format(Locale.ROOT, "traffic %s rate=%d size=%d for=%s", ifname, fps, size, duration(forNanos)));
        command("run " + duration(forNanos + settleNanos));

        Counters now = Counters.read(machine, interfaces);
        Conservation accountedAfter = machine.net().conservation(dev, shell.offered(ifname));
        Counters delta = now.minus(before);
        String driver = dev.parent() == null || dev.parent().driver() == null ? "?" : dev.parent().driver().name();
        Map<String, String> params = machine.modules().module(driver).map(LoadedModule::params).orElse(Map.of());
        Phase phase = new Phase(ifname, driver, params, fps, forNanos, shell.offered(ifname) - offeredBefore,
                accountedBefore, accountedAfter, delta, now);

        out.println("What moved during the phase (increments; the full files: cat /proc/..., ethtool -S " + ifname + "):");
        delta.renderIncrements().forEach(out::println);
        out.printf(Locale.ROOT, "  %s: offered %,d = delivered %,d + dropped %,d%s%n", ifname, phase.offered(), phase.delivered(),
                phase.dropped(), phase.drops().isEmpty() ? "" : " " + phase.drops().toString().replace('{', '[').replace('}', ']'));
        out.println("-> " + PhaseStory.explain(phase));
        out.flush();
        return phase;
    }

    private void command(String line) {
        out.println("jnetdev# " + line);
        shell.execute(line);
    }

    /** A duration as the shell spells it, in the largest unit that keeps it whole. */
    static String duration(long nanos) {
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }
}
