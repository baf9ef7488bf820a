package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.RtnlLinkStats64;

/**
 * The card's statistics as the driver accumulates them ({@code dev->stats} plus
 * {@code struct vortex_extra_stats}) and {@code update_stats}, which reads the read-to-clear
 * counters of window 6 (and the bad-SSD and upper-bytes registers of window 4) and adds them.
 * Frames the card could not store (its receive overruns) and frames the driver discarded are
 * reported to the core by name ({@link NetDevice#countRxDrop}), each exactly once, so that frame
 * conservation balances.
 */
final class VortexStats {
    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    long rxErrors;
    long rxOverErrors;
    long rxLengthErrors;
    long rxFrameErrors;
    long rxCrcErrors;
    long rxFifoErrors;
    long rxDropped;
    long txErrors;
    long txDropped;
    long txFifoErrors;
    long txAbortedErrors;
    long txCarrierErrors;
    long txHeartbeatErrors;
    long txWindowErrors;
    // vortex_extra_stats
    long txDeferred;
    long txMaxCollisions;
    long txMultipleCollisions;
    long txSingleCollisions;
    long rxBadSsd;
    /** Frames the card counted as received in window 6 (read to clear it; Linux discards it). */
    long rxFramesCard;
    private final RtnlLinkStats64 coreScratch = new RtnlLinkStats64();

    /** {@code update_stats}: every counter read (which clears it) and added. */
    void update(VortexIo io, NetDevice dev) {
        txCarrierErrors += io.windowRead8(6, WN6_CARRIER_LOST);
        txHeartbeatErrors += io.windowRead8(6, WN6_SQE_ERRORS);
        txWindowErrors += io.windowRead8(6, WN6_LATE_COLLISIONS);
        int overruns = io.windowRead8(6, WN6_RX_OVERRUNS);
        rxFifoErrors += overruns;
        int txLow = io.windowRead8(6, WN6_FRAMES_XMITTED_OK);
        int rxLow = io.windowRead8(6, WN6_FRAMES_RCVD_OK);
        int upperFrames = io.windowRead8(6, WN6_UPPER_FRAMES_OK);
        txPackets += txLow + ((upperFrames & 0x30) << 4);
        rxFramesCard += rxLow + ((upperFrames & 0x03) << 8);
        rxBytes += io.windowRead16(6, WN6_BYTES_RCVD_OK);
        txBytes += io.windowRead16(6, WN6_BYTES_XMITTED_OK);
        txMultipleCollisions += io.windowRead8(6, WN6_MULTIPLE_COLLISIONS);
        txSingleCollisions += io.windowRead8(6, WN6_SINGLE_COLLISIONS);
        txDeferred += io.windowRead8(6, WN6_FRAMES_DEFERRED);
        rxBadSsd += io.windowRead8(4, WN4_BAD_SSD);
        int up = io.windowRead8(4, WN4_UPPER_BYTES);
        rxBytes += (long) (up & 0x0F) << 16;
        txBytes += (long) (up & 0xF0) << 12;
        if (overruns > 0) {
            dev.countRxDrop("rx_fifo_errors", overruns);
        }
    }

    /**
     * A frame the card stored with an error (PIO RxErrors byte, or the UPD status' error byte):
     * counted under each cause as Linux does, and reported to the core once, under its first cause.
     */
    void rxError(NetDevice dev, int rxError) {
        rxErrors++;
        String counter = "rx_errors";
        if ((rxError & RX_ERR_OVERRUN) != 0) {
            rxOverErrors++;
            counter = "rx_over_errors";
        }
        if ((rxError & RX_ERR_RUNT) != 0) {
            rxLengthErrors++;
            counter = counter.equals("rx_errors") ? "rx_length_errors" : counter;
        }
        if ((rxError & RX_ERR_ALIGNMENT) != 0) {
            rxFrameErrors++;
            counter = counter.equals("rx_errors") ? "rx_frame_errors" : counter;
        }
        if ((rxError & RX_ERR_CRC) != 0) {
            rxCrcErrors++;
            counter = counter.equals("rx_errors") ? "rx_crc_errors" : counter;
        }
        if ((rxError & RX_ERR_OVERSIZE) != 0) {
            rxLengthErrors++;
            counter = counter.equals("rx_errors") ? "rx_length_errors" : counter;
        }
        dev.countRxDrop(counter, 1);
    }

    /** {@code vortex_get_stats} as {@code rtnl_link_stats64}: these counters plus the core's drops. */
    void fill(NetDevice dev, RtnlLinkStats64 s) {
        RtnlLinkStats64 core = coreScratch;
        core.clear();
        dev.coreStats(core);
        s.rxPackets = rxPackets;
        s.rxBytes = rxBytes;
        s.txPackets = txPackets;
        s.txBytes = txBytes;
        s.rxErrors = rxErrors;
        s.rxOverErrors = rxOverErrors;
        s.rxLengthErrors = rxLengthErrors;
        s.rxFrameErrors = rxFrameErrors;
        s.rxCrcErrors = rxCrcErrors;
        s.rxFifoErrors = rxFifoErrors;
        s.rxDropped = rxDropped + core.rxDropped;
        s.txErrors = txErrors;
        s.txDropped = txDropped + core.txDropped;
        s.txFifoErrors = txFifoErrors;
        s.txAbortedErrors = txAbortedErrors;
        s.txCarrierErrors = txCarrierErrors;
        s.collisions = txMultipleCollisions + txSingleCollisions + txMaxCollisions;
    }
}
