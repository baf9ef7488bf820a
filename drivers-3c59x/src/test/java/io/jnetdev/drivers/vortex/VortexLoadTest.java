package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.LINE_RATE_60B;
import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c905c;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rising offered load on each chip, 60-byte frames for 20 ms per step. Below saturation every
 * frame is delivered and the handler never runs out of work. Above it the handler trips
 * {@code max_interrupt_work}: the pending sources are hidden from the status register (the
 * status-enable word loses them), stay hidden until the media timer's FakeIntr one second later
 * restores them, and the frames lost meanwhile are counted — overruns in the card, drops at the
 * backlog — so that conservation holds after every step.
 *
 * <p>The 3c595 moves every byte by port I/O and saturates near 40k frames/s on the default
 * machine. The 3c905C's bus-master receive keeps up with 100 Mb/s there (shown too); it
 * saturates on a machine of its own era ({@link EraCostModel}, a CPU 30 times slower).
 */
class VortexLoadTest {

    private static void assertBelowSaturation(long seed, VortexLoad.Step s) {
        assertThat(s.delivered()).as("seed %d at %d fps: every frame delivered: %s", seed, s.fps(), s).isEqualTo(s.offered());
        assertThat(s.drops()).as("seed %d at %d fps", seed, s.fps()).isZero();
        assertThat(s.trips()).as("seed %d at %d fps: the work limit never tripped", seed, s.fps()).isZero();
        assertThat(s.restored()).as("seed %d at %d fps", seed, s.fps()).isZero();
        assertThat(s.conservation().holds()).as("seed %d at %d fps: %s", seed, s.fps(), s.conservation()).isTrue();
    }

    private static void assertAboveSaturation(long seed, VortexLoad.Step s, int receiveSource) {
        assertThat(s.trips()).as("seed %d at %d fps: max_interrupt_work tripped: %s", seed, s.fps(), s).isPositive();
        assertThat(s.hiddenAtEnd()).as("seed %d at %d fps: sources deferred", seed, s.fps()).isTrue();
        assertThat(s.statusEnableAtEnd() & receiveSource).as("seed %d at %d fps: the receive source hidden (status enable %04x)",
                seed, s.fps(), s.statusEnableAtEnd()).isZero();
        assertThat(s.hiddenBeforeTimer()).as("seed %d at %d fps: still hidden 900 ms in: only the timer restores", seed, s.fps()).isTrue();
        assertThat(s.restored()).as("seed %d at %d fps: restored by the timer's FakeIntr", seed, s.fps()).isPositive();
        assertThat(s.drops()).as("seed %d at %d fps: the frames lost are counted", seed, s.fps()).isPositive();
        assertThat(s.cardOverruns() + s.backlogDrops()).as("seed %d at %d fps: as card overruns or backlog drops: %s", seed,
                s.fps(), s.conservation()).isEqualTo(s.drops());
        assertThat(s.delivered() + s.drops()).as("seed %d at %d fps", seed, s.fps()).isEqualTo(s.offered());
        assertThat(s.conservation().holds()).as("seed %d at %d fps: %s", seed, s.fps(), s.conservation()).isTrue();
    }

    private static void assertRestored(long seed, VortexLoad l, int fullStatusEnable) {
        assertThat(l.vp.deferred).as("seed %d: nothing left deferred", seed).isZero();
        assertThat(l.vp.io.windowRead16(5, VortexRegs.WN5_STATUS_ENABLE)).as("seed %d: every source visible again", seed)
                .isEqualTo(fullStatusEnable);
        assertThat(l.m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void vortexPioAtRisingLoad() throws ErrnoException {
        long seed = 51;
        VortexLoad l = new VortexLoad(boot(seed, Map.of(), c3c595(MAC_A), null));
        assertBelowSaturation(seed, l.offer(5_000));
        assertBelowSaturation(seed, l.offer(20_000));
        for (long fps : new long[] {50_000, LINE_RATE_60B}) {
            VortexLoad.Step s = l.offer(fps);
            assertAboveSaturation(seed, s, VortexRegs.RX_COMPLETE);
            assertThat(s.cardOverruns()).as("seed %d at %d fps: the FIFO overran while receive was hidden", seed, fps).isPositive();
            assertRestored(seed, l, l.vp.statusEnable & VortexRegs.ACK_MASK);
        }
        // and after the overload the card receives normally again
        assertBelowSaturation(seed, l.offer(5_000));
    }

    @Test
    void boomerangBusMasterKeepsUpWith100MbitOnTheDefaultMachine() throws ErrnoException {
        long seed = 52;
        VortexLoad l = new VortexLoad(boot(seed, Map.of(), c3c905c(MAC_A), null));
        assertBelowSaturation(seed, l.offer(LINE_RATE_60B));
        assertThat(l.m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void boomerangBusMasterAtRisingLoadOnAMachineOfItsEra() throws ErrnoException {
        long seed = 53;
        Machine m = boot(seed, Map.of(), c3c905c(MAC_A), null, new EraCostModel(30));
        VortexLoad l = new VortexLoad(m);
        assertBelowSaturation(seed, l.offer(5_000));
        assertBelowSaturation(seed, l.offer(20_000));
        VortexLoad.Step s = l.offer(LINE_RATE_60B);
        assertAboveSaturation(seed, s, VortexRegs.UP_COMPLETE);
        assertRestored(seed, l, l.vp.statusEnable & VortexRegs.ACK_MASK);
        assertBelowSaturation(seed, l.offer(5_000));
    }

    /**
     * The same overload with {@code max_interrupt_work} set at modprobe: at 32 the handler gives up
     * and defers (the card overruns meanwhile); at 1000 it stays in one interrupt through the
     * whole burst and delivers every frame.
     */
    @Test
    void maxInterruptWorkAtModprobeDecidesWhetherTheHandlerDefers() throws ErrnoException {
        long seed = 54;
        VortexLoad low = new VortexLoad(boot(seed, Map.of("max_interrupt_work", "32"), c3c595(MAC_A), null));
        VortexLoad high = new VortexLoad(boot(seed, Map.of("max_interrupt_work", "1000"), c3c595(MAC_A), null));
        VortexLoad.Step s32 = low.offer(50_000);
        VortexLoad.Step s1000 = high.offer(50_000);
        assertAboveSaturation(seed, s32, VortexRegs.RX_COMPLETE);
        assertThat(s1000.trips()).as("seed %d: 1000 passes are never used up: %s", seed, s1000).isZero();
        assertThat(s1000.interrupts()).as("seed %d: one interrupt held the CPU through the burst: %s", seed, s1000)
                .isLessThan(s32.interrupts());
        assertThat(s1000.delivered()).as("seed %d: %s", seed, s1000).isEqualTo(s1000.offered());
        assertThat(s1000.conservation().holds()).as("seed %d: %s", seed, s1000.conservation()).isTrue();
    }
}
