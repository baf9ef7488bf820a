package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * MAC loopback (A.9 RCTL.LBM = 01): what the transmitter sends comes back to the receiver instead of
 * going to the wire, with no link needed, as the driver's self-test expects.
 */
class E1000eLoopbackTest {
    private final Bench b = new Bench();

    @Test
    void inMacLoopbackTransmittedFramesReachTheReceiveRingAndNotTheWire() {
        b.rxRing(8, false);
        b.w(RCTL, b.r(RCTL) | RCTL_LBM_MAC);
        b.nic.port().setLinkUp(false); // loopback needs no partner
        b.txRing(8);
        byte[] f = Bench.frame(E1000e.DEFAULT_MAC, 1024);
        b.txDesc(0, f, TXD_CMD_EOP | TXD_CMD_RS);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.sent).as("nothing reaches the wire in MAC loopback").isEmpty();
        assertThat(b.legacyLength(0)).as("the frame came back into descriptor 0").isEqualTo(1024);
        assertThat(b.rxBuffer(0, 1024)).isEqualTo(f);
        assertThat(b.nic.loopedTotal()).isEqualTo(1);
        assertThat(b.nic.offeredTotal()).as("a looped frame was not offered by a wire").isZero();
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
    }

    @Test
    void withoutLoopbackTheFrameGoesToTheWireAndTheReceiverSeesNothing() {
        b.rxRing(8, false);
        b.txRing(8);
        byte[] f = Bench.frame(Bench.OTHER_MAC, 100);
        b.txDesc(0, f, TXD_CMD_EOP | TXD_CMD_RS);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        assertThat(b.nic.loopedTotal()).isZero();
        assertThat(b.r(RDH)).as("nothing was received").isZero();
    }

    @Test
    void imsKeepsTheCausesLinuxsInterruptSelfTestForces() {
        for (int bit = 0; bit < 10; bit++) {
            b.w(IMC, 0xFFFF_FFFF);
            b.w(IMS, 1 << bit);
            assertThat(b.r(IMS)).as("cause bit %d stays set in IMS (e1000_intr_test forces 0..9)", bit).isEqualTo(1 << bit);
        }
    }
}
