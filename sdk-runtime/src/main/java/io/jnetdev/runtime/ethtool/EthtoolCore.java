package io.jnetdev.runtime.ethtool;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Channels;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.CoalesceParam;
import io.jnetdev.api.ethtool.Drvinfo;
import io.jnetdev.api.ethtool.EthtoolOps;
import io.jnetdev.api.ethtool.LinkKsettings;
import io.jnetdev.api.ethtool.OpNotImplementedException;
import io.jnetdev.api.ethtool.RegDump;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.ethtool.StringSet;
import io.jnetdev.api.ethtool.TestFlag;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.net.NetCore;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ethtool core: Linux's {@code net/ethtool/ioctl.c}. It dispatches each {@code ETHTOOL_*}
 * command to the device's {@link EthtoolOps} and does the checks Linux does before the driver
 * sees a request: a missing op answers {@code EOPNOTSUPP}; ring sizes and channel counts are
 * checked against the maxima the driver reports; a change to a coalescing parameter the driver
 * did not declare is refused; an unchanged channel configuration never reaches the driver.
 *
 * <p>It is also the oracle for what drivers hand back: a string-set count of 0, a count that
 * changes between sizing a buffer and filling it (an out-of-bounds write in Linux), a name
 * longer than {@code ETH_GSTRING_LEN}, a write outside the register buffer. Each is recorded
 * under rule {@value #RULE} and the call fails with {@code EIO}; nothing is written out of bounds.
 *
 * <p>Every op runs in process context on the current CPU, as under RTNL in Linux, so it may sleep.
 */
@Singleton
public final class EthtoolCore {
    /** The rule id of ethtool contract violations. */
    public static final String RULE = "ETHTOOL";
    /** The kernel release {@code get_drvinfo} reports as version when the driver leaves it empty. */
    public static final String UTS_RELEASE = "6.12.0-jnetdev";
    /** {@code ETH_GSTRING_LEN}. */
    public static final int ETH_GSTRING_LEN = 32;

    private final Cpus cpus;
    private final KernelServices kernel;
    private final Violations violations;
    private final NetCore net;
    private final List<String> notifications = new ArrayList<>();
    private final Set<NetDeviceImpl> testing = new HashSet<>();

    @Inject
    public EthtoolCore(Cpus cpus, KernelServices kernel, Violations violations, NetCore net) {
        this.cpus = cpus;
        this.kernel = kernel;
        this.violations = violations;
        this.net = net;
    }

    /** The registered interface called {@code name} ({@code dev_get_by_name}); {@code ENODEV} if none. */
    public NetDeviceImpl device(String name) throws ErrnoException {
        return net.device(name).orElseThrow(() -> new ErrnoException(Errno.ENODEV, name + ": no such device"));
    }

    /** The ethtool notifications sent so far ({@code ethtool_notify}), e.g. {@code eth0 ETHTOOL_MSG_RINGS_NTF}. */
    public List<String> notifications() {
        return List.copyOf(notifications);
    }

    /** Whether a self-test is running on {@code dev} (operstate "testing", {@code netif_testing_on}). */
    public boolean testing(NetDeviceImpl dev) {
        return testing.contains(dev);
    }

    // ---- driver info (ETHTOOL_GDRVINFO) ---------------------------------------------------------

    /**
     * {@code ethtool_get_drvinfo}: the driver's answer with empty fields filled from the parent
     * device (driver name, bus address) and the kernel release, plus the set and dump sizes.
     * Without the op and without a bound parent: {@code EOPNOTSUPP}.
     */
    public DrvinfoReply getDrvinfo(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        PciFunction parent = dev.parent();
        String parentDriver = parent == null || parent.driver() == null ? null : parent.driver().name();
        Drvinfo d;
        try {
            d = nonNull(dev, "get_drvinfo", call(dev, "get_drvinfo", o -> o.getDrvinfo(dev)));
        } catch (OpNotImplementedException e) {
            if (parentDriver == null) {
                throw e;
            }
            d = Drvinfo.EMPTY;
        }
        String driver = d.driver().isEmpty() && parentDriver != null ? parentDriver : d.driver();
        String bus = d.busInfo().isEmpty() && parent != null ? parent.name() : d.busInfo();
        String version = d.version().isEmpty() ? UTS_RELEASE : d.version();
        Drvinfo info = new Drvinfo(strscpy(driver), strscpy(version), strscpy(d.fwVersion()), strscpy(bus));
        int regdumpLen = 0;
        try {
            regdumpLen = Math.max(0, call(dev, "get_regs_len", o -> o.getRegsLen(dev)));
        } catch (ErrnoException e) {
            // no register dump: regdump_len stays 0
        }
        return new DrvinfoReply(info, countOrZero(dev, StringSet.STATS), countOrZero(dev, StringSet.TEST), regdumpLen);
    }

    /** A C string field of 32 bytes: at most 31 characters survive {@code strscpy}. */
    private static String strscpy(String s) {
        return s.length() < Drvinfo.FIELD_LEN ? s : s.substring(0, Drvinfo.FIELD_LEN - 1);
    }

    private int countOrZero(NetDeviceImpl dev, StringSet set) {
        try {
            return Math.max(0, call(dev, "get_sset_count", o -> o.getSsetCount(dev, set)));
        } catch (ErrnoException e) {
            return 0;
        }
    }

    // ---- link (ETHTOOL_GLINKSETTINGS, SLINKSETTINGS, GLINK, NWAY_RST) ----------------------------------

    /** {@code ethtool_get_link_ksettings}. */
    public LinkKsettings getLinkKsettings(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        return nonNull(dev, "get_link_ksettings", call(dev, "get_link_ksettings", o -> o.getLinkKsettings(dev)));
    }

    /** {@code ethtool_set_link_ksettings}; notifies LINKINFO and LINKMODES on success. */
    public void setLinkKsettings(NetDeviceImpl dev, LinkKsettings settings) throws ErrnoException {
        rtnlLock();
        call(dev, "set_link_ksettings", o -> {
            o.setLinkKsettings(dev, settings);
            return null;
        });
        notify(dev, "LINKINFO");
        notify(dev, "LINKMODES");
    }

    /** {@code __ethtool_get_link}: the driver's {@code get_link}, asked only while the interface is up; down means no link. */
    public boolean getLink(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        if (!dev.running()) {
            return false;
        }
        return call(dev, "get_link", o -> o.getLink(dev));
    }

    /** {@code ethtool_nway_reset}: restart auto-negotiation. */
    public void nwayReset(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        call(dev, "nway_reset", o -> {
            o.nwayReset(dev);
            return null;
        });
    }

    // ---- rings (ETHTOOL_GRINGPARAM, SRINGPARAM) ------------------------------------------------

    /** {@code ethtool_get_ringparam}. */
    public RingParam getRingparam(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        return nonNull(dev, "get_ringparam", call(dev, "get_ringparam", o -> o.getRingparam(dev)));
    }

    /**
     * {@code ethtool_set_ringparam}: asks {@code get_ringparam} for the maxima first and refuses
     * with {@code EINVAL} any size above its maximum; the driver receives its own maxima with the
     * new sizes. Notifies RINGS on success.
     */
    public void setRingparam(NetDeviceImpl dev, RingParam request) throws ErrnoException {
        rtnlLock();
        RingParam max = nonNull(dev, "get_ringparam", call(dev, "get_ringparam", o -> o.getRingparam(dev)));
        List<String> above = new ArrayList<>();
        checkMax(above, "rx", request.rxPending(), max.rxMaxPending());
        checkMax(above, "rx-mini", request.rxMiniPending(), max.rxMiniMaxPending());
        checkMax(above, "rx-jumbo", request.rxJumboPending(), max.rxJumboMaxPending());
        checkMax(above, "tx", request.txPending(), max.txMaxPending());
        if (!above.isEmpty()) {
            throw error(dev, Errno.EINVAL, "set_ringparam: " + String.join(", ", above));
        }
        RingParam ring = request.withMaxima(max);
        call(dev, "set_ringparam", o -> {
            o.setRingparam(dev, ring);
            return null;
        });
        notify(dev, "RINGS");
    }

    private static void checkMax(List<String> above, String what, int value, int max) {
        if (value > max) {
            above.add(what + " " + value + " exceeds the maximum " + max);
        }
    }

    // ---- coalescing (ETHTOOL_GCOALESCE, SCOALESCE) -------------------------------------------------

    /** {@code ethtool_get_coalesce}. */
    public Coalesce getCoalesce(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        return nonNull(dev, "get_coalesce", call(dev, "get_coalesce", o -> o.getCoalesce(dev)));
    }

    /** The driver's {@code supported_coalesce_params}. */
    public Set<CoalesceParam> supportedCoalesceParams(NetDeviceImpl dev) {
        Set<CoalesceParam> declared = dev.ethtoolOps().supportedCoalesceParams();
        EnumSet<CoalesceParam> s = EnumSet.noneOf(CoalesceParam.class);
        if (declared != null) {
            s.addAll(declared);
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * {@code ethtool_set_coalesce}: reads the current settings, and refuses with
     * {@code EOPNOTSUPP} a request that changes a parameter outside
     * {@code supported_coalesce_params}. Notifies COALESCE on success.
     */
    public void setCoalesce(NetDeviceImpl dev, Coalesce request) throws ErrnoException {
        rtnlLock();
        Coalesce current = nonNull(dev, "get_coalesce", call(dev, "get_coalesce", o -> o.getCoalesce(dev)));
        Set<CoalesceParam> unsupported = request.differences(current);
        unsupported.removeAll(supportedCoalesceParams(dev));
        if (!unsupported.isEmpty()) {
            throw error(dev, Errno.EOPNOTSUPP, "set_coalesce: " + driverName(dev) + " does not support changing "
                    + unsupported + " (supported_coalesce_params " + supportedCoalesceParams(dev) + ")");
        }
        call(dev, "set_coalesce", o -> {
            o.setCoalesce(dev, request);
            return null;
        });
        notify(dev, "COALESCE");
    }

    // ---- channels (ETHTOOL_GCHANNELS, SCHANNELS) -------------------------------------------------

    /** {@code ethtool_get_channels}. */
    public Channels getChannels(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        return nonNull(dev, "get_channels", call(dev, "get_channels", o -> o.getChannels(dev)));
    }

    /**
     * {@code ethtool_set_channels}: nothing changed → returns without calling the driver; a count
     * above its maximum, or no receive or no transmit channel at all → {@code EINVAL}. The driver
     * receives its own maxima with the new counts. Notifies CHANNELS on success.
     */
    public void setChannels(NetDeviceImpl dev, Channels request) throws ErrnoException {
        rtnlLock();
        Channels current = nonNull(dev, "get_channels", call(dev, "get_channels", o -> o.getChannels(dev)));
        if (request.sameCounts(current)) {
            return;
        }
        List<String> above = new ArrayList<>();
        checkMax(above, "rx", request.rxCount(), current.maxRx());
        checkMax(above, "tx", request.txCount(), current.maxTx());
        checkMax(above, "other", request.otherCount(), current.maxOther());
        checkMax(above, "combined", request.combinedCount(), current.maxCombined());
        if (!above.isEmpty()) {
            throw error(dev, Errno.EINVAL, "set_channels: " + String.join(", ", above));
        }
        if (request.combinedCount() == 0 && (request.rxCount() == 0 || request.txCount() == 0)) {
            throw error(dev, Errno.EINVAL, "set_channels: at least one receive and one transmit channel are needed "
                    + "(combined 0, rx " + request.rxCount() + ", tx " + request.txCount() + ")");
        }
        Channels channels = new Channels(current.maxRx(), current.maxTx(), current.maxOther(), current.maxCombined(),
                request.rxCount(), request.txCount(), request.otherCount(), request.combinedCount());
        call(dev, "set_channels", o -> {
            o.setChannels(dev, channels);
            return null;
        });
        notify(dev, "CHANNELS");
    }

    // ---- string sets and statistics (ETHTOOL_GSSET_INFO, GSTRINGS, GSTATS) ----------------------------

    /** {@code get_sset_count}: the size of {@code set}; a negative answer is a violation ({@code EINVAL}). */
    public int getSsetCount(NetDeviceImpl dev, StringSet set) throws ErrnoException {
        rtnlLock();
        int n = call(dev, "get_sset_count", o -> o.getSsetCount(dev, set));
        if (n < 0) {
            violation(dev, "get_sset_count(ETH_SS_" + set + ") returned " + n + " (throw an ErrnoException instead)");
            throw error(dev, Errno.EINVAL, "get_sset_count(ETH_SS_" + set + ") returned " + n);
        }
        return n;
    }

    /** The count for a buffer about to be filled: 0 is a violation (WARN_ON_ONCE in Linux) and fails. */
    private int sizingCount(NetDeviceImpl dev, StringSet set, String op) throws ErrnoException {
        int n = getSsetCount(dev, set);
        if (n == 0) {
            violation(dev, "get_sset_count(ETH_SS_" + set + ") returned 0 for " + op
                    + " (a driver without this set must throw EOPNOTSUPP)");
            throw error(dev, Errno.EIO, op + ": get_sset_count(ETH_SS_" + set + ") returned 0");
        }
        return n;
    }

    /**
     * {@code ethtool_get_strings}: sizes the table with {@code get_sset_count}, then lets the
     * driver fill it. More or fewer names than the count, or a name over 32 bytes, is a violation;
     * a wrong count also fails the call.
     */
    public List<String> getStrings(NetDeviceImpl dev, StringSet set) throws ErrnoException {
        int n = sizingCount(dev, set, "get_strings");
        GStringsImpl table = new GStringsImpl(n);
        call(dev, "get_strings", o -> {
            o.getStrings(dev, set, table);
            return null;
        });
        for (String s : table.tooLong()) {
            violation(dev, "get_strings(ETH_SS_" + set + "): \"" + s + "\" is longer than ETH_GSTRING_LEN ("
                    + ETH_GSTRING_LEN + " bytes)");
        }
        checkFill(dev, "get_strings(ETH_SS_" + set + ")", "names", n, table.attempted());
        return table.strings();
    }

    /**
     * {@code ethtool_get_stats}: sizes the array with {@code get_sset_count(ETH_SS_STATS)}, then
     * lets the driver fill it. A count of 0, or more or fewer values than the count, is a
     * violation and fails the call.
     */
    public long[] getEthtoolStats(NetDeviceImpl dev) throws ErrnoException {
        int n = sizingCount(dev, StringSet.STATS, "get_ethtool_stats");
        U64DataImpl data = new U64DataImpl(n);
        call(dev, "get_ethtool_stats", o -> {
            o.getEthtoolStats(dev, data);
            return null;
        });
        checkFill(dev, "get_ethtool_stats", "values", n, data.attempted());
        return data.values();
    }

    /**
     * {@code ethtool -S}: the {@code ETH_SS_STATS} names with their values. Names and values
     * counted differently (the count changed between the two calls) is a violation and fails.
     */
    public List<EthtoolStat> stats(NetDeviceImpl dev) throws ErrnoException {
        List<String> names = getStrings(dev, StringSet.STATS);
        long[] values = getEthtoolStats(dev);
        return zip(dev, "get_ethtool_stats", names, values);
    }

    private List<EthtoolStat> zip(NetDeviceImpl dev, String op, List<String> names, long[] values) throws ErrnoException {
        if (names.size() != values.length) {
            violation(dev, op + " gave " + values.length + " values for " + names.size()
                    + " names: get_sset_count changed between get_strings and " + op);
            throw error(dev, Errno.EIO, op + ": " + values.length + " values for " + names.size() + " names");
        }
        List<EthtoolStat> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(new EthtoolStat(names.get(i), values[i]));
        }
        return out;
    }

    private void checkFill(NetDeviceImpl dev, String op, String what, int count, int written) throws ErrnoException {
        if (written == count) {
            return;
        }
        String detail = op + " wrote " + written + " " + what + " but get_sset_count announced " + count
                + (written > count ? " (the count changed between sizing and filling: out of bounds in Linux)"
                        : " (the count changed between sizing and filling)");
        violation(dev, detail);
        throw error(dev, Errno.EIO, detail);
    }

    // ---- self-test (ETHTOOL_TEST) ------------------------------------------------------------------

    /**
     * {@code ethtool_self_test}: needs a nonzero {@code get_sset_count(ETH_SS_TEST)} (0 is a
     * violation); runs {@code self_test} with the operstate "testing", then pairs the results
     * with the {@code ETH_SS_TEST} names. Only {@link TestFlag#OFFLINE} and
     * {@link TestFlag#EXTERNAL_LB} are passed in.
     */
    public SelfTestResult selfTest(NetDeviceImpl dev, Set<TestFlag> flags) throws ErrnoException {
        int n = sizingCount(dev, StringSet.TEST, "self_test");
        EnumSet<TestFlag> in = EnumSet.noneOf(TestFlag.class);
        for (TestFlag f : flags) {
            if (f == TestFlag.OFFLINE || f == TestFlag.EXTERNAL_LB) {
                in.add(f);
            }
        }
        U64DataImpl results = new U64DataImpl(n);
        Set<TestFlag> out;
        testing.add(dev);
        try {
            out = call(dev, "self_test", o -> o.selfTest(dev, Collections.unmodifiableSet(in), results));
        } finally {
            testing.remove(dev);
        }
        out = nonNull(dev, "self_test", out);
        checkFill(dev, "self_test", "results", n, results.attempted());
        return new SelfTestResult(out, zip(dev, "self_test", getStrings(dev, StringSet.TEST), results.values()));
    }

    // ---- registers (ETHTOOL_GREGS) ----------------------------------------------------------------

    /** {@code get_regs_len}; a negative answer is a violation ({@code EINVAL}). */
    public int getRegsLen(NetDeviceImpl dev) throws ErrnoException {
        rtnlLock();
        int n = call(dev, "get_regs_len", o -> o.getRegsLen(dev));
        if (n < 0) {
            violation(dev, "get_regs_len returned " + n + " (throw an ErrnoException instead)");
            throw error(dev, Errno.EINVAL, "get_regs_len returned " + n);
        }
        return n;
    }

    /** {@code ethtool -d}: the whole dump. */
    public RegDump getRegs(NetDeviceImpl dev) throws ErrnoException {
        return getRegs(dev, Integer.MAX_VALUE);
    }

    /**
     * {@code ethtool_get_regs}: allocates {@code get_regs_len} bytes for the driver and returns at
     * most {@code userLen} of them (the length clamped to the dump). A dump length of 0 returns an
     * empty dump without calling {@code get_regs}.
     */
    public RegDump getRegs(NetDeviceImpl dev, int userLen) throws ErrnoException {
        if (userLen < 0) {
            throw error(dev, Errno.EINVAL, "get_regs: length " + userLen);
        }
        int reglen = getRegsLen(dev);
        if (reglen == 0) {
            return new RegDump(0, new byte[0]);
        }
        byte[] regbuf = new byte[reglen];
        int version = call(dev, "get_regs", o -> o.getRegs(dev, regbuf));
        return new RegDump(version, Arrays.copyOf(regbuf, Math.min(userLen, reglen)));
    }

    // ---- calling the driver ------------------------------------------------------------------------

    /** One driver op; it may throw like the op. */
    @FunctionalInterface
    private interface OpCall<T> {
        T call(EthtoolOps ops) throws ErrnoException;
    }

    /** What a driver op produced: its value or its error. */
    private static final class Outcome<T> {
        T value;
        ErrnoException error;
    }

    /** {@code rtnl_lock}: may sleep, so the caller must not be atomic. */
    private void rtnlLock() {
        kernel.mightSleep();
    }

    /**
     * Calls {@code op} of {@code dev}'s driver in process context on the current CPU. A left-out
     * op becomes {@link OpNotImplementedException} (EOPNOTSUPP) with context; the driver's own
     * error gets the context prepended; anything else it throws is contained, recorded and
     * returned as {@code EIO}.
     */
    private <T> T call(NetDeviceImpl dev, String op, OpCall<T> body) throws ErrnoException {
        EthtoolOps ops = dev.ethtoolOps();
        Outcome<T> r = new Outcome<>();
        cpus.runOn(cpus.current(), ExecContext.TASK, () -> {
            try {
                r.value = body.call(ops);
            } catch (OpNotImplementedException e) {
                r.error = new OpNotImplementedException(op, where(dev) + ": " + op + " is not implemented by "
                        + driverName(dev));
            } catch (ErrnoException e) {
                r.error = new ErrnoException(e.errno(), where(dev) + ": " + op + ": " + strip(e), e);
            } catch (IndexOutOfBoundsException e) {
                violation(dev, op + " wrote outside the buffer the core allocated: " + e.getMessage());
                r.error = new ErrnoException(Errno.EIO, where(dev) + ": " + op + " wrote outside its buffer", e);
            } catch (RuntimeException e) {
                violations.warn("BUG", pdev(dev), driverName(dev), op + " of " + dev.name() + " threw " + e);
                r.error = new ErrnoException(Errno.EIO, where(dev) + ": " + op + " threw " + e, e);
            }
        });
        if (r.error != null) {
            throw r.error;
        }
        return r.value;
    }

    private static String strip(ErrnoException e) {
        String m = e.getMessage();
        String prefix = e.errno() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private <T> T nonNull(NetDeviceImpl dev, String op, T value) throws ErrnoException {
        if (value == null) {
            violation(dev, op + " returned null");
            throw error(dev, Errno.EIO, op + " returned null");
        }
        return value;
    }

    private void notify(NetDeviceImpl dev, String what) {
        notifications.add(dev.name() + " ETHTOOL_MSG_" + what + "_NTF");
    }

    private void violation(NetDeviceImpl dev, String message) {
        violations.warn(RULE, pdev(dev), driverName(dev), dev.name() + ": " + message);
    }

    private ErrnoException error(NetDeviceImpl dev, Errno errno, String message) {
        return new ErrnoException(errno, where(dev) + ": " + message);
    }

    /** {@code eth0 (benchnic 0000:00:03.0, t=0.000100000s)}: device, driver, parent and virtual time. */
    private String where(NetDeviceImpl dev) {
        long t = cpus.now();
        return String.format("%s (%s %s, t=%d.%09ds)", dev.name(), driverName(dev),
                pdev(dev) == null ? "-" : pdev(dev), t / 1_000_000_000L, t % 1_000_000_000L);
    }

    private static String pdev(NetDeviceImpl dev) {
        return dev.parentName();
    }

    private static String driverName(NetDeviceImpl dev) {
        PciFunction p = dev.parent();
        return p == null || p.driver() == null ? "-" : p.driver().name();
    }
}
