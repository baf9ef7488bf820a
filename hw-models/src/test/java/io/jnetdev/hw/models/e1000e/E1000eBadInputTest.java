package io.jnetdev.hw.models.e1000e;

import static io.jnetdev.hw.models.e1000e.E1000eRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bad driver input (issue 4, "Bad input"): a ring the card would not accept or a descriptor outside
 * the DMA view stops that ring, is logged with register and value, and its frames are counted; the
 * rest of the device goes on, and rewriting the ring's base/length or a reset restarts it.
 */
class E1000eBadInputTest {
    private final Bench b = new Bench();

    @Test
    void rdlenZeroOrUnalignedStopsTheReceiveRing() {
        b.rxRing(8, false);
        b.w(RDLEN, 0);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("receive ring stopped", "RDLEN 0x0"));
        b.w(RDLEN, 8 * 16 + 16);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("RDLEN 0x90"));
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.missedTotal()).as("frames counted missed").isEqualTo(2);
        assertThat(b.r(MPC)).isEqualTo(2);
        b.w(RDLEN, 8 * 16);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("rewriting the length restarts the ring").isEqualTo(1);
    }

    @Test
    void rdtOutsideTheRingStopsItUntilTheRingIsReprogrammed() {
        b.rxRing(8, false);
        b.w(RDT, 8);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("RDT 8 outside the 8-descriptor ring"));
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.missedTotal()).isEqualTo(1);
        b.w(RDT, 5);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.missedTotal()).as("a good RDT alone does not restart it").isEqualTo(2);
        b.w(RDBAL, (int) Bench.RX_RING);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).isEqualTo(1);
    }

    @Test
    void aDescriptorOutsideTheDmaViewStopsTheRingAndTheDeviceGoesOn() {
        b.rxRing(8, false);
        b.w(RDBAL, 0x1000); // not memory the device may reach
        b.w(RDBAH, 0);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.ctx.faults).as("one DMA fault, then the ring is stopped").hasSize(1);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("receive ring stopped", "RDBA 0x1000"));
        assertThat(b.nic.missedTotal()).isEqualTo(2);
        assertThat(b.nic.offeredTotal()).isEqualTo(b.totalsAccounted());

        b.w(IMS, ICR_LSC);
        b.w(ICS, ICR_LSC);
        assertThat(b.ctx.intx).as("the rest of the device still works").isTrue();
        b.w(CTRL, CTRL_RST);
        b.rxRing(8, false);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.nic.rxFramesTotal()).as("after a reset and a good ring, frames flow").isEqualTo(1);
    }

    @Test
    void aBufferOutsideTheDmaViewStopsTheRing() {
        b.rxRing(8, false);
        b.ctx.put64(Bench.RX_RING, 0xDEAD_0000L);
        b.offer(Bench.frame(E1000e.DEFAULT_MAC, 64));
        assertThat(b.ctx.faults).hasSize(1);
        assertThat(b.ctx.faults.get(0).busAddress()).isEqualTo(0xDEAD_0000L);
        assertThat(b.nic.missedTotal()).isEqualTo(1);
        assertThat(b.r(RDH)).isZero();
    }

    @Test
    void transmitDescriptorOutsideTheDmaViewStopsTheTransmitRing() {
        b.txRing(8);
        b.w(TDBAL, 0x2000);
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("transmit ring stopped", "TDBA 0x2000"));
        assertThat(b.sent).isEmpty();
        b.w(TDLEN, 16);
        assertThat(b.ctx.log).anySatisfy(l -> assertThat(l).contains("TDLEN 0x10"));
        b.w(TDT, 1);
        b.ctx.drain();
        assertThat(b.ctx.faults).as("a stopped ring does nothing").hasSize(1);
    }
}
