package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.net.NetDeviceFlags;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network commands of the shell on the default machine (two cabled 82574Ls, eth0 and eth1, driven
 * by e1000e): {@code lspci}, {@code ip link}, {@code traffic}, {@code run}, {@code ethtool} and the
 * {@code /proc} views, with bad input refused in one line and nothing changed.
 */
class NetShellTest {
    private ShellSession session;
    private Machine machine;
    private Shell shell;

    @BeforeEach
    void boot() {
        session = new ShellSession();
        machine = session.machine;
        shell = session.shell;
    }

    private String run(String line) {
        return session.run(line);
    }

    private NetDeviceImpl eth0() {
        return machine.net().device("eth0").orElseThrow();
    }

    @Test
    void ipLinkShowsTheCardsAndSetUpDownChangesTheirState() {
        assertThat(run("ip link")).contains("eth0: <BROADCAST,MULTICAST>").contains("state DOWN")
                .contains("link/ether 52:54:00:12:34:56").contains("eth1: <BROADCAST,MULTICAST>")
                .contains("link/ether 52:54:00:12:34:57");
        assertThat(run("ip link set eth0 up")).isEmpty();
        assertThat(eth0().running()).isTrue();
        // as on Linux, e1000e's watchdog reports the carrier: right after open there is none yet
        assertThat(run("ip link show eth0")).contains("<NO-CARRIER,BROADCAST,MULTICAST,UP>");
        run("run 10ms");
        assertThat(run("ip link show eth0")).contains("<BROADCAST,MULTICAST,UP,LOWER_UP>").contains("state UP");
        run("ip link set dev eth0 down");
        assertThat(eth0().running()).isFalse();
    }

    @Test
    void promiscAllmulticastAndMulticastGroupsShowInIpAndReachTheDevice() {
        run("ip link set eth0 up promisc on allmulticast on");
        run("run 10ms");
        assertThat(run("ip link show eth0")).contains("<BROADCAST,MULTICAST,ALLMULTI,PROMISC,UP,LOWER_UP>");
        assertThat(eth0().flags() & (NetDeviceFlags.PROMISC | NetDeviceFlags.ALLMULTI))
                .isEqualTo(NetDeviceFlags.PROMISC | NetDeviceFlags.ALLMULTI);
        run("ip link set eth0 promisc off allmulticast off");
        assertThat(run("ip link show eth0")).contains("<BROADCAST,MULTICAST,UP,LOWER_UP>");

        assertThat(run("ip maddr add 01:00:5e:00:00:01 dev eth0")).isEmpty();
        assertThat(run("ip maddr show dev eth0")).isEqualTo("2:\teth0\n\tlink  01:00:5e:00:00:01\n".replace("2:", eth0().ifindex() + ":"));
        assertThat(run("ip maddr add 01:00:5e:00:00:01 dev eth0")).contains("already in multicast group");
        assertThat(run("ip maddr add 52:54:00:00:00:01 dev eth0")).contains("is not a multicast address");
        assertThat(run("ip maddr add 01:00:5e:00:00:02 dev eth9")).contains("Device \"eth9\" does not exist");
        assertThat(run("ip maddr add 01:00:5e:00:00:02")).contains("expected MULTIADDR dev DEV");
        assertThat(run("ip link set eth0 allmulticast maybe")).contains("allmulticast takes \"on\" or \"off\"");
        assertThat(run("ip maddr del 01:00:5e:00:00:01 dev eth0")).isEmpty();
        assertThat(eth0().mcAddresses()).isEmpty();
        assertThat(run("ip maddr del 01:00:5e:00:00:01 dev eth0")).contains("not in multicast group");
    }

    @Test
    void ipLinkRefusesBadInputWithoutChangingAnything() {
        assertThat(run("ip link set eth9 up")).contains("Cannot find device \"eth9\"");
        assertThat(run("ip link set eth0 up mtu 20")).contains("mtu less than device minimum (68)");
        assertThat(eth0().running()).as("a set with one bad word changes nothing").isFalse();
        assertThat(eth0().mtu()).isEqualTo(1500);
        assertThat(run("ip route")).contains("ip: Object \"route\" is unknown");
    }

    @Test
    void trafficIsOfferedAsTimeAdvancesAndShowsWhereEveryFrameWent() {
        run("ip link set eth0 up");
        run("run 10ms");
        assertThat(run("traffic eth0 rate=100k size=60 for=10ms")).contains("100000 fps of 60-byte frames").contains("1000 frames");
        assertThat(machine.violations().count()).isZero();
        run("run 15ms");
        String shown = run("traffic");
        assertThat(shown).contains("offered 1000 of 1000 (done)");
        assertThat(shown).contains("eth0: offered 1000 = delivered 1000 + dropped 0 []");
        // e1000e reports the card's good-octets counter (GORC), which counts each frame's 4-byte FCS
        assertThat(run("ip -s link show eth0")).containsPattern("RX: +bytes +packets[^\\n]*\\n +64000 +1000 ");
        assertThat(run("cat /proc/softirqs")).containsPattern("NET_RX: +[1-9]");
        String softnet = run("cat /proc/net/softnet_stat");
        long processed = softnet.lines().mapToLong(l -> Long.parseLong(l.substring(0, 8), 16)).sum();
        assertThat(processed).as("softnet_stat column 1 counts every frame NAPI processed:%n%s", softnet).isEqualTo(1000);
    }

    @Test
    void trafficWhileDownIsMissedByTheCardAndCounted() {
        run("traffic eth0 rate=50k for=2ms");
        run("run 3ms");
        assertThat(run("traffic")).contains("eth0: offered 100 = delivered 0 + dropped 100 [rx_missed_errors=100]");
    }

    @Test
    void trafficRefusesBadInputInOneLineAndStartsNothing() {
        assertThat(run("traffic eth7 rate=1k")).contains("Device \"eth7\" does not exist");
        assertThat(run("traffic eth0 rate=fast")).contains("rate 'fast' is not a number");
        assertThat(run("traffic eth0 size=59")).contains("frame size 59 outside 60..1514");
        assertThat(run("traffic eth0 rate=2M size=60")).contains("exceed the line rate").contains("at most 1488095 fps");
        assertThat(run("traffic eth0 speed=1")).contains("'speed=1' is not rate=FPS");
        assertThat(run("traffic eth0 for=forever")).contains("not a duration");
        run("run 1ms");
        assertThat(run("traffic")).contains("no traffic started");
        E1000e card = (E1000e) machine.pci().function("0000:00:04.0").orElseThrow().model();
        assertThat(card.offeredTotal()).as("no frame reached the card").isZero();
    }

    @Test
    void helpListsTheNetworkCommands() {
        String out = run("help");
        for (String cmd : new String[] {"ip", "traffic", "run", "cat"}) {
            assertThat(out).as("help lists %s", cmd).contains(cmd);
        }
        assertThat(run("traffic --help")).contains("rate=FPS").contains("for=DURATION");
    }
}
