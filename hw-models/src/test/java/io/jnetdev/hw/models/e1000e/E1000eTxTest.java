package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.models.testing.FakeDeviceContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The transmit engine: descriptors and write-back (A.13), causes (A.5), padding (A.10), pacing at line rate. */
class E1000eTxTest {
    private static final int EOP = TXD_CMD_EOP;
    private static final int RS = TXD_CMD_RS;
    private final Bench b = new Bench();

    private int dd(int i) {
        return b.ctx.get32(Bench.TX_RING + 16L * i + 12) & TXD_STAT_DD;
    }

    @Test
    void aChainOfDescriptorsMakesOneFrameAndOnlyRsGetsDd() {
        b.txRing(8);
        byte[] f = Bench.frame(Bench.OTHER_MAC, 300);
        b.txDesc(0, Arrays.copyOfRange(f, 0, 100), RS);
        b.txDesc(1, Arrays.copyOfRange(f, 100, 200), 0);
        b.txDesc(2, Arrays.copyOfRange(f, 200, 300), EOP | RS);
        b.w(TDT, 3);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        assertThat(b.sent.get(0).bytes()).as("A.13 descriptors up to EOP make one frame").isEqualTo(f);
        assertThat(new int[] {dd(0), dd(1), dd(2)}).as("A.13 DD written only when RS is set").containsExactly(1, 0, 1);
        assertThat(b.r(TDH)).isEqualTo(3);
        assertThat(b.r(ICR) & (ICR_TXDW | ICR_TXQE)).as("A.5 TXDW, and TXQE once drained").isEqualTo(ICR_TXDW | ICR_TXQE);
        assertThat(b.r(GPTC)).isEqualTo(1);
        assertThat(b.r(GOTCL)).as("octets with FCS").isEqualTo(304);
        assertThat(b.nic.txFramesTotal()).isEqualTo(1);
    }

    @Test
    void ivarBit31WritesBackEveryDescriptorAndRaisesTheTxCause() {
        b.txRing(8);
        b.w(IVAR, IVAR_TX_INT_EVERY_WB);
        b.txDesc(0, Bench.frame(Bench.OTHER_MAC, 60), EOP);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(dd(0)).as("A.13 IVAR bit 31: write-back without RS").isEqualTo(1);
        assertThat(b.r(ICS) & ICR_TXDW).isEqualTo(ICR_TXDW);
    }

    @Test
    void withoutRsNoDdAndNoTxdwButTxqe() {
        b.txRing(8);
        b.txDesc(0, Bench.frame(Bench.OTHER_MAC, 60), EOP);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(dd(0)).isZero();
        assertThat(b.r(ICR) & (ICR_TXDW | ICR_TXQE)).isEqualTo(ICR_TXQE);
        assertThat(b.sent).hasSize(1);
    }

    @Test
    void pspPadsShortFramesAndContextDescriptorsAreSkipped() {
        b.txRing(8);
        b.txDesc(0, new byte[0], TXD_CMD_DEXT | RS); // context descriptor (DTYP 0)
        b.txDesc(1, Bench.frame(Bench.OTHER_MAC, 42), EOP | RS);
        b.w(TDT, 2);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        assertThat(b.sent.get(0).bytes()).as("A.10 PSP pads to 60").hasSize(60);
        assertThat(dd(0)).as("context descriptor consumed with DD").isEqualTo(1);
    }

    @Test
    void msixRaisesTxq0OnVectorOne() {
        b.ctx.msix = true;
        b.w(IVAR, E1000eInterruptsTest.LINUX_IVAR);
        b.w(IMS, E1000eInterruptsTest.LINUX_MSIX_IMS);
        b.txRing(8);
        b.txDesc(0, Bench.frame(Bench.OTHER_MAC, 60), EOP | RS);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.ctx.irqs).extracting(FakeDeviceContext.Irq::vector).as("A.5 MSI-X: TXQ0 → IVAR → vector 1")
                .containsExactly(1);
    }

    @Test
    void transmissionIsPacedAtLineRate() {
        int n = 1000;
        b.txRing(1024);
        for (int i = 0; i < n; i++) {
            b.txDesc(i, Bench.frame(Bench.OTHER_MAC, 60), EOP | RS);
        }
        long start = b.ctx.nowNanos();
        b.w(TDT, n);
        b.ctx.drain();
        assertThat(b.sent).hasSize(n);
        long perFrame = EthernetPort.wireBits(60); // 672 bit times = 672 ns at 1 Gb/s
        assertThat(b.sent.get(n - 1).nanos() - start).as("1000 × 64-byte frames take ≥ 1000 × 672 ns")
                .isGreaterThanOrEqualTo(n * perFrame);
        for (int i = 1; i < n; i++) {
            assertThat(b.sent.get(i).nanos() - b.sent.get(i - 1).nanos()).as("frame %d", i).isGreaterThanOrEqualTo(perFrame);
        }
        assertThat(b.sent.get(n - 1).nanos() - start).as("and no slower than the wire").isLessThanOrEqualTo(n * perFrame + 1);
    }

    @Test
    void nothingLeavesWhileLinkIsDownOrTctlEnIsClear() {
        b.txRing(8);
        b.w(TCTL, 0);
        b.txDesc(0, Bench.frame(Bench.OTHER_MAC, 60), EOP | RS);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.r(TDH)).as("A.10 TCTL.EN clear: the engine does not run").isZero();
        b.nic.port().setLinkUp(false);
        b.w(TCTL, TCTL_EN);
        b.ctx.drain();
        assertThat(b.r(TDH)).as("the descriptor is consumed").isEqualTo(1);
        assertThat(b.sent).as("but nothing reaches the wire with the link down").isEmpty();
        assertThat(b.nic.txFramesTotal()).isZero();
    }

    @Test
    void aChainCutByTdtWaitsForTheRest() {
        b.txRing(8);
        byte[] f = Bench.frame(Bench.OTHER_MAC, 200);
        b.txDesc(0, Arrays.copyOfRange(f, 0, 100), 0);
        b.txDesc(1, Arrays.copyOfRange(f, 100, 200), EOP | RS);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.sent).isEmpty();
        b.w(TDT, 2);
        b.ctx.drain();
        assertThat(b.sent).hasSize(1);
        assertThat(b.sent.get(0).bytes()).isEqualTo(f);
    }
}
