package io.jnetdev.runtime.testing;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Channels;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An {@code ethtool_ops} for tests: a correct driver by default (rings, coalescing, channels,
 * statistics, self-tests, a register dump), every state a public field, every call recorded in
 * {@link #calls} with the context it ran in. The {@code break*} knobs turn it into a driver that
 * breaks one contract rule, for the oracle to catch.
 */
public final class TestEthtoolOps implements EthtoolOps {
    public Drvinfo drvinfo = Drvinfo.firmware("1.2-3");
    public LinkKsettings link = new LinkKsettings(1000, Duplex.FULL, true, Port.TP,
            EnumSet.of(LinkMode.T10_HALF, LinkMode.T10_FULL, LinkMode.T100_HALF, LinkMode.T100_FULL,
                    LinkMode.T1000_FULL, LinkMode.AUTONEG, LinkMode.TP),
            EnumSet.of(LinkMode.T100_FULL, LinkMode.T1000_FULL, LinkMode.AUTONEG, LinkMode.TP));
    public RingParam ring = RingParam.of(4096, 4096, 256, 256);
    public Set<CoalesceParam> supportedCoalesce = EnumSet.of(CoalesceParam.RX_USECS, CoalesceParam.TX_USECS,
            CoalesceParam.RX_MAX_FRAMES, CoalesceParam.USE_ADAPTIVE_RX);
    public Coalesce coalesce = Coalesce.ZERO.with(CoalesceParam.RX_USECS, 3).with(CoalesceParam.TX_USECS, 10)
            .with(CoalesceParam.RX_MAX_FRAMES, 16);
    public Channels channels = new Channels(0, 0, 1, 4, 0, 0, 1, 2);
    public List<String> statNames = new ArrayList<>(List.of("rx_missed_errors", "tx_restart_queue", "rx_csum_offload_good"));
    public long[] statValues = {7, 3, 1000};
    public List<String> testNames = List.of("Register test  (offline)", "Interrupt test (offline)", "Link test   (on/offline)");
    /** Result per test; nonzero fails that test. */
    public long[] testResults = {0, 0, 0};
    /** How long the offline tests sleep (msleep), as real ones do. */
    public long offlineTestMillis = 10;
    public byte[] regs = new byte[64];
    public int regsVersion = 0x1234;
    /** Set by {@link #selfTest}: what the core reported as "testing" during the run. */
    public Runnable duringSelfTest = () -> { };
    /** Runs after each get_strings: lets a test change the driver's state between two calls. */
    public Runnable afterGetStrings = () -> { };

    // ---- knobs that break the contract --------------------------------------------------------
    /** get_ethtool_stats writes this many values more (or, negative, fewer) than it counted. */
    public int breakStatsFill;
    /** get_strings writes this many names more (or fewer) than it counted. */
    public int breakStringsFill;
    /** self_test writes this many results more (or fewer) than it counted. */
    public int breakTestFill;
    /** get_sset_count answers this instead of the real count when not null. */
    public Integer breakSsetCount;
    /** get_regs writes this many bytes past the buffer it was given. */
    public int breakRegsOverrun;

    /** Every op called, in order, by its Linux name. */
    public final List<String> calls = new ArrayList<>();
    /** Ops that found themselves in atomic context (must stay empty: ethtool ops run under RTNL). */
    public final List<String> atomicCalls = new ArrayList<>();
    /** The arguments of the last set_* call. */
    public RingParam lastRingSet;
    public Channels lastChannelsSet;
    public Set<TestFlag> lastTestFlags;
    public int lastRegsBufferLength;

    public TestEthtoolOps() {
        for (int i = 0; i < regs.length; i++) {
            regs[i] = (byte) (i * 3);
        }
    }

    private void called(NetDevice dev, String op) {
        calls.add(op);
        if (dev.kernel().inAtomicContext()) {
            atomicCalls.add(op);
        }
    }

    /** Whether {@code op} was called. */
    public boolean wasCalled(String op) {
        return calls.contains(op);
    }

    @Override
    public Drvinfo getDrvinfo(NetDevice dev) {
        called(dev, "get_drvinfo");
        return drvinfo;
    }

    @Override
    public LinkKsettings getLinkKsettings(NetDevice dev) {
        called(dev, "get_link_ksettings");
        return link;
    }

    @Override
    public void setLinkKsettings(NetDevice dev, LinkKsettings settings) {
        called(dev, "set_link_ksettings");
        link = settings;
    }

    @Override
    public boolean getLink(NetDevice dev) {
        called(dev, "get_link");
        return dev.carrierOk();
    }

    @Override
    public void nwayReset(NetDevice dev) throws ErrnoException {
        called(dev, "nway_reset");
        if (!link.autoneg()) {
            throw new ErrnoException(io.jnetdev.api.Errno.EINVAL, "auto-negotiation is off");
        }
    }

    @Override
    public RingParam getRingparam(NetDevice dev) {
        called(dev, "get_ringparam");
        return ring;
    }

    @Override
    public void setRingparam(NetDevice dev, RingParam r) {
        called(dev, "set_ringparam");
        lastRingSet = r;
        ring = ring.withPending(r.rxPending(), r.rxMiniPending(), r.rxJumboPending(), r.txPending());
    }

    @Override
    public Set<CoalesceParam> supportedCoalesceParams() {
        return supportedCoalesce;
    }

    @Override
    public Coalesce getCoalesce(NetDevice dev) {
        called(dev, "get_coalesce");
        return coalesce;
    }

    @Override
    public void setCoalesce(NetDevice dev, Coalesce c) {
        called(dev, "set_coalesce");
        coalesce = c;
    }

    @Override
    public Channels getChannels(NetDevice dev) {
        called(dev, "get_channels");
        return channels;
    }

    @Override
    public void setChannels(NetDevice dev, Channels ch) {
        called(dev, "set_channels");
        lastChannelsSet = ch;
        channels = ch;
    }

    @Override
    public int getSsetCount(NetDevice dev, StringSet set) {
        called(dev, "get_sset_count");
        if (breakSsetCount != null) {
            return breakSsetCount;
        }
        return set == StringSet.STATS ? statNames.size() : testNames.size();
    }

    @Override
    public void getStrings(NetDevice dev, StringSet set, GStrings into) {
        called(dev, "get_strings");
        List<String> names = set == StringSet.STATS ? statNames : testNames;
        int n = names.size() + breakStringsFill;
        for (int i = 0; i < n; i++) {
            into.put(i < names.size() ? names.get(i) : "extra_" + i);
        }
        afterGetStrings.run();
    }

    @Override
    public void getEthtoolStats(NetDevice dev, U64Data data) {
        called(dev, "get_ethtool_stats");
        int n = statNames.size() + breakStatsFill;
        for (int i = 0; i < n; i++) {
            data.put(i < statValues.length ? statValues[i] : 0);
        }
    }

    @Override
    public Set<TestFlag> selfTest(NetDevice dev, Set<TestFlag> flags, U64Data results) {
        called(dev, "self_test");
        lastTestFlags = Set.copyOf(flags);
        duringSelfTest.run();
        if (flags.contains(TestFlag.OFFLINE)) {
            dev.kernel().msleep(offlineTestMillis);
        }
        EnumSet<TestFlag> out = flags.isEmpty() ? EnumSet.noneOf(TestFlag.class) : EnumSet.copyOf(flags);
        int n = testNames.size() + breakTestFill;
        for (int i = 0; i < n; i++) {
            long r = i < testResults.length ? testResults[i] : 0;
            if (r != 0) {
                out.add(TestFlag.FAILED);
            }
            results.put(r);
        }
        return out;
    }

    @Override
    public int getRegsLen(NetDevice dev) {
        called(dev, "get_regs_len");
        return regs.length;
    }

    @Override
    public int getRegs(NetDevice dev, byte[] buf) {
        called(dev, "get_regs");
        lastRegsBufferLength = buf.length;
        for (int i = 0; i < regs.length + breakRegsOverrun; i++) {
            buf[i] = regs[i % regs.length];
        }
        return regsVersion;
    }
}
