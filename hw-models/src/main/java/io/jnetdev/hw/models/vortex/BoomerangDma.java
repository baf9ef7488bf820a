package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;

/**
 * The Boomerang-class bus-master engines of the 3c905C (B.5, B.6; what Linux's
 * {@code boomerang_rx}, {@code boomerang_start_xmit} and the DownComplete part of
 * {@code _boomerang_interrupt} drive): the upload engine (receive, UPD list at UpListPtr) and the
 * download engine (transmit, DPD list at DownListPtr).
 *
 * <h2>Upload</h2>
 * Frames wait in the card's 8 KiB receive FIFO ({@link VortexRx}) until the upload engine moves them,
 * oldest first, into the UPD at UpListPtr: the frame is written across the UPD's fragments (up to 63,
 * the one with LAST_FRAG ends the list), then the UPD's status gets the length, UpComplete (bit 15)
 * and, for a damaged frame, UpError (bit 14) with the error bits in 23:16 (and bit 24 when the frame
 * did not fit the fragments); UpPktStatus shows the same word. UpListPtr then follows the UPD's next
 * pointer and UpComplete is raised. The engine stops:
 * <ul>
 * <li>at a UPD the host has not released (its status still has UpComplete): UpPktStatus shows
 *     UP_STALLED until UpUnstall (Linux issues one for each UPD it gives back) or a write of
 *     UpListPtr makes it look again (UpPoll is not modelled);</li>
 * <li>at the end of the list (next pointer 0: UpListPtr becomes 0) until UpListPtr is written;</li>
 * <li>while stalled by UpStall (until UpUnstall), with bus mastering off, or after a DMA fault.</li>
 * </ul>
 * Meanwhile frames pile up in the FIFO, and once it is full the frames that arrive are overruns —
 * counted in W6 RX overruns. The model keeps the host's side asynchronous: a command or register write
 * that lets the engine go on takes effect as a device event at the same virtual time.
 *
 * <h2>Download</h2>
 * While DownListPtr is non-zero and the engine is not stalled (DownStall/DownUnstall), it takes the
 * DPD there: the frame start header's length (bits 12:0) and the fragments up to LAST_FRAG are copied
 * into the transmit FIFO as soon as it has room for the whole frame; then bit 16 (dnComplete) is set
 * in the header, DownListPtr follows the next pointer (0 ends the list), and when the header had bit
 * 31 (TxIntrUploaded) DownComplete is raised — on download, not on transmission, as Linux's name
 * says. Bit 15 (TX indicate) asks for a TxComplete status once the frame has been sent. A DPD whose
 * length (up to 8191) could never fit the 8 KiB FIFO is consumed with dnComplete but not sent, logged
 * and counted in {@link Vortex#txDroppedTotal()}, so the list does not hang on it. CRC-disable,
 * round-up-defeat and the checksum-offload bits are ignored (frames leave without FCS in this
 * simulator and no checksum is computed; no receive checksum bits are set).
 *
 * <h2>Errors</h2>
 * A descriptor or buffer outside the device's DMA view raises HostError, sets the PCI master-abort bit
 * in PktStatus and stops that engine (logged) until TotalReset, RxReset / TxReset for its side, or a
 * new UpListPtr / DownListPtr; the abort bit stays until TotalReset.
 */
final class BoomerangDma {
    private final Vortex card;
    private final VortexInterrupts irq;
    private final VortexRx rx;
    private final VortexTx tx;
    private DeviceContext ctx;
    private DeviceTimer upTimer;
    private DeviceTimer downTimer;

    private int upListPtr;
    private int downListPtr;
    private int upPktStatus;
    private int pktControl;
    private int abortBits;
    private int downPoll;
    private int upPoll;
    private int txFreeThreshold;
    private boolean upStalledByCommand;
    private boolean upStalledAtDescriptor;
    private boolean downStalled;
    private boolean upFault;
    private boolean downFault;

    BoomerangDma(Vortex card, VortexInterrupts irq, VortexRx rx, VortexTx tx) {
        this.card = card;
        this.irq = irq;
        this.rx = rx;
        this.tx = tx;
    }

    void attach(DeviceContext context) {
        this.ctx = context;
        this.upTimer = context.newTimer("3c59x upload", this::upload);
        this.downTimer = context.newTimer("3c59x download", this::download);
    }

    /** TotalReset: both engines idle, list pointers 0. */
    void reset() {
        resetUp();
        resetDown();
        pktControl = 0;
        abortBits = 0;
        downPoll = 0;
        upPoll = 0;
        txFreeThreshold = 0;
    }

    /** RxReset: the upload engine forgets stalls and faults; UpListPtr stays (Linux does not rewrite it after an RxReset). */
    void resetUp() {
        upStalledByCommand = false;
        upStalledAtDescriptor = false;
        upFault = false;
        upPktStatus = 0;
        if (upTimer != null) {
            upTimer.cancel();
        }
    }

    /**
     * TxReset: the download engine stops and DownListPtr is cleared — unless the argument has 0x0100,
     * which the caller checks (Linux's comment on TxReset|0x0108: "reset interface but not download
     * logic", and its tx-timeout path rewrites DownListPtr after a plain TxReset).
     */
    void resetDown() {
        downListPtr = 0;
        downStalled = false;
        downFault = false;
        if (downTimer != null) {
            downTimer.cancel();
        }
    }

    void stop() {
        if (upTimer != null) {
            upTimer.cancel();
            downTimer.cancel();
        }
    }

    // ---- commands -----------------------------------------------------------------------------------

    void upStall() {
        upStalledByCommand = true;
    }

    void upUnstall() {
        upStalledByCommand = false;
        upStalledAtDescriptor = false;
        kickUp();
    }

    void downStall() {
        downStalled = true;
    }

    void downUnstall() {
        downStalled = false;
        kickDown();
    }

    /** Something changed that may let an engine go on (bus mastering turned on, a frame arrived). */
    void kickUp() {
        if (upTimer != null && !upTimer.pending()) {
            upTimer.schedule(0);
        }
    }

    void kickDown() {
        if (downTimer != null && !downTimer.pending()) {
            downTimer.schedule(0);
        }
    }

    // ---- registers ----------------------------------------------------------------------------------

    /** The dword at {@code off} (0x20..0x3C, dword aligned). */
    int readDword(int off) {
        return switch (off) {
            case PktStatus -> pktStatus();
            case DownListPtr -> downListPtr;
            case FragAddr -> 0;
            case FragLen -> downPoll << 8 | txFreeThreshold << 24;
            case UpPktStatus -> upPktStatus | (upStalledAtDescriptor || upStalledByCommand ? UP_STALLED : 0);
            case UpListPtr -> upListPtr;
            case 0x3C -> upPoll << 8;
            default -> 0;
        };
    }

    /** PktStatus: the writable control bits and the engines' state. */
    int pktStatus() {
        return pktControl | abortBits
                | (downStalled ? DMACTL_DOWN_STALLED : 0)
                | (irq.pending(UpComplete) ? DMACTL_UP_CMPLT : 0)
                | (irq.pending(DownComplete) ? DMACTL_DOWN_CMPLT : 0)
                | (downListPtr != 0 && !downStalled ? DMACTL_DOWN_INPROG : 0);
    }

    void write(int off, int size, int value) {
        switch (off) {
            case PktStatus -> pktControl = value & (DMACTL_DN_CMPLT_REQ | DMACTL_UP_RX_EARLY | DMACTL_ARM_COUNTDOWN
                    | DMACTL_COUNTER_SPEED | DMACTL_DOWNDOWN_MODE);
            case DownListPtr -> {
                if (size == 4) {
                    downListPtr = value;
                    downFault = false;
                    kickDown();
                }
            }
            case DownPoll -> downPoll = value & 0xFF;
            case TxFreeThreshold -> txFreeThreshold = value & 0xFF;
            case UpListPtr -> {
                if (size == 4) {
                    upListPtr = value;
                    upStalledAtDescriptor = false;
                    upFault = false;
                    kickUp();
                }
            }
            case UpPoll -> upPoll = value & 0xFF;
            default -> { }
        }
    }

    // ---- upload -----------------------------------------------------------------------------------------

    private boolean upReady() {
        return upListPtr != 0 && !upStalledByCommand && !upStalledAtDescriptor && !upFault && ctx.busMasterEnabled();
    }

    /** Moves frames from the receive FIFO into UPDs while it can. */
    void upload() {
        DmaPort dma = ctx.dma();
        while (rx.fifo.headReady() && upReady()) {
            long upd = upListPtr & 0xFFFF_FFFFL;
            try {
                int status = dma.read32(upd + DESC_STATUS);
                if ((status & RxDComplete) != 0) {
                    upStalledAtDescriptor = true;
                    return;
                }
                int len = rx.fifo.headLength();
                int err = rx.fifo.headStatus();
                int off = 0;
                for (int k = 0; k < MAX_FRAGS && off < len; k++) {
                    long frag = upd + DESC_FRAGS + 8L * k;
                    long addr = dma.read32(frag) & 0xFFFF_FFFFL;
                    int flen = dma.read32(frag + 4);
                    int n = Math.min(flen & FRAG_LEN_MASK, len - off);
                    if (n > 0) {
                        rx.fifo.dmaHeadOut(off, dma, addr, n);
                        off += n;
                    }
                    if ((flen & LAST_FRAG) != 0) {
                        break;
                    }
                }
                int word = (off & UPD_LEN_MASK) | RxDComplete;
                if (off < len) {
                    word |= UPD_UPLOAD_OVERFLOW | RxDError;
                }
                if (err != 0) {
                    word |= RxDError | err << UPD_ERR_SHIFT;
                }
                dma.write32(upd + DESC_STATUS, word);
                upPktStatus = word & 0xFFFF;
                upListPtr = dma.read32(upd + DESC_NEXT);
            } catch (DmaFaultException e) {
                upFault = true;
                hostError("upload", upd, e);
                return;
            }
            rx.leave();
            irq.raise(UpComplete);
        }
    }

    // ---- download --------------------------------------------------------------------------------------

    /** Moves frames from DPDs into the transmit FIFO while it can. */
    void download() {
        DmaPort dma = ctx.dma();
        while (downListPtr != 0 && !downStalled && !downFault && ctx.busMasterEnabled()) {
            long dpd = downListPtr & 0xFFFF_FFFFL;
            int slot = -1;
            try {
                int header = dma.read32(dpd + DESC_STATUS);
                int len = header & DPD_LEN_MASK;
                if (PacketFifo.cost(len) > VortexTx.FIFO_SIZE) {
                    // can never fit: consumed without sending, so the list does not hang on it
                    card.log(String.format("3c59x: DPD at 0x%x asks for %d bytes, more than the %d-byte transmit FIFO: dropped",
                            dpd, len, VortexTx.FIFO_SIZE));
                    tx.dropped++;
                    dma.write32(dpd + DESC_STATUS, header | DN_COMPLETE);
                    downListPtr = dma.read32(dpd + DESC_NEXT);
                    continue;
                }
                if (!tx.fits(len)) {
                    return; // picked up again when the transmitter frees space
                }
                slot = tx.reserve(len, (header & TxDComplete) != 0);
                int off = 0;
                for (int k = 0; k < MAX_FRAGS && off < len; k++) {
                    long frag = dpd + DESC_FRAGS + 8L * k;
                    long addr = dma.read32(frag) & 0xFFFF_FFFFL;
                    int flen = dma.read32(frag + 4);
                    int n = Math.min(flen & FRAG_LEN_MASK, len - off);
                    if (n > 0) {
                        tx.download(slot, off, dma, addr, n);
                        off += n;
                    }
                    if ((flen & LAST_FRAG) != 0) {
                        break;
                    }
                }
                dma.write32(dpd + DESC_STATUS, header | DN_COMPLETE);
                downListPtr = dma.read32(dpd + DESC_NEXT);
                tx.completeDownload(slot);
                slot = -1;
                if ((header & TxIntrUploaded) != 0) {
                    irq.raise(DownComplete);
                }
            } catch (DmaFaultException e) {
                if (slot >= 0) {
                    tx.abandon();
                }
                downFault = true;
                hostError("download", dpd, e);
                return;
            }
        }
    }

    private void hostError(String engine, long desc, DmaFaultException e) {
        abortBits |= DMACTL_MASTER_ABORT;
        card.log(String.format("3c59x: %s engine stopped at descriptor 0x%x: %s", engine, desc, e.getMessage()));
        irq.raise(HostError);
    }
}
