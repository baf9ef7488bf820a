package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.DeviceTimer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ITR and EITR throttling measured in virtual time (A.12: 256 ns units, 0 = off), under a flood of
 * causes arriving at seeded random instants; each interrupt is "handled" by the test reading ICR
 * (INTx, MSI) or by the EIAC auto-clear (MSI-X), so every cause after it is a new edge.
 */
class E1000eThrottleTest {
    private static final long SEED = 42;
    private final Bench b = new Bench();
    private final Random random = new Random(SEED);

    /** Raises {@code cause} through ICS at random instants 0..{@code maxGap} ns apart for {@code nanos}. */
    private int flood(int cause, long maxGap, long nanos) {
        int[] raised = {0};
        DeviceTimer[] t = new DeviceTimer[1];
        long end = b.ctx.nowNanos() + nanos;
        t[0] = b.ctx.newTimer("flood", () -> {
            b.w(ICS, cause);
            raised[0]++;
            if (b.ctx.nowNanos() < end) {
                t[0].schedule(1 + (long) (random.nextDouble() * maxGap));
            }
        });
        t[0].schedule(0);
        b.ctx.runUntil(end + 1_000_000);
        return raised[0];
    }

    private static void assertSpacing(List<Long> times, long minGap, String what) {
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1))
                    .as("seed %d: %s: interrupts %d and %d at %d and %d ns", SEED, what, i - 1, i, times.get(i - 1), times.get(i))
                    .isGreaterThanOrEqualTo(minGap);
        }
    }

    @Test
    void msiInterruptsRespectItrUnderAFlood() {
        int itr = 100; // 25.6 µs
        b.ctx.msi = true;
        b.ctx.onIrq = () -> b.r(ICR);
        b.w(ITR, itr);
        b.w(IMS, ICR_RXT0);
        int causes = flood(ICR_RXT0, 2_000, 2_000_000);
        List<Long> times = b.ctx.times(-1);
        assertSpacing(times, itr * ITR_UNIT_NANOS, "A.12 ITR spacing (MSI)");
        assertThat(causes).as("seed %d: the flood outnumbers what ITR allows", SEED).isGreaterThan(times.size() * 5);
        assertThat((long) times.size()).as("seed %d: throttled, not starved: about 2 ms / 25.6 µs messages", SEED)
                .isBetween(2_000_000 / (itr * ITR_UNIT_NANOS) - 2, 2_000_000 / (itr * ITR_UNIT_NANOS) + 2);
    }

    @Test
    void intxAssertionsRespectItr() {
        int itr = 40;
        b.ctx.onIrq = () -> b.r(ICR);
        b.w(ITR, itr);
        b.w(IMS, ICR_RXT0);
        flood(ICR_RXT0, 1_000, 1_000_000);
        List<Long> asserts = b.ctx.times(-2);
        assertSpacing(asserts, itr * ITR_UNIT_NANOS, "A.12 ITR spacing (INTx assertions)");
        assertThat(asserts.size()).as("seed %d", SEED).isGreaterThan(50);
    }

    @Test
    void itrZeroGivesOneInterruptPerCauseEdge() {
        b.ctx.msi = true;
        b.ctx.onIrq = () -> b.r(ICR);
        b.w(ITR, 0);
        b.w(IMS, ICR_RXT0);
        int causes = flood(ICR_RXT0, 3_000, 500_000);
        assertThat(b.ctx.count(-1)).as("seed %d: A.12 ITR 0 = no throttling", SEED).isEqualTo(causes);
    }

    @Test
    void aCauseInsideTheIntervalIsSignalledAtItsEnd() {
        b.ctx.msi = true;
        b.ctx.onIrq = () -> b.r(ICR);
        b.w(ITR, 1000); // 256 µs
        b.w(IMS, ICR_RXT0);
        b.w(ICS, ICR_RXT0);
        b.ctx.run(10_000);
        b.w(ICS, ICR_RXT0);
        b.ctx.run(1_000_000);
        assertThat(b.ctx.times(-1)).as("the second cause waits for the end of the 256 µs interval")
                .containsExactly(0L, 256_000L);
    }

    @Test
    void noFloorOf500UnitsSmallItrValuesAreHonoured() {
        b.ctx.msi = true;
        b.ctx.onIrq = () -> b.r(ICR);
        b.w(ITR, 10); // 2.56 µs, far below QEMU's 500-unit guard
        b.w(IMS, ICR_RXT0);
        b.w(ICS, ICR_RXT0);
        b.ctx.run(100);
        b.w(ICS, ICR_RXT0);
        b.ctx.run(100_000);
        assertThat(b.ctx.times(-1)).containsExactly(0L, 2_560L);
        assertThat(b.r(ITR)).as("A.12 reads return the written value").isEqualTo(10);
    }

    @Test
    void eitrThrottlesEachMsixVectorOnItsOwn() {
        b.ctx.msix = true;
        b.w(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        b.w(CTRL_EXT, CTRL_EXT_IAME); // keep IMS through the auto-clear so every cause is a new edge
        b.w(EIAC_82574, ICR_RXQ0 | ICR_TXQ0);
        b.w(eitr(0), 50);
        b.w(eitr(1), 200);
        b.w(ITR, 1); // ITR does not apply to MSI-X vectors
        b.w(IMS, ICR_RXQ0 | ICR_TXQ0);
        DeviceTimer[] t = new DeviceTimer[1];
        long end = 1_000_000;
        t[0] = b.ctx.newTimer("flood", () -> {
            b.w(ICS, random.nextBoolean() ? ICR_RXQ0 : ICR_TXQ0);
            if (b.ctx.nowNanos() < end) {
                t[0].schedule(1 + random.nextInt(500));
            }
        });
        t[0].schedule(0);
        b.ctx.runUntil(end + 200_000);
        assertSpacing(b.ctx.times(0), 50 * ITR_UNIT_NANOS, "A.12 EITR(0)");
        assertSpacing(b.ctx.times(1), 200 * ITR_UNIT_NANOS, "A.12 EITR(1)");
        assertThat(b.ctx.count(0)).as("seed %d: vector 0 at its own, faster rate", SEED)
                .isGreaterThan(3 * b.ctx.count(1));
        assertThat(b.ctx.count(1)).as("seed %d: about 1 ms / 51.2 µs", SEED).isBetween(18L, 22L);
    }

    @Test
    void eitrZeroIsUnthrottled() {
        b.ctx.msix = true;
        b.w(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        b.w(EIAC_82574, ICR_RXQ0);
        b.w(CTRL_EXT, CTRL_EXT_IAME);
        b.w(IMS, ICR_RXQ0);
        for (int i = 0; i < 10; i++) {
            b.w(ICS, ICR_RXQ0);
        }
        assertThat(b.ctx.count(0)).as("A.12 EITR 0 disables throttling").isEqualTo(10);
    }
}
