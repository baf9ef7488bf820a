package io.jnetdev.cli;

import io.jnetdev.cli.shell.Shell;
import io.jnetdev.runtime.Machine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code jnetdev demo}: boots the default machine and shows what happened, in order. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Boot the default machine, show how its drivers were found, probed and wired to interrupts, "
                + "then bring eth0 up and run traffic through it.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    MachineOptions machineOptions = new MachineOptions();

    @Spec
    CommandSpec spec;

    @Mixin
    JfrOptions jfrOptions = new JfrOptions();

    @Override
    public Integer call() {
        machineOptions.validate(spec);
        try (JfrOptions.Session jfr = jfrOptions.start(spec)) {
            return demo(jfr);
        }
    }

    private Integer demo(JfrOptions.Session jfr) {
        PrintWriter out = spec.commandLine().getOut();
        Machine m = DefaultMachine.boot(machineOptions);
        jfr.attach(m);
        Shell shell = new Shell(m, out);

        section(out, "Modules found by ServiceLoader and loaded at boot");
        out.println("available: " + String.join(", ", m.modules().available()));
        m.modules().brokenProviders().forEach(line -> out.println("broken: " + line));
        shell.execute("lsmod");
        explain(out, "Each module's init registered a PCI driver; registering a driver probes every device its ID table matches.");

        section(out, "The probe call chain, step by step (trace probe)");
        shell.execute("trace probe");
        explain(out, "The same functions as Linux's drivers/base/dd.c, in the same order: the driver side walks the bus, "
                + "really_probe calls the bus probe, which calls the driver's, and driver_bound ends it.");

        section(out, "lspci -nn");
        shell.execute("lspci -nn");

        section(out, "lspci -v");
        shell.execute("lspci -v");

        section(out, "cat /proc/interrupts");
        shell.execute("cat /proc/interrupts");
        explain(out, "The edu driver asks for MSI and falls back to INTx; its probe fires one test interrupt to prove delivery works, "
                + "so each device shows one interrupt on the CPU its vector targets.");

        section(out, "The same driver on INTx: rmmod edu; modprobe edu use_msi=N");
        shell.execute("rmmod edu");
        shell.execute("modprobe edu use_msi=N");
        shell.execute("cat /proc/interrupts");
        explain(out, "Without MSI the driver falls back to INTx. Slots 3 and 7 swizzle onto the same IO-APIC pin, so both devices "
                + "share IRQ 19: each self-test interrupt runs both handlers, the one whose device raised it returns IRQ_HANDLED, "
                + "the other IRQ_NONE.");

        section(out, "A network interface: ip link set eth0 up");
        shell.execute("ip link set eth0 up");
        shell.execute("ip link show eth0");
        shell.execute("run 10ms");
        shell.execute("ip link show eth0");
        shell.execute("cat /proc/interrupts");
        explain(out, "eth0 is an Intel 82574L model driven by the e1000e reference driver, which registered it at probe. Up runs "
                + "e1000e_open: rings allocated, three MSI-X vectors requested (eth0-rx-0, eth0-tx-0, eth0), NAPI and interrupts "
                + "enabled, and a link-status interrupt kicked. As on Linux there is no carrier yet: the watchdog, scheduled "
                + "from the 'other' vector, reads the link a millisecond later and turns the carrier on.");

        section(out, "Traffic: minimum-size frames (60 bytes + FCS), 200k/s for 20 ms, then 1.49M/s (1 Gbit/s line rate)");
        shell.execute("traffic eth0 rate=200k size=60 for=20ms");
        shell.execute("run 25ms");
        shell.execute("traffic eth0 rate=1488095 size=60 for=20ms");
        shell.execute("run 25ms");
        shell.execute("traffic");
        explain(out, "Every frame offered is accounted for: delivered to a protocol handler (a stand-in for ip_rcv) or counted "
                + "in exactly one drop counter. At 200k frames/s one CPU keeps up; at line rate it cannot: the ring runs out of "
                + "descriptors and the card counts the frames it missed (rx_missed_errors, the 'missed' column below).");
        shell.execute("ip -s link show eth0");

        section(out, "cat /proc/softirqs");
        shell.execute("cat /proc/softirqs");
        explain(out, "The rx vector's handler schedules NAPI (the card auto-masks the cause); NET_RX polls the ring with a budget "
                + "of 64 per poll and 300 per softirq run, then re-enables the cause when the ring is empty. Interrupt throttling "
                + "(InterruptThrottleRate=3) keeps the card to at most 20000 interrupts a second.");

        section(out, "cat /proc/net/softnet_stat");
        shell.execute("cat /proc/net/softnet_stat");
        explain(out, "Per CPU, in Linux's hex columns: frames processed, dropped from the backlog, and time_squeeze (net_rx_action "
                + "runs that ended with the budget of 300 or 2 jiffies spent). One queue means one NAPI instance on one CPU: each "
                + "run polls it once, up to its weight of 64, and raises NET_RX again, so the budget is not what runs out.");

        section(out, "dmesg");
        shell.execute("dmesg");

        int warnings = m.violations().count();
        out.println();
        out.printf("Done at virtual time %.6f s with %d contract violation(s). Next: ./jnetdev shell%n",
                m.engine().now() / 1e9, warnings);
        out.flush();
        return warnings == 0 ? 0 : 1;
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
    }

    private static void explain(PrintWriter out, String text) {
        out.println("-> " + text);
    }
}
