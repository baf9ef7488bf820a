package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.FrameError;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.models.NicPort;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A register-level model of two members of the 3Com EtherLink family that Linux's {@code 3c59x}
 * driver serves: the Vortex 3c595 (PCI 10B7:5950, programmed I/O) and the Boomerang-class 3c905C
 * "Tornado" (10B7:9200, UPD/DPD bus master). Every offset, bit and command follows
 * {@code nic-facts.md} section B; Linux's {@code 3c59x.c} was read for what the driver expects of the
 * card (never copied). QEMU has no model of this family: where the facts are silent the class
 * comments of the engines say what the model chose.
 *
 * <h2>PCI function</h2>
 * Class 0x020000, INTA only: no MSI or MSI-X capability. The 3c595 has a 32-byte I/O BAR0 and no
 * capabilities. The 3c905C has a 128-byte I/O BAR0, BAR1 a 128-byte memory BAR decoding the same
 * registers (Linux maps BAR1 for Cyclone/Tornado), and a PCI power-management capability at 0xDC.
 * Subsystem 10B7:device ID; revision 0x74 on the 3c905C (see {@link VortexChip}).
 *
 * <h2>Registers</h2>
 * Offsets 0x00..0x0F are windowed (SelectWindow 0..7), except 0x0E: EL3_CMD when written, EL3_STATUS
 * when read, in every window, with the selected window in bits 15:13 and CmdInProgress in bit 12.
 * 0x10..0x1F are window 1, always visible (and also reached at 0x00..0x0D while window 1 is
 * selected). 0x20..0x3F are the bus-master registers of {@link BoomerangDma} (3c905C only). Reads are
 * composed byte by byte, so any width works; a read-to-clear register clears the bytes it returns.
 * Registers the model does not implement read 0 and ignore writes: window 0's manufacturer and product
 * ID words read EEPROM words 7 and 3, its config-control, address and resource config words are plain
 * storage, window 4's TX/VCO/FIFO diagnostic registers read 0, window 1's Timer reads 0.
 * The window contents, commands and the EEPROM are in {@link VortexRegs}, {@link VortexEeprom},
 * {@link VortexInterrupts}, {@link VortexStats}, {@link VortexRx}, {@link VortexTx},
 * {@link BoomerangDma} and {@link VortexMii}.
 *
 * <h2>Commands</h2>
 * Every command of B.2 is decoded. The ones BSD marks "must wait" — TotalReset, RxReset, TxReset,
 * UpStall, DownStall — and RxDiscard (which Linux also waits for) set CmdInProgress for a short time
 * of virtual time ({@link #TOTAL_RESET_NANOS}, {@link #RESET_NANOS}, {@link #STALL_NANOS},
 * {@link #DISCARD_NANOS}: the model's choices) and take effect at once. With
 * {@link #stickCommands(boolean) stickCommands(true)} CmdInProgress never clears after such a
 * command — a card whose command unit has hung — so a driver must give up with a log line rather than
 * spin. DMAInProgress (bit 11) never reads 1: the model's transfers complete at once. StartCoax/StopCoax do nothing (no coax transceiver); SetTxReclaim and SetFilterBit are stored
 * or ignored; codes 7 and 26..31 are logged as unknown. TotalReset (whatever its argument) returns
 * the card to its power-on state, flushing both FIFOs and stopping both engines.
 *
 * <h2>Link</h2>
 * A 100 Mbit/s port ({@link NicPort}); with the cable in, window 4's media status shows link beat
 * (0x0800) and the 3c905C's MII PHY reports link and a full-duplex partner. No cause is raised on a
 * link change: Linux's media timer polls.
 *
 * <h2>Accounting</h2>
 * Every frame offered to the {@link #port() port} ends in exactly one of: received — handed to the
 * host good ({@link #rxFramesTotal()}); error — a runt, oversize or damaged frame handed to the host
 * with its error bits ({@link #rxErrorsTotal()}); overrun — no room in the receive FIFO, counted in W6
 * RX overruns ({@link #overrunTotal()}); filtered — receiver disabled, cable out or address not
 * accepted, no register counts it ({@link #filteredTotal()}); flushed — still in the FIFO when a reset
 * emptied it ({@link #rxFlushedTotal()}); or it is still waiting in the FIFO
 * ({@link #rxPendingFrames()}). So {@code offered = received + errors + overruns + filtered + flushed
 * + pending}.
 */
public final class Vortex implements NicModel {
    /** Station address the factories use unless told otherwise: 00:04:75 (3Com) :12:34:56. */
    public static final long DEFAULT_MAC = 0x0004_7512_3456L;
    /** CmdInProgress after TotalReset: 1 ms. */
    public static final long TOTAL_RESET_NANOS = 1_000_000;
    /** CmdInProgress after RxReset and TxReset: 10 µs. */
    public static final long RESET_NANOS = 10_000;
    /** CmdInProgress after UpStall and DownStall: 2 µs. */
    public static final long STALL_NANOS = 2_000;
    /** CmdInProgress after RxDiscard: 1 µs. */
    public static final long DISCARD_NANOS = 1_000;
    static final int PM_CAP_OFFSET = 0xDC;
    /** Internal config RAM fields: 16 KiB (code 1), word wide, RAM split 1:1 (code 2). */
    private static final int CONFIG_RAM = 1 | 1 << 3 | 2 << 16;
    private static final int CONFIG_WRITABLE = 0xF << CONFIG_XCVR_SHIFT | CONFIG_AUTOSELECT;

    private final VortexChip chip;
    private final VortexEeprom eeprom;
    private final VortexInterrupts irq = new VortexInterrupts();
    private final VortexStats stats = new VortexStats(irq);
    private final VortexRx rx = new VortexRx(this, irq, stats);
    private final VortexTx tx = new VortexTx(this, irq, stats);
    private final BoomerangDma dma;
    private final VortexMii mii;
    private final NicPort port = new NicPort(new PortSide(), LINE_RATE);
    private DeviceContext ctx;

    private int window;
    private int configControl;
    private int addressConfig;
    private int resourceConfig;
    private final byte[] station = new byte[12];
    private int resetOptions;
    private int internalConfig;
    private int maxPktSize;
    private int macCtrl;
    private int netDiag;
    private int media;
    private int masterAddr;
    private int masterLen;
    private int masterStatus;
    private int vlanType;
    private long cmdBusyUntil;
    private boolean cmdStuck;
    private boolean stickCommands;
    private boolean pioWarned;

    /** A card of kind {@code chip} with station address {@code mac} (48 bits, first octet most significant). */
    public Vortex(VortexChip chip, long mac) {
        if ((mac & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits: 0x" + Long.toHexString(mac));
        }
        this.chip = chip;
        this.eeprom = new VortexEeprom(chip, mac);
        this.dma = chip.busMaster() ? new BoomerangDma(this, irq, rx, tx) : null;
        this.mii = new VortexMii(chip == VortexChip.C3C905C);
        powerOn();
    }

    /** A 3c595 Vortex 100baseTX (PIO). */
    public static Vortex c3c595(long mac) {
        return new Vortex(VortexChip.C3C595, mac);
    }

    /** A 3c905C Tornado (bus master). */
    public static Vortex c3c905c(long mac) {
        return new Vortex(VortexChip.C3C905C, mac);
    }

    public VortexChip chip() {
        return chip;
    }

    @Override
    public PciConfigLayout layout() {
        if (!chip.cycloneOrTornado()) {
            return new PciConfigLayout(VENDOR_ID, chip.deviceId(), VENDOR_ID, chip.subsystemId(), CLASS_CODE,
                    chip.revision(), 1, List.of(BarSpec.io(BAR_IO, chip.ioSize())), List.of());
        }
        // PMC: version 2, D1 and D2, PME from every state; PMCSR 0.
        byte[] pm = {0x02, (byte) 0xFE, 0x00, 0x00, 0x00, 0x00};
        return new PciConfigLayout(VENDOR_ID, chip.deviceId(), VENDOR_ID, chip.subsystemId(), CLASS_CODE,
                chip.revision(), 1, List.of(BarSpec.io(BAR_IO, chip.ioSize()), BarSpec.mmio(BAR_MEM, chip.ioSize())),
                List.of(new CapabilitySpec.Raw(PM_CAP_OFFSET, 0x01, pm)));
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        irq.attach(context);
        tx.attach(context);
        if (dma != null) {
            dma.attach(context);
        }
    }

    @Override
    public EthernetPort port() {
        return port;
    }

    /**
     * Fault knob for tests: while on, a command that sets CmdInProgress never clears it (turning it
     * off clears a stuck one).
     */
    public void stickCommands(boolean stick) {
        stickCommands = stick;
        if (!stick) {
            cmdStuck = false;
        }
    }

    // ---- BAR access --------------------------------------------------------------------------------

    private boolean decodes(int bar) {
        return bar == BAR_IO || bar == BAR_MEM && chip.cycloneOrTornado();
    }

    @Override
    public long read(int bar, long offset, int size) {
        if (!decodes(bar)) {
            return 0;
        }
        int off = (int) offset;
        if (size == 8) {
            return read(bar, off, 4) & 0xFFFF_FFFFL | read(bar, off + 4, 4) << 32;
        }
        if (off >= 0x20) {
            if (dma == null || off >= 0x40) {
                return 0;
            }
            long v = 0;
            for (int i = 0; i < size; i++) {
                int o = off + i;
                v |= (long) ((dma.readDword(o & ~3) >>> (8 * (o & 3))) & 0xFF) << (8 * i);
            }
            return v;
        }
        if (off == RX_FIFO || window == 1 && off == RX_FIFO - 0x10) {
            return readRxPort(size);
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) readByte(off + i) << (8 * i);
        }
        return v;
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        if (!decodes(bar)) {
            return;
        }
        int off = (int) offset;
        if (size == 8) {
            write(bar, off, 4, value & 0xFFFF_FFFFL);
            write(bar, off + 4, 4, value >>> 32);
            return;
        }
        if (off >= 0x20) {
            if (dma != null && off < 0x40) {
                dma.write(off, size, (int) value);
            }
            return;
        }
        if (off >= 0x10 || window == 1 && off < EL3_CMD) {
            writeWindow1(off >= 0x10 ? off : off + 0x10, size, value);
            return;
        }
        if (size == 4 && off == 0x0C) {
            writeWindow(off, 2, (int) value & 0xFFFF);
            command((int) (value >>> 16) & 0xFFFF);
            return;
        }
        if (off == EL3_CMD) {
            command((int) value & 0xFFFF);
            return;
        }
        if (size == 4) {
            writeWindow(off, 2, (int) value & 0xFFFF);
            writeWindow(off + 2, 2, (int) (value >>> 16) & 0xFFFF);
        } else {
            writeWindow(off, size, (int) value & (size == 1 ? 0xFF : 0xFFFF));
        }
    }

    /** EL3_STATUS. */
    int status() {
        return window << WINDOW_SHIFT | (commandBusy() ? CmdInProgress : 0) | irq.status();
    }

    private boolean commandBusy() {
        return cmdStuck || ctx != null && ctx.nowNanos() < cmdBusyUntil;
    }

    private int readByte(int off) {
        if (off == EL3_STATUS || off == EL3_STATUS + 1) {
            return status() >>> (8 * (off - EL3_STATUS)) & 0xFF;
        }
        if (off >= 0x10) {
            return window1Byte(off);
        }
        return switch (window) {
            case 1 -> window1Byte(off + 0x10);
            case 2 -> off < station.length ? station[off] & 0xFF : half(resetOptions, off - Wn2_ResetOptions);
            case 4 -> off >= Wn4_BadSSD ? stats.readW4(off) : half(window16(4, off & ~1), off & 1);
            case 6 -> stats.readW6(off);
            default -> half(window16(window, off & ~1), off & 1);
        };
    }

    private static int half(int v16, int index) {
        return v16 >>> (8 * index) & 0xFF;
    }

    /** A 16-bit window register without read side effects (windows 0, 3, 4 below 0x0C, 5, 7). */
    private int window16(int w, int off) {
        long now = ctx == null ? 0 : ctx.nowNanos();
        return switch (w) {
            case 0 -> switch (off) {
                case Wn0ManufacturerId -> eeprom.word(EE_ETHERLINK3_ID);
                case Wn0ProductId -> eeprom.word(EE_PRODUCT_ID);
                case Wn0ConfigControl -> configControl;
                case Wn0AddressConfig -> addressConfig;
                case Wn0ResourceConfig -> resourceConfig;
                case Wn0EepromCmd -> eeprom.commandRead(now);
                case Wn0EepromData -> eeprom.dataRead(now);
                default -> 0;
            };
            case 3 -> switch (off) {
                case Wn3_Config -> internalConfig & 0xFFFF;
                case Wn3_Config + 2 -> internalConfig >>> 16;
                case Wn3_MaxPktSize -> chip.cycloneOrTornado() ? maxPktSize : 0;
                case Wn3_MAC_Ctrl -> macCtrl;
                case Wn3_Options -> chip.mediaOptions();
                case Wn3_FreeRx -> rx.fifo.free();
                case Wn3_FreeTx -> tx.fifo.free();
                default -> 0;
            };
            case 4 -> switch (off) {
                case Wn4_NetDiag -> netDiag;
                case Wn4_PhysicalMgmt -> mii.read();
                case Wn4_Media -> media | (port.linkUp() ? Media_LnkBeat : 0);
                default -> 0;
            };
            case 5 -> switch (off) {
                case Wn5_TxStartThresh -> tx.startThreshold();
                case Wn5_TxAvailThresh -> tx.availThresholdRegister();
                case Wn5_RxEarlyThresh -> rx.earlyThreshold();
                case Wn5_RxFilter -> rx.filter() | tx.reclaimThreshold() << 8;
                case Wn5_IntrEnable -> irq.intrEnable();
                case Wn5_StatusEnable -> irq.statusEnable();
                default -> 0;
            };
            case 7 -> switch (off) {
                case Wn7_MasterAddr -> masterAddr & 0xFFFF;
                case Wn7_MasterAddr + 2 -> masterAddr >>> 16;
                case Wn7_VlanEtherType -> chip.cycloneOrTornado() ? vlanType : 0;
                case Wn7_MasterLen -> masterLen;
                case Wn7_MasterStatus -> masterStatus;
                default -> 0;
            };
            default -> 0;
        };
    }

    private void writeWindow(int off, int size, int v) {
        if (window == 2 && off < station.length) {
            for (int i = 0; i < size && off + i < station.length; i++) {
                station[off + i] = (byte) (v >>> (8 * i));
            }
            return;
        }
        if (size == 1) {
            // a byte write to a 16-bit register: merge into what the register holds
            int even = off & ~1;
            int cur = window == 2 ? resetOptions : window16(window, even);
            v = (off & 1) == 0 ? (cur & 0xFF00) | v : (cur & 0xFF) | v << 8;
            off = even;
        }
        long now = ctx == null ? 0 : ctx.nowNanos();
        switch (window) {
            case 0 -> {
                switch (off) {
                    case Wn0ConfigControl -> configControl = v;
                    case Wn0AddressConfig -> addressConfig = v;
                    case Wn0ResourceConfig -> resourceConfig = v;
                    case Wn0EepromCmd -> eeprom.commandWritten(v, now);
                    default -> { }
                }
            }
            case 2 -> {
                if (off == Wn2_ResetOptions) {
                    resetOptions = v;
                }
            }
            case 3 -> {
                switch (off) {
                    case Wn3_Config + 2 -> internalConfig = internalConfig & ~CONFIG_WRITABLE | v << 16 & CONFIG_WRITABLE;
                    case Wn3_MaxPktSize -> maxPktSize = v;
                    case Wn3_MAC_Ctrl -> macCtrl = v;
                    default -> { }
                }
            }
            case 4 -> {
                switch (off) {
                    case Wn4_NetDiag -> netDiag = v;
                    case Wn4_PhysicalMgmt -> mii.write(v);
                    case Wn4_Media -> media = v & ~Media_LnkBeat;
                    default -> { }
                }
            }
            case 7 -> {
                switch (off) {
                    case Wn7_MasterAddr -> masterAddr = masterAddr & 0xFFFF_0000 | v;
                    case Wn7_MasterAddr + 2 -> masterAddr = masterAddr & 0xFFFF | v << 16;
                    case Wn7_VlanEtherType -> vlanType = v;
                    case Wn7_MasterLen -> masterLen = v;
                    case Wn7_MasterStatus -> masterStatusWritten(v);
                    default -> { }
                }
            }
            default -> { }
        }
    }

    private void masterStatusWritten(int v) {
        if (chip.busMaster()) {
            masterStatus = v; // Tornado: the power-management event register (BSD); storage
            return;
        }
        if ((v & MASTER_DOWNLOAD_DONE) != 0) {
            masterStatus &= ~MASTER_DOWNLOAD_DONE;
            irq.ack(DMADone);
        }
    }

    // ---- window 1 --------------------------------------------------------------------------------

    private int window1Byte(int off) {
        return switch (off) {
            case RxErrors -> rx.rxErrors();
            case RxStatus, RxStatus + 1 -> half(rx.rxStatus(), off - RxStatus);
            case TxStatus -> tx.txStatus();
            case TxFree, TxFree + 1 -> half(Math.min(tx.txFree(), 0xFFFF), off - TxFree);
            default -> 0; // the FIFO port's upper bytes, Timer (interrupt latency is not modelled)
        };
    }

    private long readRxPort(int size) {
        if (chip.busMaster()) {
            pioWarn("read");
            return 0;
        }
        return rx.readPort(size);
    }

    private void writeWindow1(int off, int size, long value) {
        if (off >= TX_FIFO && off < TX_FIFO + 4) {
            if (chip.busMaster()) {
                pioWarn("write");
            } else {
                tx.writePort(value, size);
            }
            return;
        }
        if (off <= TxStatus && TxStatus < off + size) {
            tx.popStatus();
        }
    }

    private void pioWarn(String what) {
        if (!pioWarned) {
            pioWarned = true;
            log("3c59x: FIFO port " + what + " on a bus-master " + chip.displayName() + ": no PIO data path, ignored");
        }
    }

    // ---- commands ---------------------------------------------------------------------------------------

    /** A write to EL3_CMD. */
    void command(int word) {
        int arg = word & CMD_ARG_MASK;
        int code = word >>> CMD_SHIFT;
        switch (code) {
            case 0 -> {
                powerOn();
                busy(TOTAL_RESET_NANOS);
            }
            case 1 -> window = arg & 7;
            case 2, 23 -> { } // StartCoax / StopCoax: no coax transceiver
            case 3 -> rx.enable(false);
            case 4 -> {
                rx.enable(true);
                if (dma != null) {
                    dma.kickUp();
                }
            }
            case 5 -> {
                rx.reset();
                if (dma != null) {
                    dma.resetUp();
                }
                busy(RESET_NANOS);
            }
            case 6 -> stallCommand(arg & 3);
            case 8 -> {
                if (!chip.busMaster()) {
                    rx.discard();
                }
                busy(DISCARD_NANOS);
            }
            case 9 -> tx.enable(true);
            case 10 -> tx.enable(false);
            case 11 -> {
                tx.reset();
                if (dma != null && (arg & 0x0100) == 0) {
                    dma.resetDown();
                }
                busy(RESET_NANOS);
            }
            case 12 -> irq.raise(IntReq);
            case 13 -> irq.ack(arg);
            case 14 -> irq.setIntrEnable(arg);
            case 15 -> irq.setStatusEnable(arg);
            case 16 -> rx.setFilter(arg);
            case 17 -> rx.setEarlyThreshold(arg);
            case 18 -> tx.setAvailThreshold(arg);
            case 19 -> tx.setStartThreshold(arg);
            case 20 -> singleDma((arg & 1) != 0);
            case 21 -> stats.enable(true);
            case 22 -> stats.enable(false);
            case 24 -> tx.setReclaimThreshold(arg);
            case 25 -> { } // SetFilterBit: the 3c905B hash filter is not modelled
            default -> log(String.format("3c59x: unknown command 0x%04x (code %d) ignored", word, code));
        }
    }

    private void stallCommand(int which) {
        if (dma == null) {
            return;
        }
        switch (which) {
            case 0 -> {
                dma.upStall();
                busy(STALL_NANOS);
            }
            case 1 -> dma.upUnstall();
            case 2 -> {
                dma.downStall();
                busy(STALL_NANOS);
            }
            default -> dma.downUnstall();
        }
    }

    private void busy(long nanos) {
        if (stickCommands) {
            cmdStuck = true;
        }
        cmdBusyUntil = (ctx == null ? 0 : ctx.nowNanos()) + nanos;
    }

    /**
     * StartDMAUp / StartDMADown (Vortex single-region bus master, window 7): the upload copies
     * MasterLen bytes of the top receive frame, from where PIO reading stands, to MasterAddr and is
     * done at once (MasterStatus never shows it busy; no cause); the download feeds MasterLen bytes
     * from MasterAddr through the transmit FIFO port (after the preamble the host wrote by PIO), then
     * sets MasterStatus 0x1000 and raises DMADone. A DMA fault raises HostError. On the 3c905C these
     * commands are ignored. The download stages the data in a fresh buffer: not allocation-free, but
     * Linux uses this path only with the {@code bus_master} option.
     */
    private void singleDma(boolean down) {
        if (chip.busMaster() || ctx == null) {
            return;
        }
        int len = masterLen & 0xFFFF;
        long bus = masterAddr & 0xFFFF_FFFFL;
        try {
            if (!ctx.busMasterEnabled()) {
                throw new DmaFaultException(ctx.name(), bus, len, !down, "bus mastering is off");
            }
            if (down) {
                MemorySegment buf = MemorySegment.ofArray(new byte[len]);
                ctx.dma().read(bus, buf);
                tx.writePort(buf, len);
                masterStatus |= MASTER_DOWNLOAD_DONE;
                irq.raise(DMADone);
            } else if (rx.fifo.headReady()) {
                int n = Math.max(0, Math.min(len, rx.fifo.headLength() - rx.pioOffset()));
                rx.fifo.dmaHeadOut(rx.pioOffset(), ctx.dma(), bus, n);
                rx.advancePio(len);
            }
        } catch (DmaFaultException e) {
            log("3c59x: single-region " + (down ? "download" : "upload") + " failed: " + e.getMessage());
            irq.raise(HostError);
        }
    }

    // ---- power-on, reset, unplug --------------------------------------------------------------------------

    private void powerOn() {
        window = 0;
        configControl = 0;
        addressConfig = 0;
        resourceConfig = 0;
        long mac = eeprom.mac();
        for (int i = 0; i < 6; i++) {
            station[i] = (byte) (mac >>> (40 - 8 * i));
        }
        java.util.Arrays.fill(station, 6, 12, (byte) 0);
        resetOptions = 0;
        internalConfig = CONFIG_RAM | chip.defaultXcvr() << CONFIG_XCVR_SHIFT | CONFIG_AUTOSELECT;
        maxPktSize = MAX_FRAME;
        macCtrl = 0;
        netDiag = 0;
        media = 0;
        masterAddr = 0;
        masterLen = 0;
        masterStatus = 0;
        vlanType = 0;
        cmdBusyUntil = 0;
        cmdStuck = false;
        eeprom.reset();
        irq.reset();
        stats.reset();
        rx.reset();
        tx.reset();
        if (dma != null) {
            dma.reset();
        }
        mii.reset();
    }

    /** Function-level reset: power-on state. */
    @Override
    public void reset() {
        powerOn();
    }

    @Override
    public void commandWritten(int command) {
        if (dma != null && ctx != null && ctx.busMasterEnabled()) {
            dma.kickUp();
            dma.kickDown();
        }
    }

    /** Hot-unplug: every timer stops. */
    @Override
    public void detach() {
        tx.stop();
        if (dma != null) {
            dma.stop();
        }
    }

    // ---- what the engines need --------------------------------------------------------------------------------

    boolean linkUp() {
        return port.linkUp();
    }

    /** The longest frame (without FCS) the MAC accepts whole. */
    int maxFrameLength() {
        if ((macCtrl & MAC_CTRL_LARGE_PACKETS) != 0) {
            return MAX_LARGE_FRAME;
        }
        return chip.cycloneOrTornado() ? maxPktSize : MAX_FRAME;
    }

    /** The station address in window 2 (first octet most significant). */
    long stationAddress() {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (station[i] & 0xFF);
        }
        return v;
    }

    long stationMask() {
        long v = 0;
        for (int i = 6; i < 12; i++) {
            v = v << 8 | (station[i] & 0xFF);
        }
        return v;
    }

    /** A frame was stored in the receive FIFO: the upload engine may take it at once. */
    void frameQueued() {
        if (dma != null && ctx != null) {
            dma.upload();
        }
    }

    /** The transmitter freed FIFO space: a waiting download may go on. */
    void txSpaceFreed() {
        if (dma != null) {
            dma.download();
        }
    }

    boolean transmit(MemorySegment frame, int length) {
        return port.transmit(frame, length);
    }

    void log(String message) {
        if (ctx != null) {
            ctx.log(message);
        }
    }

    String deviceName() {
        return ctx == null ? chip.displayName() + " (not plugged in)" : ctx.name();
    }

    /** The card as its port sees it. */
    private final class PortSide implements NicPort.Card {
        @Override
        public void receive(MemorySegment frame, int length) {
            rx.receive(frame, length);
        }

        @Override
        public void receiveErrored(MemorySegment frame, int length, FrameError error) {
            rx.receiveErrored(frame, length, error);
        }

        @Override
        public void linkChanged(boolean up) {
            mii.setLink(up);
        }

        @Override
        public long stationAddress() {
            return Vortex.this.stationAddress();
        }

        @Override
        public String deviceName() {
            return Vortex.this.deviceName();
        }
    }

    // ---- totals since power-on (views for tests, not registers) --------------------------------------

    /** Frames the wire offered to the port. */
    public long offeredTotal() {
        return rx.offered;
    }

    /** Good frames handed to the host (PIO: discarded by the host; bus master: uploaded). */
    public long rxFramesTotal() {
        return rx.received;
    }

    /** Runt, oversize and damaged frames handed to the host with their error bits. */
    public long rxErrorsTotal() {
        return rx.errors;
    }

    /** Frames lost because the receive FIFO was full (what W6 RX overruns counted, without wrapping). */
    public long overrunTotal() {
        return rx.overruns;
    }

    /** Frames refused with the receiver off or the cable out, or by the address filter. */
    public long filteredTotal() {
        return rx.filtered;
    }

    /** Frames still in the receive FIFO when a reset emptied it. */
    public long rxFlushedTotal() {
        return rx.flushed;
    }

    /** Frames waiting in the receive FIFO now. */
    public int rxPendingFrames() {
        return rx.fifo.count();
    }

    /** Frames put on the wire. */
    public long txFramesTotal() {
        return tx.sent;
    }

    /** Frames the transmit side dropped: no room for a PIO frame, or flushed by TxReset/TotalReset. */
    public long txDroppedTotal() {
        return tx.dropped;
    }

    /** Times the INTx pin was asserted. */
    public long intxAssertions() {
        return irq.assertions;
    }

    @Override
    public String toString() {
        return String.format("%s %s mac %012x window %d status 0x%04x", chip.displayName(), deviceName(),
                stationAddress(), window, status());
    }
}
