package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.CoalesceParam;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.LinkMode;
import io.jnetdev.api.ethtool.RegDump;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.ethtool.TestFlag;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.ethtool.DrvinfoReply;
import io.jnetdev.runtime.ethtool.EthtoolCore;
import io.jnetdev.runtime.ethtool.EthtoolStat;
import io.jnetdev.runtime.ethtool.SelfTestResult;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shell's {@code ethtool}, with the option letters and the output layout of the real tool
 * (ethtool 6.x), each call going through the runtime's ethtool core and so through its checks.
 * A bad word is refused before anything is asked of the driver.
 */
final class EthtoolCommand {
    static final String USAGE = """
            Usage: ethtool DEVNAME                       show link settings
                   ethtool -i DEVNAME                    show driver information
                   ethtool -S DEVNAME                    show NIC statistics
                   ethtool -g DEVNAME                    show ring sizes
                   ethtool -G DEVNAME [rx N] [tx N]      change ring sizes
                   ethtool -c DEVNAME                    show interrupt coalescing
                   ethtool -C DEVNAME [rx-usecs N] [adaptive-rx on|off] ...   change coalescing
                   ethtool -d DEVNAME                    dump registers (hex)
                   ethtool -t DEVNAME [offline|online]   run the self-test (default offline)""";

    /** ethtool's {@code -C} keywords, in {@link CoalesceParam} order (ethtool.c's coalesce command table). */
    private static final List<String> COALESCE_WORDS = List.of(
            "rx-usecs", "rx-frames", "rx-usecs-irq", "rx-frames-irq",
            "tx-usecs", "tx-frames", "tx-usecs-irq", "tx-frames-irq",
            "stats-block-usecs", "adaptive-rx", "adaptive-tx",
            "pkt-rate-low", "rx-usecs-low", "rx-frames-low", "tx-usecs-low", "tx-frames-low",
            "pkt-rate-high", "rx-usecs-high", "rx-frames-high", "tx-usecs-high", "tx-frames-high",
            "sample-interval");

    static {
        if (COALESCE_WORDS.size() != CoalesceParam.values().length) {
            throw new IllegalStateException("ethtool -C keywords out of step with CoalesceParam");
        }
    }

    private final Machine machine;
    private final PrintWriter out;

    EthtoolCommand(Machine machine, PrintWriter out) {
        this.machine = machine;
        this.out = out;
    }

    void run(List<String> words) throws ErrnoException {
        if (words.isEmpty()) {
            throw usage("ethtool: bad command line argument(s)");
        }
        String first = words.getFirst();
        if (first.equals("-h") || first.equals("--help")) {
            out.println(USAGE);
            return;
        }
        if (!first.startsWith("-")) {
            expectArgs(words, 1);
            settings(device(first));
            return;
        }
        if (words.size() < 2) {
            throw usage("ethtool " + first + ": which device?");
        }
        NetDeviceImpl dev = device(words.get(1));
        List<String> args = words.subList(2, words.size());
        switch (first) {
            case "-i", "--driver" -> { expectArgs(args, 0); driver(dev); }
            case "-S", "--statistics" -> { expectArgs(args, 0); statistics(dev); }
            case "-g", "--show-ring" -> { expectArgs(args, 0); showRing(dev); }
            case "-G", "--set-ring" -> setRing(dev, args);
            case "-c", "--show-coalesce" -> { expectArgs(args, 0); showCoalesce(dev); }
            case "-C", "--coalesce" -> setCoalesce(dev, args);
            case "-d", "--register-dump" -> { expectArgs(args, 0); registerDump(dev); }
            case "-t", "--test" -> selfTest(dev, args);
            default -> throw usage("ethtool: unknown option " + first);
        }
    }

    private EthtoolCore core() {
        return machine.ethtool();
    }

    private NetDeviceImpl device(String name) throws ErrnoException {
        return machine.net().device(name)
                .orElseThrow(() -> new ErrnoException(Errno.ENODEV, "netlink error: no device matches name (" + name + ")"));
    }

    private static void expectArgs(List<String> args, int n) throws ErrnoException {
        if (args.size() > n) {
            throw usage("ethtool: too many arguments: " + String.join(" ", args.subList(n, args.size())));
        }
    }

    private static ErrnoException usage(String message) {
        return new ErrnoException(Errno.EINVAL, message + "; see 'help ethtool'");
    }

    // ---- ethtool DEV ------------------------------------------------------------------------------

    private void settings(NetDeviceImpl dev) throws ErrnoException {
        LinkKsettings s = core().getLinkKsettings(dev);
        out.printf("Settings for %s:%n", dev.name());
        out.printf("\tSupported ports: [ %s ]%n", portModes(s.supported()));
        out.printf("\tSupported link modes:   %s%n", speedModes(s.supported()));
        out.printf("\tSupports auto-negotiation: %s%n", s.supported().contains(LinkMode.AUTONEG) ? "Yes" : "No");
        out.printf("\tAdvertised link modes:  %s%n", speedModes(s.advertising()));
        out.printf("\tAdvertised auto-negotiation: %s%n", s.advertising().contains(LinkMode.AUTONEG) ? "Yes" : "No");
        out.printf("\tSpeed: %s%n", s.speed() == LinkKsettings.SPEED_UNKNOWN ? "Unknown!" : s.speed() + "Mb/s");
        out.printf("\tDuplex: %s%n", switch (s.duplex()) {
            case FULL -> "Full";
            case HALF -> "Half";
            default -> "Unknown! (255)";
        });
        out.printf("\tAuto-negotiation: %s%n", s.autoneg() ? "on" : "off");
        out.printf("\tPort: %s%n", switch (s.port()) {
            case TP -> "Twisted Pair";
            case AUI -> "AUI";
            case BNC -> "BNC";
            case MII -> "MII";
            case FIBRE -> "FIBRE";
            case DA -> "Direct Attach Copper";
            case NONE -> "None";
            case OTHER -> "Other";
        });
        out.printf("\tLink detected: %s%n", core().getLink(dev) ? "yes" : "no");
    }

    private static String speedModes(Set<LinkMode> modes) {
        String s = modes.stream().filter(LinkMode::isSpeedMode).map(m -> m.linuxName().replace('_', '/'))
                .collect(Collectors.joining(" "));
        return s.isEmpty() ? "Not reported" : s;
    }

    private static String portModes(Set<LinkMode> modes) {
        Set<LinkMode> ports = EnumSet.of(LinkMode.TP, LinkMode.AUI, LinkMode.MII, LinkMode.FIBRE, LinkMode.BNC);
        return modes.stream().filter(ports::contains).map(LinkMode::linuxName).collect(Collectors.joining(" "));
    }

    // ---- -i, -S -----------------------------------------------------------------------------------

    private void driver(NetDeviceImpl dev) throws ErrnoException {
        DrvinfoReply r = core().getDrvinfo(dev);
        out.printf("driver: %s%n", r.info().driver());
        out.printf("version: %s%n", r.info().version());
        out.printf("firmware-version: %s%n", r.info().fwVersion());
        out.printf("expansion-rom-version: %n");
        out.printf("bus-info: %s%n", r.info().busInfo());
        out.printf("supports-statistics: %s%n", r.nStats() > 0 ? "yes" : "no");
        out.printf("supports-test: %s%n", r.testinfoLen() > 0 ? "yes" : "no");
        out.printf("supports-eeprom-access: no%n");
        out.printf("supports-register-dump: %s%n", r.regdumpLen() > 0 ? "yes" : "no");
        out.printf("supports-priv-flags: no%n");
    }

    private void statistics(NetDeviceImpl dev) throws ErrnoException {
        List<EthtoolStat> stats = core().stats(dev);
        out.println("NIC statistics:");
        for (EthtoolStat s : stats) {
            out.printf("     %s: %d%n", s.name(), s.value());
        }
    }

    // ---- -g, -G -----------------------------------------------------------------------------------

    private void showRing(NetDeviceImpl dev) throws ErrnoException {
        RingParam r = core().getRingparam(dev);
        out.printf("Ring parameters for %s:%n", dev.name());
        out.println("Pre-set maximums:");
        ring(r.rxMaxPending(), r.rxMiniMaxPending(), r.rxJumboMaxPending(), r.txMaxPending(), r);
        out.println("Current hardware settings:");
        ring(r.rxPending(), r.rxMiniPending(), r.rxJumboPending(), r.txPending(), r);
    }

    /** One block of {@code ethtool -g}: a ring the device does not have (maximum 0) shows n/a. */
    private void ring(int rx, int rxMini, int rxJumbo, int tx, RingParam max) {
        out.printf("RX:\t\t\t%s%n", max.rxMaxPending() == 0 ? "n/a" : rx);
        out.printf("RX Mini:\t\t%s%n", max.rxMiniMaxPending() == 0 ? "n/a" : rxMini);
        out.printf("RX Jumbo:\t\t%s%n", max.rxJumboMaxPending() == 0 ? "n/a" : rxJumbo);
        out.printf("TX:\t\t\t%s%n", max.txMaxPending() == 0 ? "n/a" : tx);
    }

    private void setRing(NetDeviceImpl dev, List<String> args) throws ErrnoException {
        if (args.isEmpty() || args.size() % 2 != 0) {
            throw usage("ethtool -G: expected pairs of { rx | rx-mini | rx-jumbo | tx } N");
        }
        List<String> names = List.of("rx", "rx-mini", "rx-jumbo", "tx");
        int[] wanted = {-1, -1, -1, -1};
        for (int i = 0; i < args.size(); i += 2) {
            int index = names.indexOf(args.get(i));
            if (index < 0) {
                throw usage("ethtool -G: unknown parameter '" + args.get(i) + "'");
            }
            wanted[index] = unsigned("-G", args.get(i), args.get(i + 1));
        }
        RingParam cur = core().getRingparam(dev);
        core().setRingparam(dev, cur.withPending(
                wanted[0] < 0 ? cur.rxPending() : wanted[0], wanted[1] < 0 ? cur.rxMiniPending() : wanted[1],
                wanted[2] < 0 ? cur.rxJumboPending() : wanted[2], wanted[3] < 0 ? cur.txPending() : wanted[3]));
    }

    // ---- -c, -C -----------------------------------------------------------------------------------

    private void showCoalesce(NetDeviceImpl dev) throws ErrnoException {
        Coalesce c = core().getCoalesce(dev);
        Set<CoalesceParam> supported = core().supportedCoalesceParams(dev);
        out.printf("Coalesce parameters for %s:%n", dev.name());
        out.printf("Adaptive RX: %s  TX: %s%n", onOff(c, CoalesceParam.USE_ADAPTIVE_RX, supported),
                onOff(c, CoalesceParam.USE_ADAPTIVE_TX, supported));
        for (CoalesceParam p : CoalesceParam.values()) {
            if (p == CoalesceParam.USE_ADAPTIVE_RX || p == CoalesceParam.USE_ADAPTIVE_TX) {
                continue;
            }
            out.printf("%s: %s%n", COALESCE_WORDS.get(p.ordinal()), supported.contains(p) ? Integer.toUnsignedString(c.get(p)) : "n/a");
        }
    }

    private static String onOff(Coalesce c, CoalesceParam p, Set<CoalesceParam> supported) {
        return !supported.contains(p) ? "n/a" : c.get(p) != 0 ? "on" : "off";
    }

    private void setCoalesce(NetDeviceImpl dev, List<String> args) throws ErrnoException {
        if (args.isEmpty() || args.size() % 2 != 0) {
            throw usage("ethtool -C: expected pairs of PARAMETER VALUE (e.g. rx-usecs 125)");
        }
        int[] wanted = new int[CoalesceParam.values().length];
        java.util.Arrays.fill(wanted, -1);
        for (int i = 0; i < args.size(); i += 2) {
            int index = COALESCE_WORDS.indexOf(args.get(i));
            if (index < 0) {
                throw usage("ethtool -C: unknown parameter '" + args.get(i) + "'");
            }
            CoalesceParam p = CoalesceParam.values()[index];
            String value = args.get(i + 1);
            if (p == CoalesceParam.USE_ADAPTIVE_RX || p == CoalesceParam.USE_ADAPTIVE_TX) {
                wanted[index] = switch (value) {
                    case "on" -> 1;
                    case "off" -> 0;
                    default -> throw usage("ethtool -C: " + args.get(i) + " takes on or off, not '" + value + "'");
                };
            } else {
                wanted[index] = unsigned("-C", args.get(i), value);
            }
        }
        Coalesce c = core().getCoalesce(dev);
        for (CoalesceParam p : CoalesceParam.values()) {
            if (wanted[p.ordinal()] >= 0) {
                c = c.with(p, wanted[p.ordinal()]);
            }
        }
        core().setCoalesce(dev, c);
    }

    private static int unsigned(String option, String name, String value) throws ErrnoException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw usage("ethtool " + option + ": " + name + " takes a number 0.." + Integer.MAX_VALUE + ", not '" + value + "'");
    }

    // ---- -d, -t -----------------------------------------------------------------------------------

    /** {@code ethtool -d} in its generic form ({@code --register-dump raw off hex on}), 16 bytes a line. */
    private void registerDump(NetDeviceImpl dev) throws ErrnoException {
        RegDump dump = core().getRegs(dev);
        byte[] d = dump.data();
        out.printf("Offset\t\tValues%n------\t\t------");
        for (int i = 0; i < d.length; i++) {
            if (i % 16 == 0) {
                out.printf("%n0x%04x:\t\t", i);
            }
            out.printf("%02x ", d[i] & 0xFF);
        }
        out.println();
    }

    private void selfTest(NetDeviceImpl dev, List<String> args) throws ErrnoException {
        expectArgs(args, 1);
        String mode = args.isEmpty() ? "offline" : args.getFirst();
        Set<TestFlag> flags = switch (mode) {
            case "offline" -> EnumSet.of(TestFlag.OFFLINE);
            case "online" -> EnumSet.noneOf(TestFlag.class);
            case "external_lb" -> EnumSet.of(TestFlag.OFFLINE, TestFlag.EXTERNAL_LB);
            default -> throw usage("ethtool -t: test mode is offline, online or external_lb, not '" + mode + "'");
        };
        SelfTestResult r = core().selfTest(dev, flags);
        machine.settle();
        out.printf("The test result is %s%n", r.passed() ? "PASS" : "FAIL");
        out.println("The test extra info:");
        for (EthtoolStat s : r.results()) {
            out.printf("%s\t %d%n", s.name(), s.value());
        }
    }
}
