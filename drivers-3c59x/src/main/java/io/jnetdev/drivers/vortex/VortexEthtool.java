package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Drvinfo;
import io.jnetdev.api.ethtool.Duplex;
import io.jnetdev.api.ethtool.EthtoolOps;
import io.jnetdev.api.ethtool.GStrings;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.LinkMode;
import io.jnetdev.api.ethtool.OpNotImplementedException;
import io.jnetdev.api.ethtool.Port;
import io.jnetdev.api.ethtool.StringSet;
import io.jnetdev.api.ethtool.U64Data;
import io.jnetdev.api.net.NetDevice;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code vortex_ethtool_ops}: driver info, link settings, the statistics (Linux's five extra
 * counters, the rest of window 6, and the driver's own interrupt counters), and a register dump,
 * which Linux's 3c59x does not have: the windows whose registers can be read without side
 * effects, then the status word and the bus-master registers.
 */
final class VortexEthtool implements EthtoolOps {
    /** The statistics names, in the order {@link #getEthtoolStats} writes them. */
    static final List<String> STATS = List.of(
            "tx_deferred", "tx_max_collisions", "tx_multiple_collisions", "tx_single_collisions", "rx_bad_ssd",
            "rx_fifo_errors", "tx_carrier_errors", "tx_heartbeat_errors", "tx_window_errors",
            "interrupts", "interrupts_not_ours", "max_interrupt_work_trips", "fake_intr", "deferred_restored",
            "tx_timeouts", "host_errors", "command_timeouts", "rx_copy", "rx_nocopy");
    /** Windows dumped by {@code ethtool -d}: not 1 (FIFO reads would pop frames) nor 6 (read-to-clear counters). */
    static final int[] DUMP_WINDOWS = {0, 2, 3, 4, 5, 7};
    /** Words per dumped window: offsets 0x00..0x0C. */
    static final int WORDS_PER_WINDOW = 7;
    /** Dump layout: windows, then EL3_STATUS and a pad word, then the eight bus-master doublewords at 0x20..0x3C. */
    static final int REGS_LEN = DUMP_WINDOWS.length * WORDS_PER_WINDOW * 2 + 4 + 8 * 4;
    static final int REGS_VERSION = 1;

    private final VortexPrivate vp;

    VortexEthtool(VortexPrivate vp) {
        this.vp = vp;
    }

    /** {@code vortex_get_drvinfo}: the driver name and the PCI address; the version is the kernel's. */
    @Override
    public Drvinfo getDrvinfo(NetDevice dev) {
        return new Drvinfo(VortexModule.DRV_NAME, "", "", vp.pdev.name());
    }

    @Override
    public LinkKsettings getLinkKsettings(NetDevice dev) {
        Set<LinkMode> supported = EnumSet.noneOf(LinkMode.class);
        int media = vp.availableMedia;
        if ((media & 0x08) != 0) {
            supported.add(LinkMode.T10_HALF);
            supported.add(LinkMode.T10_FULL);
            supported.add(LinkMode.TP);
        }
        if ((media & 0x02) != 0) {
            supported.add(LinkMode.T100_HALF);
            supported.add(LinkMode.T100_FULL);
            supported.add(LinkMode.TP);
        }
        if ((media & 0x40) != 0 || vp.hasNway) {
            supported.add(LinkMode.MII);
        }
        if (vp.hasNway) {
            supported.add(LinkMode.AUTONEG);
        }
        boolean mii = vp.ifPort == XCVR_MII || vp.ifPort == XCVR_NWAY;
        boolean link = vp.dev.carrierOk() && vp.linkSpeed > 0;
        return new LinkKsettings(link ? vp.linkSpeed : LinkKsettings.SPEED_UNKNOWN,
                link ? (vp.fullDuplex ? Duplex.FULL : Duplex.HALF) : Duplex.UNKNOWN,
                vp.ifPort == XCVR_NWAY, mii ? Port.MII : Port.TP, supported, vp.hasNway ? supported : Set.of());
    }

    @Override
    public int getSsetCount(NetDevice dev, StringSet set) throws ErrnoException {
        if (set == StringSet.STATS) {
            return STATS.size();
        }
        throw new OpNotImplementedException("get_sset_count(" + set + ")");
    }

    @Override
    public void getStrings(NetDevice dev, StringSet set, GStrings into) throws ErrnoException {
        if (set != StringSet.STATS) {
            throw new OpNotImplementedException("get_strings(" + set + ")");
        }
        for (String s : STATS) {
            into.put(s);
        }
    }

    /** {@code vortex_get_ethtool_stats}: the card's counters harvested first. */
    @Override
    public void getEthtoolStats(NetDevice dev, U64Data data) {
        vp.updateStats();
        VortexStats s = vp.stats;
        data.put(s.txDeferred);
        data.put(s.txMaxCollisions);
        data.put(s.txMultipleCollisions);
        data.put(s.txSingleCollisions);
        data.put(s.rxBadSsd);
        data.put(s.rxFifoErrors);
        data.put(s.txCarrierErrors);
        data.put(s.txHeartbeatErrors);
        data.put(s.txWindowErrors);
        data.put(vp.interrupts);
        data.put(vp.interruptsNotOurs);
        data.put(vp.workLimitTrips);
        data.put(vp.fakeIntrs);
        data.put(vp.sourcesRestored);
        data.put(vp.txTimeouts);
        data.put(vp.hostErrors);
        data.put(vp.io.commandTimeouts);
        data.put(vp.boomerangRx == null ? 0 : vp.boomerangRx.rxCopy);
        data.put(vp.boomerangRx == null ? 0 : vp.boomerangRx.rxNocopy);
    }

    @Override
    public int getRegsLen(NetDevice dev) {
        return REGS_LEN;
    }

    /**
     * The dump: for each window of {@link #DUMP_WINDOWS} the 16-bit words at 0x00..0x0C
     * (little-endian; window 4's bad-SSD counter at 0x0C clears on read and is left out as 0),
     * then EL3_STATUS and a zero pad word, then the bus-master registers 0x20..0x3C as
     * doublewords (zeros on a Vortex, whose register file ends at 0x20).
     */
    @Override
    public int getRegs(NetDevice dev, byte[] regs) {
        int p = 0;
        for (int w : DUMP_WINDOWS) {
            for (int i = 0; i < WORDS_PER_WINDOW; i++) {
                int off = 2 * i;
                int v = (w == 4 && off == WN4_BAD_SSD) ? 0 : vp.io.windowRead16(w, off);
                p = put16(regs, p, v);
            }
        }
        p = put16(regs, p, vp.io.status());
        p = put16(regs, p, 0);
        boolean busMaster = vp.fullBusMasterTx && vp.io.ioaddr.size() >= BOOMERANG_TOTAL_SIZE;
        for (int off = 0x20; off < 0x40; off += 4) {
            int v = busMaster ? vp.io.ioaddr.read32(off) : 0;
            p = put16(regs, p, v & 0xFFFF);
            p = put16(regs, p, v >>> 16);
        }
        return REGS_VERSION;
    }

    private static int put16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }
}
