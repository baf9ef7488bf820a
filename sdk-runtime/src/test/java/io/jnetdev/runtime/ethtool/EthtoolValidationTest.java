package io.jnetdev.runtime.ethtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.ethtool.Channels;
import io.jnetdev.api.ethtool.Coalesce;
import io.jnetdev.api.ethtool.CoalesceParam;
import io.jnetdev.api.ethtool.RingParam;
import io.jnetdev.runtime.testing.NetBench;
import io.jnetdev.runtime.testing.TestEthtoolOps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks {@code net/ethtool/ioctl.c} makes before a set request reaches the driver: ring
 * sizes against the maxima of {@code get_ringparam}, channel counts against
 * {@code get_channels} plus "at least one rx and one tx", coalescing changes against
 * {@code supported_coalesce_params}; and that a valid request does reach it, unchanged.
 */
class EthtoolValidationTest {
    private static final long SEED = 4242;

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

    private ErrnoException failure(ThrowingCall call) {
        ErrnoException e = catchThrowableOfType(ErrnoException.class, call::run);
        assertThat(e).as("seed %d: the call must fail with an ErrnoException", SEED).isNotNull();
        return e;
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws ErrnoException;
    }

    // ---- rings --------------------------------------------------------------------------------

    @Test
    void ringSizesWithinTheMaximaReachTheDriverWithItsOwnMaxima() throws ErrnoException {
        // The request carries nonsense maxima; the driver must see the ones it reported.
        core.setRingparam(bench.devImpl(), new RingParam(1, 1, 1, 1, 4096, 0, 0, 512));

        assertThat(ops.calls).as("seed %d: get first for the maxima, then set", SEED)
                .containsExactly("get_ringparam", "set_ringparam");
        assertThat(ops.lastRingSet).isEqualTo(RingParam.of(4096, 4096, 4096, 512));
        assertThat(core.getRingparam(bench.devImpl()).rxPending()).isEqualTo(4096);
        assertThat(core.notifications()).containsExactly("eth0 ETHTOOL_MSG_RINGS_NTF");
        assertThat(ops.atomicCalls).isEmpty();
        assertThat(bench.machine.violations().all()).isEmpty();
    }

    @Test
    void aRingSizeAboveItsMaximumIsRefusedBeforeTheDriverSeesIt() {
        ErrnoException e = failure(() -> core.setRingparam(bench.devImpl(), ops.ring.withPending(4097, 0, 0, 256)));

        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.getMessage()).contains("eth0").contains("benchnic").contains("0000:00:03.0")
                .contains("rx 4097 exceeds the maximum 4096");
        assertThat(ops.wasCalled("set_ringparam")).as("seed %d", SEED).isFalse();
        assertThat(ops.ring.rxPending()).isEqualTo(256);
        assertThat(core.notifications()).isEmpty();
    }

    @Test
    void aRingTheDeviceDoesNotHaveHasMaximumZeroAndRefusesAnySize() {
        ErrnoException e = failure(() -> core.setRingparam(bench.devImpl(), ops.ring.withPending(256, 1, 0, 256)));
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.getMessage()).contains("rx-mini 1 exceeds the maximum 0");
        // exactly at the maximum is fine
        ops.calls.clear();
        assertThat(catchThrowableOfType(ErrnoException.class,
                () -> core.setRingparam(bench.devImpl(), ops.ring.withPending(4096, 0, 0, 4096)))).isNull();
        assertThat(ops.calls).contains("set_ringparam");
    }

    // ---- channels -----------------------------------------------------------------------------

    @Test
    void unchangedChannelCountsNeverReachTheDriver() throws ErrnoException {
        core.setChannels(bench.devImpl(), ops.channels);

        assertThat(ops.calls).as("seed %d: only the get", SEED).containsExactly("get_channels");
        assertThat(core.notifications()).isEmpty();
    }

    @Test
    void channelCountsWithinTheMaximaReachTheDriver() throws ErrnoException {
        core.setChannels(bench.devImpl(), ops.channels.withCounts(0, 0, 1, 4));

        assertThat(ops.calls).containsExactly("get_channels", "set_channels");
        assertThat(ops.lastChannelsSet.combinedCount()).isEqualTo(4);
        assertThat(ops.lastChannelsSet.maxCombined()).isEqualTo(4);
        assertThat(core.notifications()).containsExactly("eth0 ETHTOOL_MSG_CHANNELS_NTF");
    }

    @Test
    void aChannelCountAboveItsMaximumIsRefused() {
        ErrnoException e = failure(() -> core.setChannels(bench.devImpl(), ops.channels.withCounts(0, 0, 1, 5)));
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e.getMessage()).contains("combined 5 exceeds the maximum 4");

        ErrnoException rx = failure(() -> core.setChannels(bench.devImpl(), ops.channels.withCounts(1, 1, 1, 2)));
        assertThat(rx.getMessage()).as("this device has no rx-only channels").contains("rx 1 exceeds the maximum 0");
        assertThat(ops.wasCalled("set_channels")).as("seed %d", SEED).isFalse();
    }

    @Test
    void atLeastOneReceiveAndOneTransmitChannelAreRequired() throws ErrnoException {
        ops.channels = new Channels(2, 2, 1, 4, 0, 0, 1, 2);

        for (int[] bad : new int[][] {{0, 0}, {1, 0}, {0, 1}}) {
            ErrnoException e = failure(() -> core.setChannels(bench.devImpl(), ops.channels.withCounts(bad[0], bad[1], 1, 0)));
            assertThat(e.errno()).as("rx %d tx %d combined 0", bad[0], bad[1]).isEqualTo(Errno.EINVAL);
            assertThat(e.getMessage()).contains("at least one receive and one transmit channel");
        }
        assertThat(ops.wasCalled("set_channels")).isFalse();

        core.setChannels(bench.devImpl(), ops.channels.withCounts(1, 1, 1, 0));
        assertThat(ops.lastChannelsSet).as("separate rx and tx channels are enough")
                .isEqualTo(new Channels(2, 2, 1, 4, 1, 1, 1, 0));
    }

    // ---- coalescing ---------------------------------------------------------------------------

    @Test
    void changingADeclaredCoalescingParameterReachesTheDriver() throws ErrnoException {
        Coalesce wanted = ops.coalesce.with(CoalesceParam.RX_USECS, 50).with(CoalesceParam.USE_ADAPTIVE_RX, 1);

        core.setCoalesce(bench.devImpl(), wanted);

        assertThat(ops.calls).containsExactly("get_coalesce", "set_coalesce");
        assertThat(ops.coalesce).isEqualTo(wanted);
        assertThat(ops.coalesce.useAdaptiveRxCoalesce()).isTrue();
        assertThat(core.notifications()).containsExactly("eth0 ETHTOOL_MSG_COALESCE_NTF");
    }

    @Test
    void changingAnUndeclaredCoalescingParameterIsNotSupported() {
        Coalesce before = ops.coalesce;
        ErrnoException e = failure(() -> core.setCoalesce(bench.devImpl(),
                ops.coalesce.with(CoalesceParam.RX_USECS, 50).with(CoalesceParam.RX_USECS_IRQ, 5)));

        assertThat(e.errno()).as("seed %d", SEED).isEqualTo(Errno.EOPNOTSUPP);
        assertThat(e.getMessage()).contains("does not support changing [RX_USECS_IRQ]");
        assertThat(ops.wasCalled("set_coalesce")).isFalse();
        assertThat(ops.coalesce).isEqualTo(before);
    }

    @Test
    void anUndeclaredParameterLeftAsTheDriverReportsItIsNoChange() throws ErrnoException {
        // The driver reports a nonzero value it does not let the user change; carrying it along unchanged is fine.
        ops.coalesce = ops.coalesce.with(CoalesceParam.STATS_BLOCK_USECS, 1000);

        core.setCoalesce(bench.devImpl(), ops.coalesce.with(CoalesceParam.TX_USECS, 20));

        assertThat(ops.coalesce.txCoalesceUsecs()).isEqualTo(20);
        assertThat(ops.coalesce.statsBlockCoalesceUsecs()).isEqualTo(1000);
    }
}
