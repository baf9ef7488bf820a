package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c905c;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static io.jnetdev.drivers.vortex.VortexMachines.vp;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.Skb;
import io.jnetdev.hw.wire.CountingSink;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The download list stalls (bus mastering off: the engine cannot fetch a DPD): the ring fills, the
 * queue stops, and after {@code watchdog} ms the core's transmit watchdog calls
 * {@code vortex_tx_timeout}, which resets the transmitter, points the engine at the oldest DPD
 * again and wakes the queue; once the engine can run, every frame goes out and is reclaimed.
 */
class VortexTxTimeoutTest {

    private static Skb frame(NetDeviceImpl dev, int seq) {
        Skb skb = dev.allocSkb(60);
        var d = skb.put(60);
        d.fill((byte) 0);
        for (int i = 0; i < 6; i++) {
            d.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) 0xFF); // broadcast
        }
        d.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 12, (byte) 0x08);
        d.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 14, (byte) seq);
        return skb;
    }

    @Test
    void aStalledDownloadListTimesOutResetsTheTransmitterAndThenDrains() throws ErrnoException {
        long seed = 61;
        Machine m = boot(seed, Map.of("watchdog", "1000"), c3c905c(MAC_A), null);
        NetDeviceImpl dev = dev(m, "eth0");
        VortexPrivate vp = vp(m, "eth0");
        CountingSink wire = new CountingSink();
        m.portOf("eth0").connect(wire);
        m.net().devOpen(dev);
        m.run(3500 * MS);

        vp.pdev.clearMaster(); // the card can no longer fetch descriptors
        int n = 30;
        for (int i = 0; i < n; i++) {
            m.net().devQueueXmit(dev, frame(dev, i));
        }
        m.run(100 * MS);
        BoomerangTx tx = (BoomerangTx) vp.tx;
        assertThat(tx.inFlight()).as("seed %d: the ring is full", seed).isEqualTo(VortexRegs.TX_RING_SIZE);
        assertThat(dev.queueStopped()).as("seed %d: the queue stopped", seed).isTrue();
        assertThat(vp.txTimeouts).as("seed %d: not yet", seed).isZero();

        m.run(1200 * MS);
        assertThat(vp.txTimeouts).as("seed %d: one timeout after watchdog=1000 ms\n%s", seed, m.dmesg()).isEqualTo(1);
        assertThat(m.dmesg()).as("seed %d", seed).contains("eth0: transmit timed out, tx_status");
        assertThat(m.violations().all()).as("seed %d: the core's NETDEV WATCHDOG warning, nothing else", seed)
                .extracting(Violation::rule).containsExactly("NDO-WATCHDOG");

        vp.pdev.setMaster();
        m.run(100 * MS);
        assertThat(wire.frames()).as("seed %d: every frame went out after the reset\n%s", seed, m.dmesg())
                .isEqualTo(n);
        assertThat(tx.inFlight()).as("seed %d: and was reclaimed", seed).isZero();
        assertThat(dev.queueStopped()).as("seed %d", seed).isFalse();
        m.net().devClose(dev);
        assertThat(m.net().skbsInUse()).as("seed %d", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).hasSize(1);
    }
}
