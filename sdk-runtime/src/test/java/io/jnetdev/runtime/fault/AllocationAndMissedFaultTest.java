package io.jnetdev.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.NetBench;
import org.junit.jupiter.api.Test;

/**
 * The fault knobs the conformance kit drives: failed DMA allocations, failed skb allocations and
 * an event arriving during a NAPI poll (MISSED). Each fires exactly as often as armed.
 */
class AllocationAndMissedFaultTest {
    private static final long MS = 1_000_000L;

    @Test
    void anArmedDmaFailureFailsExactlyTheNextAllocationsWithEnomem() throws ErrnoException {
        NetBench b = NetBench.create(MachineConfig.builder().seed(11), 64, MS);
        b.machine.faults().failDmaAllocation(2);
        Throwable first = catchThrowable(() -> b.pdev.dmaAllocCoherent(4096));
        Throwable second = catchThrowable(() -> b.pdev.dmaAllocCoherent(4096));
        assertThat(first).isInstanceOf(ErrnoException.class).hasMessageContaining("injected");
        assertThat(((ErrnoException) second).errno()).isEqualTo(Errno.ENOMEM);
        var third = b.pdev.dmaAllocCoherent(4096);
        assertThat(third.dmaAddress()).as("the fault was armed for two allocations only").isNotZero();
        b.pdev.dmaFreeCoherent(third);
        assertThat(b.machine.violations().all()).isEmpty();
    }

    @Test
    void aDmaFailureArmedAfterTwoAllocationsFailsTheThird() throws ErrnoException {
        NetBench b = NetBench.create(MachineConfig.builder().seed(14), 64, MS);
        b.machine.faults().failDmaAllocation(1, 2);
        var first = b.pdev.dmaAllocCoherent(4096);
        var second = b.pdev.dmaAllocCoherent(4096);
        Throwable third = catchThrowable(() -> b.pdev.dmaAllocCoherent(4096));
        assertThat(third).isInstanceOf(ErrnoException.class).hasMessageContaining("injected");
        var fourth = b.pdev.dmaAllocCoherent(4096);
        for (var buf : new io.jnetdev.api.pci.DmaBuffer[] {first, second, fourth}) {
            b.pdev.dmaFreeCoherent(buf);
        }
        assertThat(b.machine.violations().all()).isEmpty();
    }

    @Test
    void anArmedSkbFailureMakesTheDriversAllocationReturnNullAndTheDropIsCounted() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(12), 64, MS).up();
        b.machine.run(MS);
        b.machine.faults().failSkbAllocation(3);
        b.receive(10, 64);
        b.machine.run(MS);
        assertThat(b.deliveredIpv4()).as("three of ten frames found no skb").isEqualTo(7);
        assertThat(b.devImpl().rxDrops()).containsEntry("rx_alloc_failed", 3L);
        assertThat(b.machine.net().conservation(b.devImpl(), 10).holds()).isTrue();
        assertThat(b.machine.violations().all()).isEmpty();
    }

    @Test
    void anInjectedMissedEventMakesCompleteReturnFalseAndCausesExactlyOneMorePoll() {
        NetBench b = NetBench.create(MachineConfig.builder().seed(13), 64, MS).up();
        b.machine.run(MS);
        long[] polls = {0};
        int[] completions = {0, 0}; // false, true
        b.poll = (n, budget) -> {
            polls[0]++;
            int work = 0;
            while (work < budget && !b.rxRing.isEmpty()) {
                b.dev.receiveSkb(b.toSkb(b.rxRing.pollFirst()));
                work++;
            }
            if (work < budget) {
                if (n.completeDone(work)) {
                    completions[1]++;
                    b.unmask();
                } else {
                    completions[0]++;
                }
            }
            return work;
        };
        b.machine.faults().missedDuringPoll(1);
        b.receive(5, 64);
        b.machine.run(MS);
        assertThat(polls[0]).as("the MISSED event costs exactly one more poll").isEqualTo(2);
        assertThat(completions).containsExactly(1, 1);
        assertThat(b.deliveredIpv4()).isEqualTo(5);
        assertThat(b.machine.violations().all()).isEmpty();

        b.receive(5, 64);
        b.machine.run(MS);
        assertThat(polls[0]).as("disarmed after one: the next interrupt costs one poll").isEqualTo(3);
    }
}
