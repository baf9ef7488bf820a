package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Drvinfo;
import io.jnetdev.api.ethtool.Duplex;
import io.jnetdev.api.ethtool.EthtoolOps;
import io.jnetdev.api.ethtool.GStrings;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.LinkMode;
import io.jnetdev.api.ethtool.Port;
import io.jnetdev.api.ethtool.StringSet;
import io.jnetdev.api.ethtool.U64Data;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.RtnlLinkStats64;
import java.util.EnumSet;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The {@code ethtool_ops}. Linux's tulip has only {@code get_drvinfo} and Wake-on-LAN; this
 * driver adds what the issue asks for: the link settings (100 Mb/s on the SROM's medium),
 * {@code ethtool -S} with the CSR8 missed-frame count, the mitigation switches and the
 * interrupt-work counters, and {@code ethtool -d} with CSR0–CSR15 (the CSR8 read, which clears the
 * counter, is counted like every other).
 */
final class TulipEthtool implements EthtoolOps {
    /** {@code DRV_VERSION} of the NAPI build. */
    static final String DRV_VERSION = "1.1.15-NAPI";

    private record Stat(String name, ToLongFunction<TulipPrivate> value) {}

    private static final List<Stat> STATS = List.of(
            new Stat("rx_packets", tp -> tp.rxPackets),
            new Stat("tx_packets", tp -> tp.txPackets),
            new Stat("rx_bytes", tp -> tp.rxBytes),
            new Stat("tx_bytes", tp -> tp.txBytes),
            new Stat("rx_errors", tp -> tp.rxErrors),
            new Stat("tx_errors", tp -> tp.txErrors),
            new Stat("rx_dropped", tp -> tp.rxDropped),
            new Stat("rx_missed_errors", tp -> tp.rxMissedErrors),
            new Stat("rx_length_errors", tp -> tp.rxLengthErrors),
            new Stat("rx_crc_errors", tp -> tp.rxCrcErrors),
            new Stat("rx_frame_errors", tp -> tp.rxFrameErrors),
            new Stat("rx_fifo_errors", tp -> tp.rxFifoErrors),
            new Stat("tx_aborted_errors", tp -> tp.txAbortedErrors),
            new Stat("tx_carrier_errors", tp -> tp.txCarrierErrors),
            new Stat("tx_fifo_errors", tp -> tp.txFifoErrors),
            new Stat("collisions", tp -> tp.collisions),
            new Stat("interrupts", tp -> tp.nir),
            new Stat("polls", tp -> tp.polls),
            new Stat("mitigation_on", tp -> tp.mitOn ? 1 : 0),
            new Stat("mitigation_switched_on", tp -> tp.mitigationOn),
            new Stat("mitigation_switched_off", tp -> tp.mitigationOff),
            new Stat("too_much_work", tp -> tp.tooMuchWork),
            new Stat("system_errors", tp -> tp.systemErrors),
            new Stat("chip_resets", tp -> tp.chipResets),
            new Stat("setup_frames", tp -> tp.setupFrames),
            new Stat("tx_timeouts", tp -> tp.txTimeouts));

    private final TulipPrivate tp;
    private final TulipCore core;

    TulipEthtool(TulipPrivate tp, TulipCore core) {
        this.tp = tp;
        this.core = core;
    }

    /** {@code tulip_get_drvinfo}. */
    @Override
    public Drvinfo getDrvinfo(NetDevice dev) {
        return new Drvinfo(TulipModule.DRV_NAME, DRV_VERSION, "", tp.pdev.name());
    }

    /** 10/100 on twisted pair; the medium in use is the SROM's 100BASE-TX, duplex from CSR6. */
    @Override
    public LinkKsettings getLinkKsettings(NetDevice dev) {
        EnumSet<LinkMode> supported = EnumSet.of(LinkMode.T10_HALF, LinkMode.T10_FULL, LinkMode.T100_HALF,
                LinkMode.T100_FULL, LinkMode.TP);
        EnumSet<LinkMode> advertising = EnumSet.of(LinkMode.T100_HALF, LinkMode.TP);
        int speed = LinkKsettings.SPEED_UNKNOWN;
        Duplex duplex = Duplex.UNKNOWN;
        if (dev.running() && dev.carrierOk()) {
            speed = 100;
            duplex = (tp.csr6 & FullDuplex) != 0 ? Duplex.FULL : Duplex.HALF;
        }
        return new LinkKsettings(speed, duplex, false, Port.TP, supported, advertising);
    }

    @Override
    public int getSsetCount(NetDevice dev, StringSet set) throws ErrnoException {
        if (set != StringSet.STATS) {
            throw new ErrnoException(io.jnetdev.api.Errno.EOPNOTSUPP, dev.name() + ": tulip has no self-test");
        }
        return STATS.size();
    }

    @Override
    public void getStrings(NetDevice dev, StringSet set, GStrings into) {
        for (Stat s : STATS) {
            into.put(s.name());
        }
    }

    /** The missed frames harvested first ({@code tulip_get_stats}), then the table. */
    @Override
    public void getEthtoolStats(NetDevice dev, U64Data data) {
        core.getStats64(dev, new RtnlLinkStats64());
        for (Stat s : STATS) {
            data.put(s.value().applyAsLong(tp));
        }
    }

    @Override
    public int getRegsLen(NetDevice dev) {
        return CSR_COUNT * 4;
    }

    /** CSR0–CSR15 in order, little-endian; version 0x0001_0000 | the chip id. */
    @Override
    public int getRegs(NetDevice dev, byte[] regs) {
        long flags = tp.lock.lockIrqSave();
        try {
            for (int i = 0; i < CSR_COUNT; i++) {
                int v = i * 8 == CSR8 ? readCsr8() : tp.ioread32(i * 8);
                regs[4 * i] = (byte) v;
                regs[4 * i + 1] = (byte) (v >>> 8);
                regs[4 * i + 2] = (byte) (v >>> 16);
                regs[4 * i + 3] = (byte) (v >>> 24);
            }
        } finally {
            tp.lock.unlockIrqRestore(flags);
        }
        return 0x0001_0000 | tp.chip.chipId;
    }

    /** CSR8 clears on read: what it shows is also counted as missed, so no frame goes unaccounted. */
    private int readCsr8() {
        int csr8 = tp.ioread32(CSR8);
        long missed = (csr8 & CSR8_MISSED_OVERFLOW) != 0 ? 0x10000 : csr8 & CSR8_MISSED;
        if (missed > 0) {
            tp.rxMissedErrors += missed;
            tp.netdev.countRxDrop("rx_missed_errors", missed);
        }
        return csr8;
    }
}
