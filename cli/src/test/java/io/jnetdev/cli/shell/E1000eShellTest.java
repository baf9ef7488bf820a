package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.Machine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user of the default machine sees of its 82574L cards from the shell: {@code lspci -nn},
 * the three MSI-X vectors in {@code /proc/interrupts}, and {@code ethtool}, with bad input refused
 * before the driver is asked and nothing changed.
 */
class E1000eShellTest {
    /** A fresh default machine per test (JUnit makes a new instance for each). */
    private final ShellSession session = new ShellSession();
    private final Machine machine = session.machine;

    private String run(String line) {
        return session.run(line);
    }

    @Test
    void lspciShowsBothCardsWithVendorAndDeviceIds() {
        String out = run("lspci -nn");
        assertThat(out).contains(
                "00:04.0 Ethernet controller [0200]: Intel Corporation 82574L Gigabit Network Connection [8086:10d3]",
                "00:05.0 Ethernet controller [0200]: Intel Corporation 82574L Gigabit Network Connection [8086:10d3]");
        assertThat(run("lspci -v")).contains("Kernel driver in use: e1000e").contains("MSI-X: Enable+ Count=5");
    }

    @Test
    void procInterruptsShowsTheThreeMsixVectorsWithTheirNamesAndCounts() {
        run("ip link set eth0 up");
        run("run 10ms");
        run("traffic eth0 rate=100k size=60 for=10ms");
        run("run 20ms");
        String interrupts = run("cat /proc/interrupts");
        for (String name : new String[] {"eth0-rx-0", "eth0-tx-0", "eth0"}) {
            assertThat(interrupts).as("/proc/interrupts:%n%s", interrupts)
                    .containsPattern("PCI-MSIX-0000:00:04\\.0 +\\d-edge +" + Pattern.quote(name) + "\\n");
        }
        Matcher rx = Pattern.compile(" +(\\d+) +(\\d+) +PCI-MSIX-0000:00:04\\.0 +0-edge +eth0-rx-0").matcher(interrupts);
        assertThat(rx.find()).as("the rx vector's line:%n%s", interrupts).isTrue();
        long rxInterrupts = Long.parseLong(rx.group(1)) + Long.parseLong(rx.group(2));
        // 1000 frames in 10 ms under the default dynamic throttling (at most 20000/s at the start): some
        // interrupts, and far fewer than one per frame
        assertThat(rxInterrupts).as("rx interrupts for 1000 frames:%n%s", interrupts).isBetween(1L, 1000L);
        assertThat(run("traffic")).contains("eth0: offered 1000 = delivered 1000 + dropped 0");
    }

    @Test
    void ethtoolShowsDriverRingsCoalescingLinkAndStatistics() {
        run("ip link set eth0 up");
        run("run 10ms");
        assertThat(run("ethtool -i eth0")).contains("driver: e1000e").contains("bus-info: 0000:00:04.0")
                .contains("supports-register-dump: yes");
        assertThat(run("ethtool eth0")).contains("Speed: 1000Mb/s").contains("Duplex: Full")
                .contains("Port: Twisted Pair").contains("Link detected: yes");
        assertThat(run("ethtool -g eth0")).containsPattern("Pre-set maximums:\\nRX:\\t+4096\\n")
                .containsPattern("Current hardware settings:\\nRX:\\t+256\\n");
        assertThat(run("ethtool -c eth0")).as("InterruptThrottleRate=3 shows as rx-usecs 3").contains("rx-usecs: 3\n");
        run("traffic eth0 rate=50k size=60 for=2ms");
        run("run 5ms");
        assertThat(run("ethtool -S eth0")).startsWith("NIC statistics:").contains("     rx_packets: 100\n");
        assertThat(run("ethtool -d eth0")).startsWith("Offset\t\tValues").contains("0x0000:");
    }

    @Test
    void ethtoolChangesRingsAndCoalescingAndRefusesImpossibleValuesKeepingTheOldOnes() {
        run("ip link set eth0 up");
        run("run 10ms");
        assertThat(run("ethtool -G eth0 rx 512 tx 128")).isEmpty();
        assertThat(run("ethtool -g eth0")).containsPattern("Current hardware settings:\\nRX:\\t+512\\n(.*\\n){2}TX:\\t+128\\n");
        assertThat(run("ethtool -G eth0 rx 5000")).contains("rx 5000 exceeds the maximum 4096").contains("EINVAL");
        assertThat(run("ethtool -G eth0 rx lots")).contains("rx takes a number");
        assertThat(run("ethtool -g eth0")).as("a refused change keeps the old rings")
                .containsPattern("Current hardware settings:\\nRX:\\t+512\\n");
        assertThat(run("ethtool -C eth0 rx-usecs 125")).isEmpty();
        assertThat(run("ethtool -c eth0")).contains("rx-usecs: 125\n");
        assertThat(run("ethtool -C eth0 rx-usec 3")).contains("unknown parameter 'rx-usec'");
        assertThat(run("ethtool -x eth0")).contains("unknown option -x");
        assertThat(run("ethtool -i eth9")).contains("no device matches name (eth9)");
        assertThat(run("ethtool --help")).contains("Usage: ethtool DEVNAME").contains("ethtool -G DEVNAME [rx N] [tx N]");
        // traffic still flows on the changed rings
        run("traffic eth0 rate=100k size=60 for=5ms");
        run("run 10ms");
        assertThat(run("traffic")).contains("eth0: offered 500 = delivered 500 + dropped 0");
        assertThat(machine.violations().count()).as("%s", machine.violations().all()).isZero();
    }

    @Test
    void ethtoolSelfTestPassesOfflineAndTheInterfaceComesBack() {
        run("ip link set eth0 up");
        run("run 10ms");
        String out = run("ethtool -t eth0 offline");
        assertThat(out).contains("The test result is PASS").contains("Interrupt test (offline)\t 0")
                .contains("Loopback test  (offline)\t 0");
        run("run 10ms");
        assertThat(run("ip link show eth0")).contains("LOWER_UP");
    }
}
