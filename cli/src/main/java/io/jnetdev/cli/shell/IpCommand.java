package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetCore;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.io.PrintWriter;
import java.util.List;

/**
 * The shell's {@code ip link}, parsed the way iproute2 reads its words: {@code ip [-s] link [show
 * [dev] DEV]} and {@code ip link set [dev] DEV up|down|promisc on|off|mtu N|address MAC ...}.
 */
final class IpCommand {
    static final String USAGE = """
            Usage: ip [-s] link [show [dev] DEV]
                   ip link set [dev] DEV { up | down | promisc { on | off } | mtu MTU | address LLADDR } ...""";

    private final Machine machine;
    private final PrintWriter out;

    IpCommand(Machine machine, PrintWriter out) {
        this.machine = machine;
        this.out = out;
    }

    void run(boolean stats, List<String> words) throws ErrnoException {
        if (words.isEmpty() || !"link".startsWith(words.getFirst())) {
            throw usage(words.isEmpty() ? "ip: missing object (only 'link' is supported)"
                    : "ip: Object \"" + words.getFirst() + "\" is unknown (only 'link' is supported)");
        }
        List<String> rest = words.subList(1, words.size());
        if (rest.isEmpty() || rest.getFirst().equals("show") || rest.getFirst().equals("list")) {
            show(stats, rest.isEmpty() ? rest : rest.subList(1, rest.size()));
        } else if (rest.getFirst().equals("set")) {
            set(rest.subList(1, rest.size()));
        } else {
            throw usage("ip link: unknown command \"" + rest.getFirst() + "\"");
        }
    }

    private void show(boolean stats, List<String> args) throws ErrnoException {
        List<String> a = !args.isEmpty() && args.getFirst().equals("dev") ? args.subList(1, args.size()) : args;
        if (a.size() > 1) {
            throw usage("ip link show: too many arguments: " + String.join(" ", a));
        }
        out.print(net().ipLink(stats, a.isEmpty() ? null : a.getFirst()));
    }

    private void set(List<String> args) throws ErrnoException {
        List<String> a = !args.isEmpty() && args.getFirst().equals("dev") ? args.subList(1, args.size()) : args;
        if (a.isEmpty()) {
            throw usage("ip link set: which device? (e.g. ip link set eth0 up)");
        }
        NetDeviceImpl dev = net().device(a.getFirst())
                .orElseThrow(() -> new ErrnoException(Errno.ENODEV, "Cannot find device \"" + a.getFirst() + "\""));
        if (a.size() == 1) {
            throw usage("ip link set " + dev.name() + ": nothing to set");
        }
        // Parse every word before changing anything, so a typo leaves the device as it was.
        MacAddress address = null;
        Integer mtu = null;
        Boolean promisc = null;
        Boolean up = null;
        for (int i = 1; i < a.size(); i++) {
            switch (a.get(i)) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "promisc" -> promisc = onOff(a, ++i);
                case "mtu" -> mtu = mtu(a, ++i);
                case "address" -> address = mac(a, ++i);
                default -> throw usage("ip link set: unknown setting \"" + a.get(i) + "\"");
            }
        }
        // do_setlink's order: address, then MTU, then the flags; the first refusal stops the rest,
        // so "up mtu 20" leaves a down device down.
        if (address != null) {
            net().setMacAddress(dev, address);
        }
        if (mtu != null) {
            net().setMtu(dev, mtu);
        }
        if (promisc != null) {
            net().setPromisc(dev, promisc);
        }
        if (up != null) {
            if (up) {
                net().devOpen(dev);
            } else {
                net().devClose(dev);
            }
        }
        machine.settle();
    }

    private static boolean onOff(List<String> a, int i) throws ErrnoException {
        String v = value(a, i, "promisc");
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw usage("ip link set: promisc takes \"on\" or \"off\", not \"" + v + "\"");
        };
    }

    private static int mtu(List<String> a, int i) throws ErrnoException {
        String v = value(a, i, "mtu");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw usage("ip link set: invalid mtu \"" + v + "\"");
        }
    }

    private static MacAddress mac(List<String> a, int i) throws ErrnoException {
        String v = value(a, i, "address");
        try {
            return MacAddress.parse(v);
        } catch (IllegalArgumentException e) {
            throw usage("ip link set: \"" + v + "\" is not a MAC address like 52:54:00:12:34:56");
        }
    }

    private static String value(List<String> a, int i, String key) throws ErrnoException {
        if (i >= a.size()) {
            throw usage("ip link set: \"" + key + "\" needs a value");
        }
        return a.get(i);
    }

    private static ErrnoException usage(String message) {
        return new ErrnoException(Errno.EINVAL, message + " (see 'ip --help')");
    }

    private NetCore net() {
        return machine.net();
    }
}
