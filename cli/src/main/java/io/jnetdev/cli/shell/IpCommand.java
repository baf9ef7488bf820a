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
 * The shell's {@code ip link} and {@code ip maddr}, parsed the way iproute2 reads its words:
 * {@code ip [-s] link [show [dev] DEV]}, {@code ip link set [dev] DEV up|down|promisc on|off|allmulticast
 * on|off|mtu N|address MAC ...}, and {@code ip maddr [show [dev DEV]] | add|del MAC dev DEV}.
 */
final class IpCommand {
    static final String USAGE = """
            Usage: ip [-s] link [show [dev] DEV]
                   ip link set [dev] DEV { up | down | promisc { on | off } | allmulticast { on | off } |
                                           mtu MTU | address LLADDR } ...
                   ip maddr [show [dev DEV]]
                   ip maddr { add | del } MULTIADDR dev DEV""";

    private final Machine machine;
    private final PrintWriter out;

    IpCommand(Machine machine, PrintWriter out) {
        this.machine = machine;
        this.out = out;
    }

    void run(boolean stats, List<String> words) throws ErrnoException {
        if (!words.isEmpty() && words.getFirst().length() >= 2 && "maddress".startsWith(words.getFirst())) {
            maddr(words.subList(1, words.size()));
            return;
        }
        if (words.isEmpty() || !"link".startsWith(words.getFirst())) {
            throw usage(words.isEmpty() ? "ip: missing object (link or maddr)"
                    : "ip: Object \"" + words.getFirst() + "\" is unknown (link or maddr)");
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

    /** {@code ip maddr}: the multicast groups each interface joined; add and del change them. */
    private void maddr(List<String> a) throws ErrnoException {
        String cmd = a.isEmpty() ? "show" : a.getFirst();
        switch (cmd) {
            case "show", "list" -> {
                List<String> rest = a.isEmpty() ? a : a.subList(1, a.size());
                String only = null;
                if (rest.size() == 2 && rest.getFirst().equals("dev")) {
                    only = rest.get(1);
                } else if (!rest.isEmpty()) {
                    throw usage("ip maddr show: expected \"dev DEV\", not \"" + String.join(" ", rest) + "\"");
                }
                if (only != null) {
                    device(only);
                }
                for (NetDeviceImpl d : net().devices()) {
                    if (only == null || d.name().equals(only)) {
                        out.printf("%d:\t%s%n", d.ifindex(), d.name());
                        for (MacAddress m : d.mcAddresses()) {
                            out.printf("\tlink  %s%n", m);
                        }
                    }
                }
            }
            case "add", "del", "delete" -> {
                if (a.size() != 4 || !a.get(2).equals("dev")) {
                    throw usage("ip maddr " + cmd + ": expected MULTIADDR dev DEV");
                }
                MacAddress group;
                try {
                    group = MacAddress.parse(a.get(1));
                } catch (IllegalArgumentException e) {
                    throw usage("ip maddr " + cmd + ": \"" + a.get(1) + "\" is not a MAC address like 01:00:5e:00:00:01");
                }
                NetDeviceImpl dev = device(a.get(3));
                if (cmd.equals("add")) {
                    net().mcAdd(dev, group);
                } else {
                    net().mcDel(dev, group);
                }
                machine.settle();
            }
            default -> throw usage("ip maddr: unknown command \"" + cmd + "\"");
        }
    }

    private NetDeviceImpl device(String name) throws ErrnoException {
        return net().device(name).orElseThrow(() -> new ErrnoException(Errno.ENODEV, "Device \"" + name + "\" does not exist."));
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
        Boolean allmulti = null;
        Boolean up = null;
        for (int i = 1; i < a.size(); i++) {
            switch (a.get(i)) {
                case "up" -> up = true;
                case "down" -> up = false;
                case "promisc" -> promisc = onOff(a, ++i, "promisc");
                case "allmulticast" -> allmulti = onOff(a, ++i, "allmulticast");
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
        if (allmulti != null) {
            net().setAllmulti(dev, allmulti);
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

    private static boolean onOff(List<String> a, int i, String key) throws ErrnoException {
        String v = value(a, i, key);
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw usage("ip link set: " + key + " takes \"on\" or \"off\", not \"" + v + "\"");
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
