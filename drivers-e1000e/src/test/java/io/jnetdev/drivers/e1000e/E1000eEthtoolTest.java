package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eMachines.MS;
import static io.jnetdev.drivers.e1000e.E1000eMachines.boot;
import static io.jnetdev.drivers.e1000e.E1000eMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.CoalesceParam;
import io.jnetdev.api.ethtool.Duplex;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.LinkMode;
import io.jnetdev.api.ethtool.Port;
import io.jnetdev.api.ethtool.RegDump;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.ethtool.TestFlag;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.ethtool.DrvinfoReply;
import io.jnetdev.runtime.ethtool.EthtoolStat;
import io.jnetdev.runtime.ethtool.SelfTestResult;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ethtool on the driver through the runtime's ethtool core, against the 82574L model. */
class E1000eEthtoolTest {

    private static Machine upWithTraffic(long seed, long frames) throws ErrnoException {
        Machine m = boot(seed, Map.of());
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.net().devOpen(dev(m, "eth0"));
        m.run(10 * MS);
        if (frames > 0) {
            TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 64, frames * 10_000);
            m.run(frames * 10_000 + 5 * MS);
        }
        return m;
    }

    private static Map<String, Long> stats(Machine m, NetDeviceImpl dev) throws ErrnoException {
        return m.ethtool().stats(dev).stream().collect(Collectors.toMap(EthtoolStat::name, EthtoolStat::value));
    }

    @Test
    void driverInfoStatisticsAndRegisterDump() throws ErrnoException {
        long seed = 900;
        Machine m = upWithTraffic(seed, 1000);
        NetDeviceImpl dev = dev(m, "eth0");
        DrvinfoReply i = m.ethtool().getDrvinfo(dev);
        assertThat(i.info().driver()).as("seed %d", seed).isEqualTo("e1000e");
        assertThat(i.info().version()).as("seed %d", seed).isEqualTo(E1000eModule.DRIVER_VERSION);
        assertThat(i.info().busInfo()).as("seed %d", seed).isEqualTo("0000:00:03.0");
        assertThat(i.info().fwVersion()).as("seed %d: from NVM word 5", seed).matches("\\d+\\.\\d+-\\d+");
        assertThat(i.nStats()).as("seed %d", seed).isEqualTo(E1000eEthtool.statNames().size());
        assertThat(i.testinfoLen()).as("seed %d", seed).isEqualTo(5);
        assertThat(i.regdumpLen()).as("seed %d", seed).isEqualTo(128);

        Map<String, Long> s = stats(m, dev);
        assertThat(s.keySet()).as("seed %d: Linux's names", seed)
                .contains("rx_packets", "tx_packets", "rx_missed_errors", "rx_crc_errors", "tx_restart_queue",
                        "rx_long_length_errors", "rx_short_length_errors", "alloc_rx_buff_failed");
        assertThat(s.get("rx_packets")).as("seed %d", seed).isEqualTo(1000);
        assertThat(s.get("rx_bytes")).as("seed %d: GORC counts octets with FCS", seed).isGreaterThanOrEqualTo(60_000);
        assertThat(s.get("rx_missed_errors")).as("seed %d", seed).isZero();

        RegDump d = m.ethtool().getRegs(dev);
        assertThat(d.version()).as("seed %d", seed).isEqualTo((1 << 24) | 0x10D3);
        ByteBuffer b = ByteBuffer.wrap(d.data()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0) & 0x40).as("seed %d: CTRL.SLU", seed).isEqualTo(0x40);
        assertThat(b.getInt(4) & 0x2).as("seed %d: STATUS.LU", seed).isEqualTo(0x2);
        assertThat(b.getInt(8) & 0x2).as("seed %d: RCTL.EN", seed).isEqualTo(0x2);
        assertThat(b.getInt(12)).as("seed %d: RDLEN of 256 descriptors", seed).isEqualTo(256 * 16);
        assertThat(b.getInt(28) & 0x2).as("seed %d: TCTL.EN set by the watchdog", seed).isEqualTo(0x2);
        assertThat(b.getInt(32)).as("seed %d: TDLEN", seed).isEqualTo(256 * 16);
        assertThat(b.getInt(48)).as("seed %d: PHY type bm", seed).isEqualTo(8);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void ringsResizeWhileUpAndARefusedSizeKeepsTheOldRings() throws ErrnoException {
        long seed = 901;
        Machine m = upWithTraffic(seed, 0);
        NetDeviceImpl dev = dev(m, "eth0");
        RingParam r = m.ethtool().getRingparam(dev);
        assertThat(r).as("seed %d", seed).isEqualTo(RingParam.of(4096, 4096, 256, 256));

        m.ethtool().setRingparam(dev, r.withPending(100, 0, 0, 1000));
        assertThat(m.ethtool().getRingparam(dev)).as("seed %d: clamped and aligned", seed)
                .isEqualTo(RingParam.of(4096, 4096, 104, 1000));
        assertThatThrownBy(() -> m.ethtool().setRingparam(dev, r.withPending(8192, 0, 0, 256)))
                .as("seed %d", seed).isInstanceOf(ErrnoException.class).hasMessageContaining("8192");
        assertThatThrownBy(() -> m.ethtool().setRingparam(dev, r.withPending(512, 0, 64, 256)))
                .as("seed %d", seed).isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("rx-jumbo");
        assertThat(m.ethtool().getRingparam(dev)).as("seed %d: the old rings stay", seed)
                .isEqualTo(RingParam.of(4096, 4096, 104, 1000));
        ByteBuffer b = ByteBuffer.wrap(m.ethtool().getRegs(dev).data()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(12)).as("seed %d: RDLEN follows", seed).isEqualTo(104 * 16);

        m.run(10 * MS);
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 64, 10 * MS);
        m.run(20 * MS);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(c.delivered()).as("seed %d: the new ring works: %s", seed, c).isEqualTo(1000);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void coalesceRxUsecsMapsToInterruptThrottling() throws ErrnoException {
        long seed = 902;
        Machine m = upWithTraffic(seed, 0);
        NetDeviceImpl dev = dev(m, "eth0");
        assertThat(m.ethtool().getCoalesce(dev).rxCoalesceUsecs()).as("seed %d: mode 3", seed).isEqualTo(3);
        m.ethtool().setCoalesce(dev, m.ethtool().getCoalesce(dev).with(CoalesceParam.RX_USECS, 250));
        assertThat(m.ethtool().getCoalesce(dev).rxCoalesceUsecs()).as("seed %d", seed).isEqualTo(250);
        assertThat(dev.priv(E1000eAdapter.class).currentItr()).as("seed %d: 4000 ints/s", seed).isEqualTo(4000);
        assertThatThrownBy(() -> m.ethtool().setCoalesce(dev, Coalesce.ZERO.with(CoalesceParam.RX_USECS, 2)))
                .as("seed %d", seed).isInstanceOf(ErrnoException.class).hasMessageContaining("rx-usecs 2 is not valid");
        assertThatThrownBy(() -> m.ethtool().setCoalesce(dev, Coalesce.ZERO.with(CoalesceParam.TX_USECS, 5)))
                .as("seed %d: unsupported parameter refused by the core", seed).isInstanceOf(ErrnoException.class);
        assertThat(m.ethtool().getCoalesce(dev).rxCoalesceUsecs()).as("seed %d: unchanged", seed).isEqualTo(250);

        // 250 us = 4000 ints/s: 20 ms of 100k fps gives at most 80 interrupts (+2)
        E1000eAdapter a = dev.priv(E1000eAdapter.class);
        long before = a.interrupts();
        TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 64, 20 * MS);
        m.run(20 * MS);
        assertThat(a.interrupts() - before).as("seed %d", seed).isPositive().isLessThanOrEqualTo(82);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void linkSettingsReport1000FullAutonegOnTwistedPair() throws ErrnoException {
        long seed = 903;
        Machine m = upWithTraffic(seed, 0);
        NetDeviceImpl dev = dev(m, "eth0");
        LinkKsettings k = m.ethtool().getLinkKsettings(dev);
        assertThat(k.speed()).as("seed %d", seed).isEqualTo(1000);
        assertThat(k.duplex()).as("seed %d", seed).isEqualTo(Duplex.FULL);
        assertThat(k.autoneg()).as("seed %d", seed).isTrue();
        assertThat(k.port()).as("seed %d", seed).isEqualTo(Port.TP);
        assertThat(k.supported()).as("seed %d", seed).contains(LinkMode.T1000_FULL, LinkMode.AUTONEG, LinkMode.TP)
                .doesNotContain(LinkMode.T1000_HALF);
        assertThat(m.ethtool().getLink(dev)).as("seed %d", seed).isTrue();
        assertThatThrownBy(() -> m.ethtool().setLinkKsettings(dev, k.with(1000, Duplex.HALF, false)))
                .as("seed %d", seed).isInstanceOf(ErrnoException.class).hasMessageContaining("Unsupported Speed/Duplex");
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void selfTestRunsOfflineAroundTheInterfaceAndOnlineOnlyTheLinkTest() throws ErrnoException {
        long seed = 904;
        Machine m = upWithTraffic(seed, 0);
        NetDeviceImpl dev = dev(m, "eth0");
        SelfTestResult online = m.ethtool().selfTest(dev, Set.of());
        assertThat(online.results()).as("seed %d", seed).extracting(EthtoolStat::name).containsExactlyElementsOf(E1000eEthtool.TESTS);
        assertThat(online.passed()).as("seed %d: %s", seed, online).isTrue();

        SelfTestResult offline = m.ethtool().selfTest(dev, Set.of(TestFlag.OFFLINE));
        List<Long> r = offline.results().stream().map(EthtoolStat::value).toList();
        String log = m.dmesg();
        assertThat(r.get(0)).as("seed %d: register test\n%s", seed, log).isZero();
        assertThat(r.get(1)).as("seed %d: NVM checksum", seed).isZero();
        assertThat(r.get(2)).as("seed %d: interrupt test (causes 0..9 forced through ICS)\n%s", seed, log).isZero();
        assertThat(r.get(3)).as("seed %d: MAC loopback test (64 frames of 1024 bytes)\n%s", seed, log).isZero();
        assertThat(r.get(4)).as("seed %d: link", seed).isZero();
        assertThat(offline.passed()).as("seed %d: %s", seed, offline).isTrue();
        E1000e card = (E1000e) dev.parent().model();
        assertThat(card.loopedTotal()).as("seed %d: the loopback frames went through the card's MAC loopback", seed)
                .isEqualTo(64);

        // the interface came back: traffic flows and is conserved
        m.run(10 * MS);
        assertThat(dev.carrierOk()).as("seed %d", seed).isTrue();
        TrafficGenerator g = TrafficGenerator.start(m.wireContext(), m.portOf("eth0"), 100_000, 64, 10 * MS);
        m.run(20 * MS);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.delivered()).as("seed %d: %s", seed, c).isEqualTo(1000);
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.procInterrupts()).as("seed %d: MSI-X again", seed).contains("eth0-rx-0");
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void badFramesAreCountedInTheirCountersAndNeverDelivered() throws ErrnoException {
        long seed = 905;
        Machine m = boot(seed, Map.of());
        long[] delivered = {0};
        long[] wrongLength = {0};
        m.net().devAddPack(EtherType.IPV4, skb -> {
            delivered[0]++;
            if (skb.len() != 60 - 14) {
                wrongLength[0]++;
            }
        });
        NetDeviceImpl dev = dev(m, "eth0");
        m.net().devOpen(dev);
        m.run(10 * MS);
        // frames 9, 19, ..., 1999 bad: 200 of 2000, interleaved runt, oversize, bad FCS
        TrafficGenerator g = TrafficGenerator.builder(m.wireContext(), m.portOf("eth0")).fps(100_000).frameSize(60)
                .durationNanos(20 * MS).badFrames(BadFrameMix.everyNth(10)).build();
        g.start();
        m.run(30 * MS);
        assertThat(g.offered()).as("seed %d", seed).isEqualTo(2000);
        assertThat(delivered[0]).as("seed %d: only good frames reach the handler", seed).isEqualTo(1800);
        assertThat(wrongLength[0]).as("seed %d", seed).isZero();
        Map<String, Long> s = stats(m, dev);
        assertThat(s.get("rx_crc_errors")).as("seed %d: %s", seed, s).isEqualTo(66);
        assertThat(s.get("rx_short_length_errors") + s.get("rx_long_length_errors")).as("seed %d: %s", seed, s).isEqualTo(134);
        assertThat(s.get("rx_length_errors")).as("seed %d", seed).isEqualTo(134);
        assertThat(m.net().stats(dev).rxErrors).as("seed %d", seed).isEqualTo(200);
        Conservation c = m.net().conservation(dev, g.offered());
        assertThat(c.holds()).as("seed %d: %s", seed, c).isTrue();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
