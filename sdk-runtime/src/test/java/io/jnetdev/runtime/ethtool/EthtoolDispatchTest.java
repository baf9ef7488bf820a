package io.jnetdev.runtime.ethtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Channels;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.Drvinfo;
import io.jnetdev.api.ethtool.Duplex;
import io.jnetdev.api.ethtool.EthtoolOps;
import io.jnetdev.api.ethtool.OpNotImplementedException;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.api.ethtool.StringSet;
import io.jnetdev.api.ethtool.TestFlag;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.testing.NetBench;
import io.jnetdev.runtime.testing.TestEthtoolOps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch: a left-out op answers EOPNOTSUPP (and nothing is recorded against the driver),
 * {@code get_drvinfo} falls back on the parent device, {@code get_link} is asked only while up,
 * the driver's own errors come back with context, and every op runs in process context.
 */
class EthtoolDispatchTest {
    private static final long SEED = 77;

    private NetBench bench;
    private EthtoolCore core;

    @BeforeEach
    void setUp() {
        bench = NetBench.create(SEED);
        core = bench.machine.ethtool();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ErrnoException;
    }

    private static ErrnoException failure(ThrowingCall call) {
        ErrnoException e = catchThrowableOfType(ErrnoException.class, call::run);
        assertThat(e).as("seed %d: the call must fail with an ErrnoException", SEED).isNotNull();
        return e;
    }

    @Test
    void everyOpLeftOutAnswersEopnotsuppNamingTheOpAndTheDriver() {
        NetDeviceImpl dev = bench.devImpl();
        bench.dev.setEthtoolOps(null); // no ethtool_ops at all: default_ethtool_ops
        Map<String, ThrowingCall> ops = new LinkedHashMap<>();
        ops.put("get_link_ksettings", () -> core.getLinkKsettings(dev));
        ops.put("set_link_ksettings", () -> core.setLinkKsettings(dev, new TestEthtoolOps().link));
        ops.put("nway_reset", () -> core.nwayReset(dev));
        ops.put("get_ringparam", () -> core.getRingparam(dev));
        ops.put("get_ringparam ", () -> core.setRingparam(dev, RingParam.of(1, 1, 1, 1)));
        ops.put("get_coalesce", () -> core.getCoalesce(dev));
        ops.put("get_coalesce ", () -> core.setCoalesce(dev, Coalesce.ZERO));
        ops.put("get_channels", () -> core.getChannels(dev));
        ops.put("get_channels ", () -> core.setChannels(dev, new Channels(0, 0, 0, 1, 0, 0, 0, 1)));
        ops.put("get_sset_count", () -> core.getStrings(dev, StringSet.STATS));
        ops.put("get_sset_count ", () -> core.stats(dev));
        ops.put("get_sset_count  ", () -> core.selfTest(dev, Set.of(TestFlag.OFFLINE)));
        ops.put("get_regs_len", () -> core.getRegs(dev));

        ops.forEach((op, call) -> {
            ErrnoException e = failure(call);
            assertThat(e).as("seed %d: %s", SEED, op).isInstanceOf(OpNotImplementedException.class);
            assertThat(e.errno()).isEqualTo(Errno.EOPNOTSUPP);
            assertThat(e.getMessage()).contains("eth0").contains("benchnic").contains(op.strip() + " is not implemented");
        });
        assertThat(bench.dev.ethtoolOps()).isSameAs(EthtoolOps.NONE);
        assertThat(bench.machine.violations().all()).as("a left-out op is no violation").isEmpty();
    }

    @Test
    void aSetOpLeftOutIsNotSupportedEvenWhenItsGetExists() {
        bench.dev.setEthtoolOps(new EthtoolOps() {
            @Override
            public RingParam getRingparam(NetDevice dev) {
                return RingParam.of(512, 512, 256, 256);
            }
        });

        ErrnoException e = failure(() -> core.setRingparam(bench.devImpl(), RingParam.of(512, 512, 128, 128)));

        assertThat(e).isInstanceOf(OpNotImplementedException.class);
        assertThat(((OpNotImplementedException) e).op()).isEqualTo("set_ringparam");
    }

    @Test
    void drvinfoWithoutTheOpComesFromTheParentDevice() throws ErrnoException {
        bench.dev.setEthtoolOps(EthtoolOps.NONE);

        DrvinfoReply r = core.getDrvinfo(bench.devImpl());

        assertThat(r.info()).as("seed %d", SEED).isEqualTo(new Drvinfo("benchnic", EthtoolCore.UTS_RELEASE, "", NetBench.PCI_DEV));
        assertThat(r.nStats()).isZero();
        assertThat(r.testinfoLen()).isZero();
        assertThat(r.regdumpLen()).isZero();
    }

    @Test
    void drvinfoFieldsTheDriverLeavesEmptyAreFilledAndItsOwnAreKept() throws ErrnoException {
        TestEthtoolOps ops = new TestEthtoolOps();
        bench.dev.setEthtoolOps(ops);

        DrvinfoReply r = core.getDrvinfo(bench.devImpl());
        assertThat(r.info()).isEqualTo(new Drvinfo("benchnic", EthtoolCore.UTS_RELEASE, "1.2-3", NetBench.PCI_DEV));
        assertThat(r.nStats()).isEqualTo(ops.statNames.size());
        assertThat(r.testinfoLen()).isEqualTo(ops.testNames.size());
        assertThat(r.regdumpLen()).isEqualTo(ops.regs.length);

        ops.drvinfo = new Drvinfo("benchnic-ng", "2.0", "fw-with-a-very-long-version-string-x", "virtual-bus");
        Drvinfo own = core.getDrvinfo(bench.devImpl()).info();
        assertThat(own.driver()).isEqualTo("benchnic-ng");
        assertThat(own.version()).isEqualTo("2.0");
        assertThat(own.busInfo()).isEqualTo("virtual-bus");
        assertThat(own.fwVersion()).as("cut to 31 characters, as strscpy into char[32]")
                .hasSize(31).isEqualTo("fw-with-a-very-long-version-str");
    }

    @Test
    void getLinkIsAskedOnlyWhileTheInterfaceIsUp() throws ErrnoException {
        TestEthtoolOps ops = new TestEthtoolOps();
        bench.dev.setEthtoolOps(ops);

        assertThat(core.getLink(bench.devImpl())).as("seed %d: down means no link", SEED).isFalse();
        assertThat(ops.wasCalled("get_link")).isFalse();

        bench.up();
        assertThat(core.getLink(bench.devImpl())).isTrue();
        assertThat(ops.calls).containsExactly("get_link");

        bench.dev.carrierOff();
        assertThat(core.getLink(bench.devImpl())).isFalse();
    }

    @Test
    void withoutEthtoolOpsTheLinkIsTheCarrierState() throws ErrnoException {
        bench.up();
        assertThat(core.getLink(bench.devImpl())).isTrue();
        bench.dev.carrierOff();
        assertThat(core.getLink(bench.devImpl())).isFalse();
    }

    @Test
    void theDriversOwnErrorComesBackWithContext() {
        TestEthtoolOps ops = new TestEthtoolOps();
        ops.link = ops.link.with(100, Duplex.FULL, false);
        bench.dev.setEthtoolOps(ops);

        ErrnoException e = failure(() -> core.nwayReset(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.getMessage()).startsWith("EINVAL: eth0 (benchnic 0000:00:03.0, t=")
                .contains("nway_reset: auto-negotiation is off");
        assertThat(bench.machine.violations().all()).isEmpty();
    }

    @Test
    void aRuntimeExceptionFromAnOpIsContainedAndRecorded() {
        bench.dev.setEthtoolOps(new EthtoolOps() {
            @Override
            public Channels getChannels(NetDevice dev) {
                throw new IllegalStateException("queue table not allocated");
            }
        });

        ErrnoException e = failure(() -> core.getChannels(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(bench.machine.violations().ofRule("BUG")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("get_channels").contains("queue table not allocated"))
                .satisfies(v -> assertThat(v.driver()).isEqualTo("benchnic"));
    }

    @Test
    void opsRunInProcessContextAndMaySleep() throws ErrnoException {
        TestEthtoolOps ops = new TestEthtoolOps();
        bench.dev.setEthtoolOps(ops);
        long before = bench.machine.engine().now();

        core.getDrvinfo(bench.devImpl());
        core.setRingparam(bench.devImpl(), ops.ring.withPending(1024, 0, 0, 1024));
        core.stats(bench.devImpl());
        SelfTestResult r = core.selfTest(bench.devImpl(), Set.of(TestFlag.OFFLINE));

        assertThat(r.passed()).isTrue();
        assertThat(ops.calls).contains("get_drvinfo", "set_ringparam", "get_ethtool_stats", "self_test");
        assertThat(ops.atomicCalls).as("seed %d: ops called in atomic context", SEED).isEmpty();
        assertThat(bench.machine.engine().now() - before).as("the offline test slept")
                .isGreaterThanOrEqualTo(ops.offlineTestMillis * 1_000_000L);
        assertThat(bench.machine.violations().all()).isEmpty();
    }

    @Test
    void callingTheCoreFromAtomicContextIsCaughtAsSleepingInAtomic() {
        bench.dev.setEthtoolOps(new TestEthtoolOps());
        Cpus cpus = bench.machine.cpus();

        cpus.runOn(cpus.get(0), ExecContext.SOFTIRQ, () -> {
            try {
                core.getRingparam(bench.devImpl());
            } catch (ErrnoException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(bench.machine.violations().ofRule("R21")).as("seed %d: rtnl_lock from softirq", SEED).hasSize(1);
    }

    @Test
    void anUnknownInterfaceIsNoSuchDevice() {
        ErrnoException e = failure(() -> core.device("eth9"));
        assertThat(e.errno()).isEqualTo(Errno.ENODEV);
        assertThat(e.getMessage()).contains("eth9");
    }
}
