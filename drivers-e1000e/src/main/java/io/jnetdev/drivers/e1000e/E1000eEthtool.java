package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eDefines.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.CoalesceParam;
import io.jnetdev.api.ethtool.Drvinfo;
import io.jnetdev.api.ethtool.Duplex;
import io.jnetdev.api.ethtool.EthtoolOps;
import io.jnetdev.api.ethtool.GStrings;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.LinkMode;
import io.jnetdev.api.ethtool.Port;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.ethtool.StringSet;
import io.jnetdev.api.ethtool.TestFlag;
import io.jnetdev.api.ethtool.U64Data;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.RtnlLinkStats64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The e1000e {@code ethtool_ops} ({@code e1000e/ethtool.c}): driver info, link settings, rings,
 * coalescing (rx-usecs ↔ InterruptThrottleRate), statistics with Linux's names, the register dump
 * and the self-test ({@link E1000eDiag}).
 */
final class E1000eEthtool implements EthtoolOps {
    /** One row of {@code e1000_gstrings_stats}: a name and where its value comes from. */
    private record Stat(String name, ToLongFunction<Sources> value) {}

    /** What a statistic is read from: the card's counters, the adapter's and the netdev's 64-bit stats. */
    private record Sources(E1000eAdapter a, E1000eHwStats hw, RtnlLinkStats64 net) {}

    /** {@code e1000_gstrings_stats}, in Linux's order. */
    private static final List<Stat> STATS = List.of(
            new Stat("rx_packets", s -> s.hw.gprc),
            new Stat("tx_packets", s -> s.hw.gptc),
            new Stat("rx_bytes", s -> s.hw.gorc),
            new Stat("tx_bytes", s -> s.hw.gotc),
            new Stat("rx_broadcast", s -> s.hw.bprc),
            new Stat("tx_broadcast", s -> s.hw.bptc),
            new Stat("rx_multicast", s -> s.hw.mprc),
            new Stat("tx_multicast", s -> s.hw.mptc),
            new Stat("rx_errors", s -> s.net.rxErrors),
            new Stat("tx_errors", s -> s.net.txErrors),
            new Stat("tx_dropped", s -> s.net.txDropped),
            new Stat("multicast", s -> s.hw.mprc),
            new Stat("collisions", s -> s.hw.colc),
            new Stat("rx_length_errors", s -> s.net.rxLengthErrors),
            new Stat("rx_over_errors", s -> s.net.rxOverErrors),
            new Stat("rx_crc_errors", s -> s.hw.crcerrs),
            new Stat("rx_frame_errors", s -> s.net.rxFrameErrors),
            new Stat("rx_no_buffer_count", s -> s.hw.rnbc),
            new Stat("rx_missed_errors", s -> s.hw.mpc),
            new Stat("tx_aborted_errors", s -> s.hw.ecol),
            new Stat("tx_carrier_errors", s -> s.hw.tncrs),
            new Stat("tx_fifo_errors", s -> s.net.txFifoErrors),
            new Stat("tx_heartbeat_errors", s -> 0),
            new Stat("tx_window_errors", s -> s.hw.latecol),
            new Stat("tx_abort_late_coll", s -> s.hw.latecol),
            new Stat("tx_deferred_ok", s -> s.hw.dc),
            new Stat("tx_single_coll_ok", s -> s.hw.scc),
            new Stat("tx_multi_coll_ok", s -> s.hw.mcc),
            new Stat("tx_timeout_count", s -> s.a.txTimeoutCount),
            new Stat("tx_restart_queue", s -> s.a.restartQueue),
            new Stat("rx_long_length_errors", s -> s.hw.roc),
            new Stat("rx_short_length_errors", s -> s.hw.ruc),
            new Stat("rx_align_errors", s -> s.hw.algnerrc),
            new Stat("tx_tcp_seg_good", s -> s.hw.tsctc),
            new Stat("tx_tcp_seg_failed", s -> s.hw.tsctfc),
            new Stat("rx_flow_control_xon", s -> s.hw.xonrxc),
            new Stat("rx_flow_control_xoff", s -> s.hw.xoffrxc),
            new Stat("tx_flow_control_xon", s -> s.hw.xontxc),
            new Stat("tx_flow_control_xoff", s -> s.hw.xofftxc),
            new Stat("rx_csum_offload_good", s -> 0),
            new Stat("rx_csum_offload_errors", s -> 0),
            new Stat("rx_header_split", s -> 0),
            new Stat("alloc_rx_buff_failed", s -> s.a.allocRxBuffFailed),
            new Stat("tx_smbus", s -> s.hw.mgptc),
            new Stat("rx_smbus", s -> s.hw.mgprc),
            new Stat("dropped_smbus", s -> s.hw.mgpdc),
            new Stat("rx_dma_failed", s -> 0),
            new Stat("tx_dma_failed", s -> 0),
            new Stat("rx_hwtstamp_cleared", s -> 0),
            new Stat("uncorr_ecc_errors", s -> 0),
            new Stat("corr_ecc_errors", s -> 0),
            new Stat("tx_hwtstamp_timeouts", s -> 0));

    /** {@code e1000_gstrings_test}. */
    static final List<String> TESTS = List.of("Register test  (offline)", "Eeprom test    (offline)",
            "Interrupt test (offline)", "Loopback test  (offline)", "Link test   (on/offline)");

    /** {@code E1000_REGS_LEN}: 32 dwords (an overestimate, as Linux says). */
    static final int REGS_LEN = 32;

    private final E1000eAdapter adapter;
    private final E1000eDiag diag;

    E1000eEthtool(E1000eAdapter adapter) {
        this.adapter = adapter;
        this.diag = new E1000eDiag(adapter);
    }

    /** The names of {@code ethtool -S}, for tests. */
    static List<String> statNames() {
        return STATS.stream().map(Stat::name).toList();
    }

    /** {@code e1000_get_drvinfo}: the firmware version from NVM word 5 (major.minor-build). */
    @Override
    public Drvinfo getDrvinfo(NetDevice dev) {
        int v = adapter.eepromVers;
        String fw = String.format("%d.%d-%d", (v & 0xF000) >> 12, (v & 0x0FF0) >> 4, v & 0x000F);
        return new Drvinfo(E1000eModule.DRIVER_NAME, E1000eModule.DRIVER_VERSION, fw, adapter.pdev.name());
    }

    // ---- link -----------------------------------------------------------------------------------

    /** {@code e1000_get_link_ksettings}: copper, twisted pair, 10/100 half and full and 1000 full, autoneg. */
    @Override
    public LinkKsettings getLinkKsettings(NetDevice dev) {
        Set<LinkMode> supported = EnumSet.of(LinkMode.T10_HALF, LinkMode.T10_FULL, LinkMode.T100_HALF, LinkMode.T100_FULL,
                LinkMode.T1000_FULL, LinkMode.AUTONEG, LinkMode.TP);
        Set<LinkMode> advertising = EnumSet.of(LinkMode.TP);
        if (adapter.autoneg) {
            advertising.add(LinkMode.AUTONEG);
            advertising.addAll(EnumSet.of(LinkMode.T10_HALF, LinkMode.T10_FULL, LinkMode.T100_HALF, LinkMode.T100_FULL,
                    LinkMode.T1000_FULL));
        }
        int speed = LinkKsettings.SPEED_UNKNOWN;
        Duplex duplex = Duplex.UNKNOWN;
        if (dev.running()) {
            if (dev.carrierOk()) {
                speed = adapter.linkSpeed;
                duplex = adapter.fullDuplex ? Duplex.FULL : Duplex.HALF;
            }
        } else {
            int status = adapter.hw.er32(E1000eRegs.STATUS);
            if ((status & STATUS_LU) != 0) {
                speed = (status & STATUS_SPEED_1000) != 0 ? 1000 : (status & STATUS_SPEED_100) != 0 ? 100 : 10;
                duplex = (status & STATUS_FD) != 0 ? Duplex.FULL : Duplex.HALF;
            }
        }
        return new LinkKsettings(speed, duplex, adapter.autoneg, Port.TP, supported, advertising);
    }

    /** {@code e1000_set_link_ksettings} / {@code e1000_set_spd_dplx}: autoneg, or a forced 10/100 mode; 1000 half does not exist. */
    @Override
    public void setLinkKsettings(NetDevice dev, LinkKsettings s) throws ErrnoException {
        if (s.autoneg()) {
            adapter.autoneg = true;
        } else {
            int spd = s.speed();
            Duplex d = s.duplex();
            boolean full = d == Duplex.FULL;
            boolean valid = (spd == 10 || spd == 100) && (d == Duplex.FULL || d == Duplex.HALF) || spd == 1000 && full;
            if (!valid) {
                adapter.kernel.printk(io.jnetdev.api.kernel.LogLevel.ERR, dev.name() + ": Unsupported Speed/Duplex configuration");
                throw new ErrnoException(Errno.EINVAL, dev.name() + ": Unsupported Speed/Duplex configuration (speed "
                        + spd + ", duplex " + d + "; 1000 Mb/s is full duplex only)");
            }
            // 1000/full forced means autoneg advertising only 1000 full, as Linux does
            adapter.autoneg = spd == 1000;
            adapter.forcedSpeed = spd;
            adapter.forcedFull = full;
        }
        if (dev.running() && adapter.ringsAllocated()) {
            adapter.reinitLocked();
        } else {
            adapter.reset();
        }
    }

    // ---- rings ----------------------------------------------------------------------------------

    /** {@code e1000_get_ringparam}. */
    @Override
    public RingParam getRingparam(NetDevice dev) {
        return RingParam.of(MAX_RXD, MAX_TXD, adapter.rxRingCount, adapter.txRingCount);
    }

    /**
     * {@code e1000_set_ringparam}: sizes clamped to 64..4096 and rounded up to a multiple of 8; a
     * running interface is brought down, the new rings allocated, and brought up again. If the new
     * rings cannot be had, the old ones stay and the error says why.
     */
    @Override
    public void setRingparam(NetDevice dev, RingParam ring) throws ErrnoException {
        if (ring.rxMiniPending() != 0 || ring.rxJumboPending() != 0) {
            throw new ErrnoException(Errno.EINVAL, dev.name() + ": e1000e has no rx-mini or rx-jumbo ring (asked for "
                    + ring.rxMiniPending() + " and " + ring.rxJumboPending() + "); the rings stay rx "
                    + adapter.rxRingCount + " tx " + adapter.txRingCount);
        }
        int newRx = E1000eRing.ringSize(ring.rxPending(), MIN_RXD, MAX_RXD);
        int newTx = E1000eRing.ringSize(ring.txPending(), MIN_TXD, MAX_TXD);
        if (newRx == adapter.rxRingCount && newTx == adapter.txRingCount) {
            return;
        }
        if (!dev.running() || !adapter.ringsAllocated()) {
            adapter.rxRingCount = newRx; // allocated at open
            adapter.txRingCount = newTx;
            return;
        }
        boolean setTx = newTx != adapter.txRingCount;
        boolean setRx = newRx != adapter.rxRingCount;
        adapter.down(true);
        E1000eRing tempTx = null;
        E1000eRing tempRx = null;
        try {
            if (setTx) {
                tempTx = E1000eRing.allocate(adapter.pdev, newTx, TX_BUFFER_SIZE);
            }
            if (setRx) {
                tempRx = E1000eRing.allocate(adapter.pdev, newRx, adapter.rxBufferLen);
            }
        } catch (ErrnoException e) {
            if (tempTx != null) {
                tempTx.free(adapter.pdev);
            }
            adapter.up();
            throw new ErrnoException(Errno.ENOMEM, dev.name() + ": cannot allocate rings of rx " + newRx + " tx " + newTx
                    + " descriptors (" + e.getMessage() + "); keeping rx " + adapter.rxRingCount + " tx " + adapter.txRingCount, e);
        }
        if (setTx) {
            adapter.tx.free(adapter.pdev);
            adapter.tx = tempTx;
            adapter.txRingCount = newTx;
        }
        if (setRx) {
            adapter.rx.free(adapter.pdev);
            adapter.rx = tempRx;
            adapter.rxRingCount = newRx;
        }
        adapter.up();
    }

    // ---- coalescing -------------------------------------------------------------------------------

    @Override
    public Set<CoalesceParam> supportedCoalesceParams() {
        return EnumSet.of(CoalesceParam.RX_USECS);
    }

    /** {@code e1000_get_coalesce}: rx-usecs is the mode (0..4) or the interval of a fixed rate. */
    @Override
    public Coalesce getCoalesce(NetDevice dev) {
        int setting = adapter.itr.itrSetting();
        int usecs = setting <= 4 ? setting : 1_000_000 / setting;
        return Coalesce.ZERO.with(CoalesceParam.RX_USECS, usecs);
    }

    /**
     * {@code e1000_set_coalesce}: 0 off, 1 dynamic, 3 dynamic conservative, 4 simplified,
     * 10..10000 us a fixed rate of 1e6/usecs interrupts/s; 2 and 5..9 and above 10000 are refused.
     */
    @Override
    public void setCoalesce(NetDevice dev, Coalesce ec) throws ErrnoException {
        int usecs = ec.rxCoalesceUsecs();
        if (usecs > MAX_ITR_USECS || (usecs > 4 && usecs < MIN_ITR_USECS) || usecs == 2) {
            throw new ErrnoException(Errno.EINVAL, dev.name() + ": rx-usecs " + usecs + " is not valid: use 0 (off), 1 (dynamic), "
                    + "3 (dynamic conservative), 4 (simplified) or " + MIN_ITR_USECS + ".." + MAX_ITR_USECS + " (fixed)");
        }
        if (usecs == 4) {
            adapter.itr.set(4, 4);
        } else if (usecs <= 3) {
            adapter.itr.set(usecs, 20_000);
        } else {
            int rate = 1_000_000 / usecs;
            adapter.itr.set(rate & ~3, rate);
        }
        if (adapter.itr.itrSetting() != 0) {
            adapter.writeItr(adapter.itr.itr());
        } else {
            adapter.writeItr(0);
        }
    }

    // ---- strings, statistics, self-test ------------------------------------------------------------

    @Override
    public int getSsetCount(NetDevice dev, StringSet set) throws ErrnoException {
        return switch (set) {
            case TEST -> TESTS.size();
            case STATS -> STATS.size();
        };
    }

    @Override
    public void getStrings(NetDevice dev, StringSet set, GStrings into) {
        List<String> names = set == StringSet.TEST ? TESTS : statNames();
        for (String n : names) {
            into.put(n);
        }
    }

    /** {@code e1000_get_ethtool_stats}: {@code e1000e_get_stats64} first, then the table. */
    @Override
    public void getEthtoolStats(NetDevice dev, U64Data data) {
        RtnlLinkStats64 net = new RtnlLinkStats64();
        adapter.getStats64(dev, net);
        Sources s = new Sources(adapter, adapter.stats, net);
        for (Stat st : STATS) {
            data.put(st.value().applyAsLong(s));
        }
    }

    /** {@code e1000_diag_test}. */
    @Override
    public Set<TestFlag> selfTest(NetDevice dev, Set<TestFlag> flags, U64Data results) throws ErrnoException {
        long[] data = new long[TESTS.size()];
        boolean failed = diag.run(dev, flags.contains(TestFlag.OFFLINE), data);
        for (long d : data) {
            results.put(d);
        }
        return failed ? EnumSet.of(TestFlag.FAILED) : EnumSet.noneOf(TestFlag.class);
    }

    // ---- registers --------------------------------------------------------------------------------

    @Override
    public int getRegsLen(NetDevice dev) {
        return REGS_LEN * 4;
    }

    /**
     * {@code e1000_get_regs}: version 1 with revision and device ID; CTRL, STATUS, the receive
     * registers, the transmit registers, the PHY type, and the PHY's 1000BASE-T status.
     */
    @Override
    public int getRegs(NetDevice dev, byte[] regs) throws ErrnoException {
        int[] b = new int[REGS_LEN];
        E1000eHw hw = adapter.hw;
        b[0] = hw.er32(E1000eRegs.CTRL);
        b[1] = hw.er32(E1000eRegs.STATUS);
        b[2] = hw.er32(E1000eRegs.RCTL);
        b[3] = hw.er32(E1000eRegs.RDLEN);
        b[4] = hw.er32(E1000eRegs.RDH);
        b[5] = hw.er32(E1000eRegs.RDT);
        b[6] = hw.er32(E1000eRegs.RDTR);
        b[7] = hw.er32(E1000eRegs.TCTL);
        b[8] = hw.er32(E1000eRegs.TDLEN);
        b[9] = hw.er32(E1000eRegs.TDH);
        b[10] = hw.er32(E1000eRegs.TDT);
        b[11] = hw.er32(E1000eRegs.TIDV);
        b[12] = PHY_TYPE_BM;
        b[21] = 0; // was idle_errors
        try {
            b[24] = hw.readPhyReg(MII_STAT1000);
        } catch (ErrnoException e) {
            b[24] = 0; // Linux ignores a failed read here too
        }
        b[25] = b[24];
        for (int i = 0; i < REGS_LEN && 4 * i + 3 < regs.length; i++) {
            regs[4 * i] = (byte) b[i];
            regs[4 * i + 1] = (byte) (b[i] >>> 8);
            regs[4 * i + 2] = (byte) (b[i] >>> 16);
            regs[4 * i + 3] = (byte) (b[i] >>> 24);
        }
        return (1 << 24) | (adapter.pdev.revision() << 16) | adapter.pdev.device();
    }
}
