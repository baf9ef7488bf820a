package io.jnetdev.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.runtime.testing.NetBench;
import org.junit.jupiter.api.Test;

/** The receive path end to end: interrupt, NAPI schedule, net_rx_action, poll, dispatch. */
class NapiReceiveTest {

    @Test
    void framesAreDeliveredWithOneInterruptPerBurst() {
        NetBench b = NetBench.create(101).up();

        b.receive(10, 64);
        b.machine.settle();

        assertThat(b.deliveredIpv4()).isEqualTo(10);
        assertThat(b.interrupts).isEqualTo(1);
        assertThat(b.irqMasked).as("re-armed after completing").isFalse();
        assertThat(b.devImpl().delivered()).isEqualTo(10);
        assertThat(b.machine.net().skbsInUse()).isZero();
        assertThat(b.machine.violations().all()).isEmpty();
    }

    @Test
    void aBurstLargerThanTheWeightIsPolledAgain() {
        NetBench b = NetBench.create(102).up();

        b.receive(200, 64);
        b.machine.settle();

        assertThat(b.deliveredIpv4()).isEqualTo(200);
        assertThat(b.interrupts).isEqualTo(1);
        assertThat(b.machine.violations().all()).isEmpty();
    }
}
