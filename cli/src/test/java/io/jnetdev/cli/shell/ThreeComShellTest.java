package io.jnetdev.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a user of the default machine sees of its 3Com cards from the shell: both in
 * {@code lspci -nn} with their 10b7 IDs, the 3c59x module with its parameters in {@code lsmod},
 * and one INTx line shared by the two interfaces in {@code /proc/interrupts}, both counting.
 */
class ThreeComShellTest {
    private final ShellSession session = new ShellSession();
    private final Machine machine = session.machine;

    private String run(String line) {
        return session.run(line);
    }

    /** The interface of the card in {@code slot} (names depend on module load order, slots do not). */
    private String ifname(int slot) {
        String pci = String.format("0000:00:%02x.0", slot);
        return machine.net().devices().stream().filter(d -> pci.equals(d.parentName())).map(NetDeviceImpl::name)
                .findFirst().orElseThrow(() -> new AssertionError("no interface on " + pci + "\n" + machine.dmesg()));
    }

    @Test
    void lspciAndLsmodShowTheCardsAndTheModuleWithItsParameters() {
        assertThat(run("lspci -nn")).contains(
                "00:06.0 Ethernet controller [0200]: 3Com Corporation 3c595 100BaseTX [Vortex] [10b7:5950]",
                "00:0a.0 Ethernet controller [0200]: 3Com Corporation 3c905C-TX/TX-M [Tornado] [10b7:9200]");
        assertThat(run("lsmod")).containsPattern("(?m)^3c59x +16384  0 +.*max_interrupt_work=32")
                .containsPattern("(?m)^3c59x .*rx_copybreak=200").containsPattern("(?m)^3c59x .*watchdog=5000");
        assertThat(run("lspci -v")).contains("Kernel driver in use: 3c59x");
    }

    @Test
    void procInterruptsShowsBothInterfacesOnOneSharedLineCountingTraffic() {
        String vortex = ifname(6);
        String boomerang = ifname(10);
        run("ip link set " + vortex + " up");
        run("ip link set " + boomerang + " up");
        run("run 3s"); // the media timer reports the link
        run("traffic " + vortex + " rate=5k size=60 for=20ms");
        run("traffic " + boomerang + " rate=5k size=60 for=20ms");
        run("run 30ms");
        String interrupts = run("cat /proc/interrupts");
        Matcher line = Pattern.compile("(?m)^ *(\\d+): +(\\d+) +(\\d+) +IO-APIC +\\d+-fasteoi +(.*)$").matcher(interrupts);
        boolean shared = false;
        while (line.find()) {
            String names = line.group(4).trim();
            if (names.equals(vortex + ", " + boomerang) || names.equals(boomerang + ", " + vortex)) {
                shared = true;
                long count = Long.parseLong(line.group(2)) + Long.parseLong(line.group(3));
                assertThat(count).as("interrupts on the shared line:%n%s", interrupts).isGreaterThanOrEqualTo(100);
            }
        }
        assertThat(shared).as("one line names both interfaces:%n%s", interrupts).isTrue();
        assertThat(run("traffic")).contains(vortex + ": offered 100 = delivered 100 + dropped 0")
                .contains(boomerang + ": offered 100 = delivered 100 + dropped 0");
        assertThat(machine.violations().all()).isEmpty();
    }
}
