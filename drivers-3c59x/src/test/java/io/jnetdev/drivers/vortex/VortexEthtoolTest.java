package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c905c;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Duplex;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.Port;
import io.jnetdev.api.ethtool.RegDump;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.ethtool.DrvinfoReply;
import io.jnetdev.runtime.ethtool.EthtoolStat;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ethtool on both chips after some traffic: -i, the link, -S (window 6 and the driver's counters), -d. */
class VortexEthtoolTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"3c595", "3c905C"})
    void driverInfoLinkStatisticsAndRegisterDump(String chip) throws ErrnoException {
        long seed = 900 + chip.length();
        Machine m = boot(seed, Map.of(), chip.equals("3c595") ? c3c595(MAC_A) : c3c905c(MAC_A), null);
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.net().devOpen(dev);
        m.run(3500 * MS);
        int frames = 500;
        TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 10_000, 64, frames * 100_000L);
        m.run(frames * 100_000L + 5 * MS);

        DrvinfoReply i = m.ethtool().getDrvinfo(dev);
        assertThat(i.info().driver()).as("seed %d", seed).isEqualTo("3c59x");
        assertThat(i.info().busInfo()).as("seed %d", seed).isEqualTo("0000:00:03.0");
        assertThat(i.nStats()).as("seed %d", seed).isEqualTo(VortexEthtool.STATS.size());
        assertThat(i.regdumpLen()).as("seed %d", seed).isEqualTo(VortexEthtool.REGS_LEN);

        assertThat(m.ethtool().getLink(dev)).as("seed %d", seed).isTrue();
        LinkKsettings link = m.ethtool().getLinkKsettings(dev);
        assertThat(link.speed()).as("seed %d", seed).isEqualTo(100);
        assertThat(link.port()).as("seed %d", seed).isEqualTo(chip.equals("3c595") ? Port.TP : Port.MII);
        if (chip.equals("3c905C")) {
            assertThat(link.duplex()).as("seed %d: negotiated with the partner over MII", seed).isEqualTo(Duplex.FULL);
            assertThat(link.autoneg()).as("seed %d", seed).isTrue();
        }

        Map<String, Long> s = m.ethtool().stats(dev).stream().collect(Collectors.toMap(EthtoolStat::name, EthtoolStat::value, (a, b) -> a));
        assertThat(s).as("seed %d", seed).containsKeys(VortexEthtool.STATS.toArray(String[]::new));
        assertThat(s.get("interrupts")).as("seed %d", seed).isPositive();
        assertThat(s.get("interrupts_not_ours")).as("seed %d: alone on its line", seed).isZero();
        assertThat(s.get("max_interrupt_work_trips")).as("seed %d", seed).isZero();
        assertThat(s.get("rx_fifo_errors")).as("seed %d: 10k fps is no overload", seed).isZero();
        assertThat(m.net().stats(dev).rxPackets).as("seed %d", seed).isEqualTo(frames);
        assertThat(m.net().stats(dev).rxBytes).as("seed %d: window 6 bytes received", seed).isEqualTo(frames * 64L);
        if (chip.equals("3c905C")) {
            assertThat(s.get("rx_copy")).as("seed %d: 64-byte frames are under rx_copybreak", seed).isEqualTo(frames);
        }

        RegDump d = m.ethtool().getRegs(dev);
        assertThat(d.version()).as("seed %d", seed).isEqualTo(VortexEthtool.REGS_VERSION);
        assertThat(d.length()).as("seed %d", seed).isEqualTo(VortexEthtool.REGS_LEN);
        byte[] b = d.data();
        // window 2 (the second dumped window) starts with the station address
        byte[] mac = new MacAddress(MAC_A).octets();
        for (int k = 0; k < 6; k++) {
            assertThat(b[VortexEthtool.WORDS_PER_WINDOW * 2 + k]).as("seed %d: station address byte %d", seed, k).isEqualTo(mac[k]);
        }
        // window 5's status-enable read-back (word 6 of the fifth dumped window) is what vortex_up wrote
        int w5 = 4 * VortexEthtool.WORDS_PER_WINDOW * 2;
        int statusEnable = (b[w5 + 12] & 0xFF) | (b[w5 + 13] & 0xFF) << 8;
        assertThat(statusEnable).as("seed %d", seed).isEqualTo(dev.priv(VortexPrivate.class).statusEnable & VortexRegs.ACK_MASK);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
