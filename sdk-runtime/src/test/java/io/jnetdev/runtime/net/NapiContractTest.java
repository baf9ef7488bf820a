package io.jnetdev.runtime.net;

import static io.jnetdev.runtime.testing.OracleAssertions.advance;
import static io.jnetdev.runtime.testing.OracleAssertions.assertClean;
import static io.jnetdev.runtime.testing.OracleAssertions.assertOnly;
import static io.jnetdev.runtime.testing.OracleAssertions.assertOnlyRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.testing.NetBench;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The NAPI contract (contract-rules.md section 1), one test per rule, in the Reactive Streams TCK
 * style: the bench's correct driver trips nothing, and a deliberately broken variant trips exactly
 * the WARN the oracle owes it — with rule id, PCI device, driver, virtual time and a dmesg line.
 */
class NapiContractTest {
    private static final String DEV = NetBench.PCI_DEV;
    private static final String DRV = "benchnic";
    private static final long MS = 1_000_000L;

    /** A bench whose driver is probed 1 ms after boot, so every check happens at a non-zero time. */
    private static NetBench bench(long seed) {
        return NetBench.create(MachineConfig.builder().seed(seed), 64, MS);
    }

    /** Installs {@code poll} behind a counter of its invocations. */
    private static long[] counted(NetBench b, NapiPoll poll) {
        long[] polls = new long[1];
        b.poll = (n, budget) -> {
            polls[0]++;
            return poll.poll(n, budget);
        };
        return polls;
    }

    /** Receives up to {@code limit} frames from the bench's ring into the stack; returns how many. */
    private static int receiveUpTo(NetBench b, int limit) {
        int work = 0;
        while (work < limit && !b.rxRing.isEmpty()) {
            Skb skb = b.toSkb(b.rxRing.pollFirst());
            if (skb != null) {
                b.dev.receiveSkb(skb);
            }
            work++;
        }
        return work;
    }

    private static NapiImpl impl(NetBench b) {
        return (NapiImpl) b.napi;
    }

    // ---- lifecycle and control API ----------------------------------------------------------

    // R1 — created disabled: no poll before napi_enable ([NAPI-DOC] "Control API"; [DEV-C] netif_napi_add_weight_locked)
    @Test
    void r1_noPollBeforeEnable() {
        long seed = 1001;
        NetBench b = bench(seed);
        long[] polls = counted(b, b::goodPoll);
        long t0 = advance(b.machine, MS);

        assertThat(b.napi.schedulePrep()).as("seed %d: napi_schedule_prep on a never-enabled instance", seed).isFalse();
        b.receive(5, 64);
        b.machine.settle();
        assertThat(b.machine.net().netpollPoll(b.napi)).as("seed %d: netpoll of a disabled instance", seed).isZero();
        assertThat(polls[0]).as("seed %d: polls before napi_enable", seed).isZero();
        assertThat(b.rxRing).as("seed %d: frames stay in the ring", seed).hasSize(5);
        assertThat(b.interrupts).as("seed %d", seed).isEqualTo(1);
        assertClean(b.machine, "interrupt before ndo_open");

        // Broken: the driver forces __napi_schedule without a successful prep.
        b.napi.scheduleNow();
        b.machine.run(MS);
        assertThat(polls[0]).as("seed %d: the core still never polls a disabled instance", seed).isZero();
        assertOnly(b.machine, "R15", DEV, DRV, t0);
    }

    // R2 — disabled means no poll ([NAPI-DOC] "Control API"; [DEV-C] napi_schedule_prep)
    @Test
    void r2_noPollWhileDisabled() {
        long seed = 1002;
        NetBench b = bench(seed).up();
        long[] polls = counted(b, b::goodPoll);
        b.receive(10, 64);
        b.machine.settle();
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(10);
        long before = polls[0];
        b.down();
        long t0 = advance(b.machine, MS);

        b.receive(5, 64);
        b.machine.run(MS);
        assertThat(b.napi.schedulePrep()).as("seed %d: prep after napi_disable", seed).isFalse();
        assertThat(b.machine.net().netpollPoll(b.napi)).as("seed %d", seed).isZero();
        assertThat(polls[0]).as("seed %d: polls after napi_disable", seed).isEqualTo(before);
        assertThat(b.rxRing).as("seed %d", seed).hasSize(5);
        assertClean(b.machine, "interrupts after ndo_stop");

        b.napi.scheduleNow(); // broken: schedules a disabled instance
        b.machine.run(MS);
        assertThat(polls[0]).as("seed %d", seed).isEqualTo(before);
        assertOnly(b.machine, "R15", DEV, DRV, t0);
    }

    // R2 — a pending disable refuses napi_schedule_prep (without MISSED) and no poll follows it ([DEV-C] napi_schedule_prep, napi_disable_locked)
    @Test
    void r2_pendingDisableRefusesPrepAndEndsPolling() {
        long seed = 1003;
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64, MS);
        b.up();
        List<Boolean> prepWhilePending = new ArrayList<>();
        List<Boolean> missedAfterPrep = new ArrayList<>();
        long[] polls = counted(b, (n, budget) -> {
            if (impl(b).disablePending) {
                prepWhilePending.add(n.schedulePrep());
                missedAfterPrep.add(impl(b).missed);
            }
            return b.goodPoll(n, budget);
        });
        b.rxRingSize = 4096;
        b.startTraffic(1_200_000, 64, 30 * MS); // overload: the instance stays scheduled
        b.machine.run(10 * MS);
        assertThat(impl(b).sched).as("seed %d: precondition, NAPI owned under overload", seed).isTrue();

        b.down();
        long pollsAtDown = polls[0];
        b.machine.run(30 * MS);

        assertThat(prepWhilePending).as("seed %d: the in-flight poll ran once with the disable pending", seed)
                .containsExactly(false);
        assertThat(missedAfterPrep).as("seed %d: a refused prep sets no MISSED", seed).containsExactly(false);
        assertThat(polls[0]).as("seed %d: no poll after napi_disable returned", seed).isEqualTo(pollsAtDown);
        assertThat(impl(b).disabled).as("seed %d", seed).isTrue();
        assertClean(b.machine, "ip link set down under load");
    }

    // R4 — napi_enable on an enabled instance is a BUG_ON; the kit records it ([NAPI-DOC] "Control API"; [DEV-C] napi_enable_locked)
    @Test
    void r4_doubleEnableIsRecorded() {
        long seed = 1004;
        NetBench b = bench(seed).up().down().up();
        assertClean(b.machine, "up, down, up");
        long t0 = advance(b.machine, MS);

        b.napi.enable();
        assertOnly(b.machine, "R4", DEV, DRV, t0);
        b.receive(10, 64);
        b.machine.settle();
        assertThat(b.deliveredIpv4()).as("seed %d: the instance still works", seed).isEqualTo(10);
    }

    // R4 — a second napi_disable deadlocks in Linux; the kit records it and returns ([NAPI-DOC] "Control API"; [DEV-C] napi_disable_locked)
    @Test
    void r4_doubleDisableIsRecordedWithoutHanging() {
        long seed = 1005;
        NetBench b = bench(seed).up().down();
        assertClean(b.machine, "up, down");
        long t0 = advance(b.machine, MS);

        b.napi.disable();
        assertThat(b.machine.engine().now()).as("seed %d: returned at once, no wait", seed).isEqualTo(t0);
        assertOnly(b.machine, "R4", DEV, DRV, t0);
    }

    // R5 — netif_napi_del on an enabled instance is a WARN_ON ([DEV-C] __netif_napi_del_locked)
    @Test
    void r5_deleteWhileEnabledIsRecorded() {
        long seed = 1006;
        NetBench good = bench(seed).up().down();
        good.napi.delete();
        assertClean(good.machine, "netif_napi_del after napi_disable");

        NetBench b = bench(seed).up();
        long t0 = advance(b.machine, MS);
        b.napi.delete();
        assertOnly(b.machine, "R5", DEV, DRV, t0);
    }

    // R6 — weight above NAPI_POLL_WEIGHT (64) logs "called with weight N" ([DEV-C] netif_napi_add_weight_locked)
    @Test
    void r6_weightAboveSixtyFourIsRecorded() {
        long seed = 1007;
        NetBench good = NetBench.create(MachineConfig.builder().seed(seed), NetCore.NAPI_POLL_WEIGHT, MS);
        assertClean(good.machine, "weight 64");

        NetBench b = NetBench.create(MachineConfig.builder().seed(seed), NetCore.NAPI_POLL_WEIGHT + 1, MS);
        assertOnly(b.machine, "R6", DEV, DRV, MS);
        assertThat(b.machine.dmesg()).as("seed %d", seed).contains("called with weight 65");
        assertThat(b.napi.weight()).as("seed %d: the core keeps the weight as the budget", seed).isEqualTo(65);
    }

    // ---- poll(budget) return values -------------------------------------------------------

    // R7 — poll must return work <= budget ([DEV-C] __napi_poll: "returned %d, exceeding its budget of %d")
    @Test
    void r7_pollReturningMoreThanBudgetIsRecorded() {
        long seed = 1008;
        NetBench good = bench(seed).up();
        good.receive(65, 64);
        good.machine.settle();
        assertThat(good.deliveredIpv4()).as("seed %d", seed).isEqualTo(65);
        assertClean(good.machine, "65 frames, weight 64");

        NetBench b = bench(seed).up();
        b.poll = (n, budget) -> {
            int work = receiveUpTo(b, budget + 1); // broken: one frame too many
            if (work < budget && n.completeDone(work)) {
                b.unmask();
            }
            return work;
        };
        long t0 = advance(b.machine, MS);
        b.receive(65, 64);
        b.machine.settle();
        Violation v = assertOnly(b.machine, "R7", DEV, DRV, t0);
        assertThat(v.message()).as("seed %d", seed).contains("returned 65").contains("budget of 64");
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(65);
    }

    // R7 — a negative return is as wrong as an excessive one ([DEV-C] __napi_poll)
    @Test
    void r7_pollReturningNegativeIsRecorded() {
        long seed = 1009;
        NetBench b = bench(seed).up();
        b.poll = (n, budget) -> {
            int work = receiveUpTo(b, budget);
            if (n.completeDone(work)) {
                b.unmask();
            }
            return -1;
        };
        long t0 = advance(b.machine, MS);
        b.receive(3, 64);
        b.machine.settle();
        assertOnly(b.machine, "R7", DEV, DRV, t0);
    }

    // R9 — with work left, return exactly budget and leave the NAPI state alone ([NAPI-DOC]; [DEV-C] __napi_poll)
    @Test
    void r9_completeAfterConsumingFullBudgetIsRecorded() {
        long seed = 1010;
        NetBench good = bench(seed).up();
        long[] goodPolls = counted(good, good::goodPoll);
        good.receive(64, 64);
        good.machine.settle();
        assertThat(goodPolls[0]).as("seed %d: full budget, then an empty poll that completes", seed).isEqualTo(2);
        assertClean(good.machine, "exactly one budget of frames");

        NetBench b = bench(seed).up();
        b.poll = (n, budget) -> {
            int work = receiveUpTo(b, budget);
            if (n.completeDone(work)) { // broken: completes even when the budget is used up
                b.unmask();
            }
            return work;
        };
        long t0 = advance(b.machine, MS);
        b.receive(64, 64);
        b.machine.settle();
        assertOnly(b.machine, "R9", DEV, DRV, t0);
    }

    // R10 — all work done: napi_complete_done, then return < budget; the correct path re-arms ([NAPI-DOC]; [NDEV-H] napi_complete_done kdoc)
    @Test
    void r10_returningLessThanBudgetWithoutCompleteIsRecorded() {
        long seed = 1011;
        NetBench good = bench(seed).up();
        good.receive(10, 64);
        good.machine.settle();
        assertThat(good.irqMasked).as("seed %d: re-armed after completing", seed).isFalse();
        good.receive(10, 64);
        good.machine.settle();
        assertThat(good.interrupts).as("seed %d: the re-armed device interrupts again", seed).isEqualTo(2);
        assertThat(good.deliveredIpv4()).as("seed %d", seed).isEqualTo(20);
        assertClean(good.machine, "two bursts");

        NetBench b = bench(seed).up();
        long[] polls = counted(b, (n, budget) -> receiveUpTo(b, budget)); // broken: never completes
        long t0 = advance(b.machine, MS);
        b.receive(10, 64);
        b.machine.settle();
        b.receive(10, 64);
        b.machine.run(MS);
        assertOnly(b.machine, "R10", DEV, DRV, t0);
        assertThat(polls[0]).as("seed %d: the orphaned instance is never polled again", seed).isEqualTo(1);
        assertThat(b.rxRing).as("seed %d: the second burst is stuck", seed).hasSize(10);
    }

    // R11 — done exactly at the budget: either return budget without completing, or complete and return budget-1 ([NAPI-DOC] warning block; ixgbe 4233cfe6ec46)
    @Test
    void r11_completingAtExactlyBudgetReturnsBudgetMinusOne() {
        long seed = 1012;
        // (b) the canonical pattern: if (budget && napi_complete_done()) { unmask; return min(work, budget-1); }
        NetBench b = bench(seed).up();
        long[] polls = counted(b, (n, budget) -> {
            int work = receiveUpTo(b, budget);
            if (budget > 0 && b.rxRing.isEmpty() && n.completeDone(work)) {
                b.unmask();
                return Math.min(work, budget - 1);
            }
            return work;
        });
        b.receive(64, 64);
        b.machine.settle();
        assertThat(polls[0]).as("seed %d: one poll, completed at the budget", seed).isEqualTo(1);
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(64);
        assertThat(b.irqMasked).as("seed %d", seed).isFalse();
        assertClean(b.machine, "complete at budget, return budget-1");

        // (a) return budget without completing: polled once more, then completes.
        NetBench a = bench(seed).up();
        long[] aPolls = counted(a, a::goodPoll);
        a.receive(64, 64);
        a.machine.settle();
        assertThat(aPolls[0]).as("seed %d", seed).isEqualTo(2);
        assertClean(a.machine, "return budget without completing");
    }

    // R12 — budget 0 (netpoll): no Rx, no napi_complete_done, return 0 ([NETPOLL] poll_one_napi; [NAPI-DOC] warnings)
    @Test
    void r12_budgetZeroPollThatCompletesIsRecorded() {
        long seed = 1013;
        NetBench good = bench(seed).up();
        good.rxRing.add(NetBench.frame(64, NetBench.MAC, EtherType.IPV4));
        assertThat(good.machine.net().netpollPoll(good.napi)).as("seed %d", seed).isZero();
        assertThat(good.rxRing).as("seed %d: budget 0 takes no receive work", seed).hasSize(1);
        assertClean(good.machine, "netpoll of a correct driver");

        NetBench b = bench(seed).up();
        boolean[] returned = {true};
        b.poll = (n, budget) -> {
            returned[0] = n.completeDone(0); // broken: completes from netpoll
            return 0;
        };
        long t0 = advance(b.machine, MS);
        b.machine.net().netpollPoll(b.napi);
        assertOnly(b.machine, "R12", DEV, DRV, t0);
        assertThat(returned[0]).as("seed %d: napi_complete_done returns false to netpoll (R13a)", seed).isFalse();
    }

    // R12 — netpoll warns "exceeded budget in poll" when a budget-0 poll returns non-zero ([NETPOLL] poll_one_napi)
    @Test
    void r12_budgetZeroPollReturningWorkIsRecorded() {
        long seed = 1014;
        NetBench b = bench(seed).up();
        b.rxRing.add(NetBench.frame(64, NetBench.MAC, EtherType.IPV4));
        b.poll = (n, budget) -> {
            int work = 0;
            while (!b.rxRing.isEmpty()) { // broken: ignores budget 0
                b.dev.receiveSkb(b.toSkb(b.rxRing.pollFirst()));
                work++;
            }
            return work;
        };
        long t0 = advance(b.machine, MS);
        assertThat(b.machine.net().netpollPoll(b.napi)).as("seed %d", seed).isEqualTo(1);
        Violation v = assertOnly(b.machine, "R12", DEV, DRV, t0);
        assertThat(v.message()).as("seed %d", seed).contains("exceeded budget");
    }

    // ---- IRQ masking and napi_complete_done's return value --------------------------------

    // R13 — napi_complete_done returns false after MISSED; the driver keeps its IRQ masked ([NDEV-H] kdoc; [DEV-C] napi_complete_done)
    @Test
    void r13_completeDoneReturnsFalseAfterMissedAndCorrectDriverStaysMasked() {
        long seed = 1015;
        NetBench b = bench(seed).up();
        b.maskWithDisableIrq = true;
        List<Boolean> completes = new ArrayList<>();
        List<Boolean> maskedAfter = new ArrayList<>();
        long[] polls = counted(b, (n, budget) -> {
            if (completes.isEmpty()) {
                n.schedulePrep(); // another event source (Tx completion) while we poll: MISSED
            }
            int work = receiveUpTo(b, budget);
            boolean done = n.completeDone(work);
            completes.add(done);
            if (done) {
                b.unmask();
            }
            maskedAfter.add(b.irqMasked);
            return work;
        });
        b.receive(10, 64);
        b.machine.settle();
        assertThat(completes).as("seed %d: false after MISSED, then true", seed).containsExactly(false, true);
        assertThat(maskedAfter).as("seed %d: masked until the true", seed).containsExactly(true, false);
        assertThat(polls[0]).as("seed %d", seed).isEqualTo(2);
        assertClean(b.machine, "MISSED honoured");
    }

    // R13 — unmasking although napi_complete_done returned false: the re-arm, then the next unbalanced enable_irq ([NAPI-DOC]; qosmio/nss-packages#72)
    @Test
    void r13_unmaskingAfterFalseCompleteIsAlsoCaughtAsUnbalancedEnable() {
        long seed = 1016;
        NetBench b = bench(seed).up();
        b.maskWithDisableIrq = true;
        b.poll = brokenUnmaskAnyway(b);
        long t0 = advance(b.machine, MS);
        b.receive(10, 64);
        b.machine.settle();
        assertThat(b.machine.violations().all()).as("seed %d: the re-arm while SCHED, then the unbalanced enable", seed)
                .extracting(Violation::rule).containsExactly("R13", "D14");
        Violation d14 = b.machine.violations().ofRule("D14").getFirst();
        assertThat(d14.message()).as("seed %d", seed).contains("Unbalanced enable");
        assertThat(d14.device()).as("seed %d", seed).isEqualTo(DEV);
        assertThat(d14.timeNanos()).as("seed %d", seed).isBetween(t0, b.machine.engine().now());
    }

    // R13 — re-arming the IRQ while NAPI is still scheduled is itself the violation ([NAPI-DOC] "IRQ should only be unmasked after a successful call to napi_complete_done()")
    @Test
    void r13_rearmingWhileScheduledIsRecorded() {
        long seed = 1017;
        NetBench b = bench(seed).up();
        b.maskWithDisableIrq = true;
        long[] rearmedAt = {-1};
        NapiPoll broken = brokenUnmaskAnyway(b);
        b.poll = (n, budget) -> {
            if (rearmedAt[0] < 0) {
                rearmedAt[0] = b.machine.engine().now();
            }
            return broken.poll(n, budget);
        };
        advance(b.machine, MS);
        b.receive(10, 64);
        b.machine.settle();
        assertThat(b.machine.violations().ofRule("R13")).as("seed %d: the re-arm while SCHED is recorded", seed)
                .hasSize(1)
                .allSatisfy(v -> {
                    assertThat(v.device()).isEqualTo(DEV);
                    assertThat(v.driver()).isEqualTo(DRV);
                    assertThat(v.timeNanos()).as("during the first poll").isBetween(rearmedAt[0], b.machine.engine().now());
                });
    }

    /** A poll that sees MISSED (an event during its first run) and unmasks whatever napi_complete_done says. */
    private static NapiPoll brokenUnmaskAnyway(NetBench b) {
        boolean[] first = {true};
        return (n, budget) -> {
            if (first[0]) {
                first[0] = false;
                n.schedulePrep();
            }
            int work = receiveUpTo(b, budget);
            n.completeDone(work); // broken: the return value is ignored
            b.unmask();
            return work;
        };
    }

    // R15 — napi_schedule_prep: true only from idle; false and MISSED when scheduled; false when disabled ([DEV-C]; [NDEV-H])
    @Test
    void r15_schedulePrepSemantics() {
        long seed = 1018;
        NetBench b = bench(seed).up();
        long[] polls = counted(b, b::goodPoll);
        long base = polls[0];

        assertThat(b.napi.schedulePrep()).as("seed %d: idle -> SCHED", seed).isTrue();
        assertThat(impl(b).missed).as("seed %d", seed).isFalse();
        assertThat(b.napi.schedulePrep()).as("seed %d: already SCHED", seed).isFalse();
        assertThat(impl(b).missed).as("seed %d: ... sets MISSED", seed).isTrue();
        assertThat(b.napi.schedule()).as("seed %d: napi_schedule returns false when it did not schedule", seed).isFalse();
        b.napi.scheduleNow(); // after the successful prep above
        b.machine.run(MS);
        assertThat(polls[0] - base).as("seed %d: the poll, then one more for MISSED", seed).isEqualTo(2);
        assertThat(b.napi.schedule()).as("seed %d: idle again: napi_schedule schedules", seed).isTrue();
        b.machine.run(MS);
        assertThat(polls[0] - base).as("seed %d", seed).isEqualTo(3);
        assertClean(b.machine, "prep/schedule semantics");

        long t0 = advance(b.machine, MS);
        b.napi.scheduleNow(); // broken: __napi_schedule without napi_schedule_prep
        b.machine.run(MS);
        assertThat(polls[0] - base).as("seed %d: not polled", seed).isEqualTo(3);
        assertOnly(b.machine, "R15", DEV, DRV, t0);
    }

    // R16 — an event during the poll (MISSED) means exactly one more poll ([DEV-C] napi_complete_done)
    @Test
    void r16_missedMeansExactlyOneExtraPoll() {
        long seed = 1019;
        NetBench control = bench(seed).up();
        long[] controlPolls = counted(control, control::goodPoll);
        control.receive(10, 64);
        control.machine.settle();
        assertThat(controlPolls[0]).as("seed %d: without MISSED one poll", seed).isEqualTo(1);

        NetBench b = bench(seed).up();
        boolean[] first = {true};
        long[] polls = counted(b, (n, budget) -> {
            if (first[0]) {
                first[0] = false;
                n.schedulePrep(); // two events while polling: MISSED is a bit, not a counter
                n.schedulePrep();
            }
            return b.goodPoll(n, budget);
        });
        b.receive(10, 64);
        b.machine.run(MS);
        assertThat(polls[0]).as("seed %d: exactly one extra poll", seed).isEqualTo(2);
        assertThat(b.irqMasked).as("seed %d: re-armed by the extra poll's successful complete", seed).isFalse();
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(10);
        assertClean(b.machine, "MISSED");
    }

    // R18 — __napi_schedule from inside the poll, then returning budget: "Budget exhausted after napi rescheduled" ([DEV-C] __napi_poll)
    @Test
    void r18_rescheduleInsidePollThenReturningBudgetIsRecorded() {
        long seed = 1020;
        NetBench b = bench(seed).up();
        boolean[] first = {true};
        b.poll = (n, budget) -> {
            if (first[0]) {
                first[0] = false;
                n.scheduleNow(); // broken: puts itself on the poll list while it owns the instance
            }
            return b.goodPoll(n, budget);
        };
        long t0 = advance(b.machine, MS);
        b.receive(200, 64);
        b.machine.settle();
        Violation v = assertOnly(b.machine, "R18", DEV, DRV, t0);
        assertThat(v.message()).as("seed %d", seed).contains("Budget exhausted after napi rescheduled");
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(200);
    }

    // R18 — complete, napi_schedule again, then return budget: the canonical self-reschedule ([DEV-C] __napi_poll; Xilinx open-nic-driver#69)
    @Test
    void r18_completeThenRescheduleThenReturningBudgetIsRecorded() {
        long seed = 1021;
        NetBench b = bench(seed).up();
        boolean[] first = {true};
        b.poll = (n, budget) -> {
            int work = receiveUpTo(b, budget);
            if (first[0] && work == budget) {
                first[0] = false;
                n.completeDone(work); // broken: completes with work left ...
                n.schedule();          // ... reschedules itself ...
                return budget;         // ... and claims the full budget
            }
            if (work < budget && n.completeDone(work)) {
                b.unmask();
            }
            return work;
        };
        long t0 = advance(b.machine, MS);
        b.receive(200, 64);
        b.machine.settle();
        assertThat(b.machine.violations().all()).as("seed %d", seed)
                .extracting(Violation::rule).containsExactlyInAnyOrder("R9", "R18");
        assertThat(b.machine.violations().ofRule("R18").getFirst().timeNanos()).as("seed %d", seed).isGreaterThanOrEqualTo(t0);
    }

    // R19 — napi_synchronize waits (msleep-polling) until SCHED is clear; it does not stop future activations ([NDEV-H])
    @Test
    void r19_synchronizeWaitsForThePollToRelease() {
        long seed = 1022;
        NetBench b = NetBench.create(MachineConfig.builder().seed(seed).cpus(1), 64, MS);
        b.up();
        long idleAt = b.machine.engine().now();
        b.napi.synchronize();
        assertThat(b.machine.engine().now()).as("seed %d: idle instance: returns at once", seed).isEqualTo(idleAt);

        b.rxRingSize = 4096;
        b.startTraffic(1_200_000, 64, 10 * MS); // overload for 10 ms
        b.machine.run(5 * MS);
        assertThat(impl(b).sched).as("seed %d: precondition, scheduled", seed).isTrue();
        long calledAt = b.machine.engine().now();
        b.napi.synchronize();
        assertThat(impl(b).sched).as("seed %d: returns only once SCHED is clear", seed).isFalse();
        assertThat(b.machine.engine().now()).as("seed %d: it waited (traffic lasts to 10 ms)", seed)
                .isGreaterThanOrEqualTo(calledAt + MS);
        assertThat(b.deliveredIpv4() + b.rxMissed).as("seed %d: everything offered was delivered or missed", seed)
                .isEqualTo(b.offered);

        b.receive(5, 64);
        b.machine.settle();
        assertThat(b.rxRing).as("seed %d: later activations still run", seed).isEmpty();
        assertClean(b.machine, "napi_synchronize");
    }

    // R19 — synchronizing with an instance that never completes: recorded after the wait limit, no hang ([NDEV-H]; R10)
    @Test
    void r19_synchronizeWithANeverCompletingPollGivesUpAndRecords() {
        long seed = 1023;
        NetBench b = bench(seed).up();
        b.poll = (n, budget) -> receiveUpTo(b, budget); // broken: never completes (R10)
        b.receive(3, 64);
        b.machine.settle();
        assertThat(b.machine.violations().ofRule("R10")).as("seed %d: the poll itself", seed).hasSize(1);
        long calledAt = b.machine.engine().now();

        b.napi.synchronize();
        assertThat(b.machine.engine().now() - calledAt).as("seed %d: waited the limit, then gave up", seed)
                .isGreaterThanOrEqualTo(NapiCore.NAPI_WAIT_LIMIT_NANOS);
        List<Violation> r10 = b.machine.violations().ofRule("R10");
        assertThat(r10).as("seed %d", seed).hasSize(2);
        assertThat(r10.get(1).message()).as("seed %d", seed).contains("napi_synchronize");
        assertThat(r10.get(1).device()).as("seed %d", seed).isEqualTo(DEV);
        assertThat(b.machine.violations().all()).as("seed %d: nothing else", seed).hasSize(2);
    }

    // ---- contexts ---------------------------------------------------------------------------

    // R21 — poll runs in softirq context and must not sleep ([NETDEVICES-DOC] "struct napi_struct synchronization rules")
    @Test
    void r21_sleepingInPollIsRecorded() {
        long seed = 1024;
        NetBench b = bench(seed).up();
        boolean[] atomic = {false};
        b.poll = (n, budget) -> {
            atomic[0] = b.dev.kernel().inAtomicContext();
            b.dev.kernel().msleep(1); // broken
            return b.goodPoll(n, budget);
        };
        long t0 = advance(b.machine, MS);
        b.receive(3, 64);
        b.machine.settle();
        assertThat(atomic[0]).as("seed %d: poll runs in atomic (softirq) context", seed).isTrue();
        Violation v = assertOnlyRule(b.machine, "R21", t0);
        assertThat(v.message()).as("seed %d", seed).contains("sleeping function called from invalid context");
        assertThat(b.deliveredIpv4()).as("seed %d", seed).isEqualTo(3);
    }

    // R21 — the sleeping-in-poll WARN names the device and driver whose poll slept ([NETDEVICES-DOC])
    @Test
    void r21_sleepingInPollNamesDeviceAndDriver() {
        long seed = 1025;
        NetBench b = bench(seed).up();
        b.poll = (n, budget) -> {
            b.dev.kernel().msleep(1);
            return b.goodPoll(n, budget);
        };
        long t0 = advance(b.machine, MS);
        b.receive(3, 64);
        b.machine.settle();
        assertOnly(b.machine, "R21", DEV, DRV, t0);
    }

    // R21 — ndo_stop must napi_disable every instance ([NETDEVICES-DOC]; R26 netdevsim nsim_stop)
    @Test
    void r21_ndoStopLeavingNapiEnabledIsRecorded() {
        long seed = 1026;
        NetBench b = bench(seed).up();
        NetDeviceOps real = b.devImpl().ops;
        b.dev.setOps(new NetDeviceOps() {
            @Override
            public void open(NetDevice dev) throws io.jnetdev.api.ErrnoException {
                real.open(dev);
            }

            @Override
            public void stop(NetDevice dev) {
                dev.stopQueue(); // broken: forgets napi_disable
                dev.carrierOff();
            }

            @Override
            public NetdevTx startXmit(Skb skb, NetDevice dev) {
                return real.startXmit(skb, dev);
            }
        });
        long t0 = advance(b.machine, MS);
        b.down();
        Violation v = assertOnly(b.machine, "R21", DEV, DRV, t0);
        assertThat(v.message()).as("seed %d", seed).contains("ndo_stop");
    }
}
