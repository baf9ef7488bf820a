package io.jnetdev.runtime.ethtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.RegDump;
import io.jnetdev.api.ethtool.StringSet;
import io.jnetdev.api.ethtool.TestFlag;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.testing.NetBench;
import io.jnetdev.runtime.testing.TestEthtoolOps;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The oracle over what drivers hand back: string-set counts, names and values, self-test results
 * and register dumps. A correct driver records nothing; each deliberately broken op is recorded
 * under {@code ETHTOOL} with device, driver and time, and the call fails cleanly with EIO.
 */
class EthtoolOracleTest {
    private static final long SEED = 31337;

    private NetBench bench;
    private TestEthtoolOps ops;
    private EthtoolCore core;

    @BeforeEach
    void setUp() {
        bench = NetBench.create(SEED);
        ops = new TestEthtoolOps();
        bench.dev.setEthtoolOps(ops);
        core = bench.machine.ethtool();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ErrnoException;
    }

    private ErrnoException failure(ThrowingCall call) {
        ErrnoException e = catchThrowableOfType(ErrnoException.class, call::run);
        assertThat(e).as("seed %d: the call must fail with an ErrnoException", SEED).isNotNull();
        return e;
    }

    private Violation onlyViolation() {
        List<Violation> all = bench.machine.violations().all();
        assertThat(all).as("seed %d: exactly one violation", SEED).hasSize(1);
        Violation v = all.getFirst();
        assertThat(v.rule()).isEqualTo(EthtoolCore.RULE);
        assertThat(v.device()).isEqualTo(NetBench.PCI_DEV);
        assertThat(v.driver()).isEqualTo("benchnic");
        return v;
    }

    // ---- a correct driver ---------------------------------------------------------------------

    @Test
    void aCorrectDriverRecordsNothing() throws ErrnoException {
        bench.up();
        List<EthtoolStat> stats = core.stats(bench.devImpl());
        SelfTestResult offline = core.selfTest(bench.devImpl(), Set.of(TestFlag.OFFLINE));
        SelfTestResult online = core.selfTest(bench.devImpl(), Set.of());
        RegDump regs = core.getRegs(bench.devImpl());
        core.getDrvinfo(bench.devImpl());
        core.getLinkKsettings(bench.devImpl());
        core.getLink(bench.devImpl());
        core.nwayReset(bench.devImpl());
        core.setCoalesce(bench.devImpl(), core.getCoalesce(bench.devImpl()));
        core.setChannels(bench.devImpl(), core.getChannels(bench.devImpl()).withCounts(0, 0, 1, 3));

        assertThat(stats).extracting(EthtoolStat::name).containsExactlyElementsOf(ops.statNames);
        assertThat(stats).extracting(EthtoolStat::value).containsExactly(7L, 3L, 1000L);
        assertThat(offline.passed()).isTrue();
        assertThat(offline.results()).extracting(EthtoolStat::name).containsExactlyElementsOf(ops.testNames);
        assertThat(ops.lastTestFlags).isEqualTo(Set.of());
        assertThat(online.flags()).doesNotContain(TestFlag.OFFLINE);
        assertThat(regs.version()).isEqualTo(ops.regsVersion);
        assertThat(regs.data()).isEqualTo(ops.regs);
        assertThat(bench.machine.violations().all()).as("seed %d", SEED).isEmpty();
    }

    // ---- string-set counts ----------------------------------------------------------------------

    @Test
    void aStatsCountOfZeroIsAViolationAndTheFillIsNeverCalled() {
        ops.breakSsetCount = 0;

        ErrnoException e = failure(() -> core.getEthtoolStats(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("get_sset_count(ETH_SS_STATS) returned 0");
        assertThat(ops.wasCalled("get_ethtool_stats")).isFalse();
    }

    @Test
    void statsWrittenPastTheCountAreAViolationAndNothingIsWrittenOutOfBounds() {
        ops.breakStatsFill = 2; // the count grew between sizing and filling

        ErrnoException e = failure(() -> core.getEthtoolStats(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("wrote 5 values but get_sset_count announced 3")
                .contains("out of bounds");
    }

    @Test
    void fewerStatsThanTheCountAreAViolation() {
        ops.breakStatsFill = -1;

        ErrnoException e = failure(() -> core.getEthtoolStats(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("wrote 2 values but get_sset_count announced 3");
    }

    @Test
    void aCountChangingBetweenStringsAndStatsIsAViolation() {
        // A channel change between the two ioctls adds a per-queue counter.
        ops.afterGetStrings = () -> {
            ops.statNames.add("rx_queue_4_packets");
            ops.statValues = Arrays.copyOf(ops.statValues, 4);
        };

        ErrnoException e = failure(() -> core.stats(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("4 values for 3 names");
    }

    @Test
    void aNegativeCountIsAViolation() {
        ops.breakSsetCount = -95;

        ErrnoException e = failure(() -> core.getSsetCount(bench.devImpl(), StringSet.STATS));

        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(onlyViolation().message()).contains("returned -95");
    }

    // ---- strings --------------------------------------------------------------------------------

    @Test
    void aNameLongerThanEthGstringLenIsAViolationAndIsCut() throws ErrnoException {
        String exact = "rx_queue_0_alloc_failed_restarts"; // 32 bytes: fits
        String tooLong = "rx_queue_0_alloc_failed_restarts!"; // 33 bytes
        assertThat(exact).hasSize(EthtoolCore.ETH_GSTRING_LEN);
        ops.statNames.set(0, exact);
        ops.statNames.set(1, tooLong);

        List<String> names = core.getStrings(bench.devImpl(), StringSet.STATS);

        assertThat(names).containsExactly(exact, exact, "rx_csum_offload_good");
        assertThat(onlyViolation().message()).contains(tooLong).contains("longer than ETH_GSTRING_LEN");
    }

    @Test
    void moreNamesThanTheCountAreAViolation() {
        ops.breakStringsFill = 1;

        ErrnoException e = failure(() -> core.getStrings(bench.devImpl(), StringSet.TEST));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("get_strings(ETH_SS_TEST) wrote 4 names but get_sset_count announced 3");
    }

    // ---- self-test ------------------------------------------------------------------------------

    @Test
    void selfTestNeedsANonzeroTestCount() {
        ops.breakSsetCount = 0;

        ErrnoException e = failure(() -> core.selfTest(bench.devImpl(), Set.of(TestFlag.OFFLINE)));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("get_sset_count(ETH_SS_TEST) returned 0");
        assertThat(ops.wasCalled("self_test")).isFalse();
    }

    @Test
    void aFailingTestIsReportedWithItsNameAndTheDeviceIsTestingMeanwhile() throws ErrnoException {
        ops.testResults = new long[] {0, 1, 0};
        boolean[] testingDuringRun = new boolean[1];
        ops.duringSelfTest = () -> testingDuringRun[0] = core.testing(bench.devImpl());

        SelfTestResult r = core.selfTest(bench.devImpl(), EnumSet.of(TestFlag.OFFLINE, TestFlag.FAILED));

        assertThat(ops.lastTestFlags).as("only input flags are passed in").containsExactly(TestFlag.OFFLINE);
        assertThat(r.passed()).as("seed %d", SEED).isFalse();
        assertThat(r.results()).containsExactly(new EthtoolStat("Register test  (offline)", 0),
                new EthtoolStat("Interrupt test (offline)", 1), new EthtoolStat("Link test   (on/offline)", 0));
        assertThat(testingDuringRun[0]).isTrue();
        assertThat(core.testing(bench.devImpl())).isFalse();
        assertThat(bench.machine.violations().all()).as("a failing test is no contract violation").isEmpty();
    }

    @Test
    void moreResultsThanTestsAreAViolation() {
        ops.breakTestFill = 1;

        ErrnoException e = failure(() -> core.selfTest(bench.devImpl(), Set.of()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("self_test wrote 4 results but get_sset_count announced 3");
        assertThat(core.testing(bench.devImpl())).isFalse();
    }

    // ---- registers ------------------------------------------------------------------------------

    @Test
    void theRegisterBufferHasGetRegsLenBytesAndTheUserLengthIsClamped() throws ErrnoException {
        RegDump shortDump = core.getRegs(bench.devImpl(), 16);
        assertThat(ops.lastRegsBufferLength).as("the driver always gets get_regs_len bytes").isEqualTo(64);
        assertThat(shortDump.data()).isEqualTo(Arrays.copyOf(ops.regs, 16));

        RegDump clamped = core.getRegs(bench.devImpl(), 1000);
        assertThat(clamped.length()).isEqualTo(64);
        assertThat(clamped.version()).isEqualTo(0x1234);
        assertThat(bench.machine.violations().all()).isEmpty();
    }

    @Test
    void aZeroLengthDumpNeverCallsGetRegs() throws ErrnoException {
        ops.regs = new byte[0];

        RegDump dump = core.getRegs(bench.devImpl());

        assertThat(dump.length()).isZero();
        assertThat(ops.wasCalled("get_regs")).isFalse();
    }

    @Test
    void writingPastTheRegisterBufferIsAViolation() {
        ops.breakRegsOverrun = 4;

        ErrnoException e = failure(() -> core.getRegs(bench.devImpl()));

        assertThat(e.errno()).isEqualTo(Errno.EIO);
        assertThat(onlyViolation().message()).contains("get_regs wrote outside the buffer");
    }
}
