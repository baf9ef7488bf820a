package io.jnetdev.hw.models.edu;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * QEMU's {@code edu} device (PCI 1234:11e8): a teaching device with an identification register,
 * a liveness check, a factorial unit, an interrupt raise/acknowledge pair and a small DMA engine.
 * Facts from QEMU's {@code docs/specs/edu.rst} and {@code hw/misc/edu.c}.
 *
 * <p>Timing, which the specification leaves open: a factorial takes {@value #NANOS_PER_MULTIPLY}
 * ns per multiplication (QEMU computes it in a thread), a DMA completes {@value #DMA_DELAY_NANOS}
 * ns after it is started (QEMU arms a 100 ms virtual-clock timer).
 */
public final class EduDevice implements PciFunctionModel {
    /** Virtual time per multiplication step of the factorial unit. */
    public static final long NANOS_PER_MULTIPLY = 1_000;
    /** Virtual time from DMA start to completion, as QEMU's 100 ms DMA timer. */
    public static final long DMA_DELAY_NANOS = 100_000_000L;
    /** QEMU's default DMA mask: 28 bits. */
    public static final long DEFAULT_DMA_MASK = (1L << 28) - 1;

    private final long dmaMask;
    private final EduState state = new EduState();
    private DeviceContext ctx;
    private DeviceTimer factorialTimer;
    private DeviceTimer dmaTimer;

    /** An edu device with QEMU's default 28-bit DMA mask. */
    public EduDevice() {
        this(DEFAULT_DMA_MASK);
    }

    /** An edu device addressing DMA through {@code dmaMask} ({@code -device edu,dma_mask=...}). */
    public EduDevice(long dmaMask) {
        this.dmaMask = dmaMask;
    }

    @Override
    public PciConfigLayout layout() {
        return new PciConfigLayout(EduRegs.VENDOR_ID, EduRegs.DEVICE_ID, EduRegs.SUBSYSTEM_VENDOR_ID, EduRegs.SUBSYSTEM_ID,
                EduRegs.CLASS_CODE, EduRegs.REVISION, 1,
                List.of(BarSpec.mmio(0, EduRegs.BAR0_SIZE)),
                List.of(new CapabilitySpec.Msi(0x40, 1, true, false)));
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        this.factorialTimer = context.newTimer("edu factorial", this::factorialDone);
        this.dmaTimer = context.newTimer("edu dma", this::dmaDone);
    }

    // ---- register handlers ----------------------------------------------------------------------

    private static boolean validSize(long addr, int size) {
        return addr < 0x80 ? size == 4 : size == 4 || size == 8;
    }

    @Override
    public long read(int bar, long addr, int size) {
        if (!validSize(addr, size)) {
            return -1L; // QEMU answers an access of the wrong width with all-ones
        }
        return switch ((int) addr) {
            case EduRegs.ID -> EduRegs.ID_VALUE;
            case EduRegs.LIVENESS -> ~state.liveness;
            case EduRegs.FACTORIAL -> state.factorial;
            case EduRegs.STATUS -> state.status;
            case EduRegs.IRQ_STATUS -> state.irqStatus;
            case EduRegs.DMA_SRC -> state.dmaSrc;
            case EduRegs.DMA_DST -> state.dmaDst;
            case EduRegs.DMA_COUNT -> state.dmaCount;
            case EduRegs.DMA_CMD -> state.dmaCmd;
            default -> -1L;
        };
    }

    @Override
    public void write(int bar, long addr, int size, long value) {
        if (!validSize(addr, size)) {
            return;
        }
        int v = (int) value;
        switch ((int) addr) {
            case EduRegs.LIVENESS -> state.liveness = v;
            case EduRegs.FACTORIAL -> startFactorial(v);
            case EduRegs.STATUS -> state.status = (state.status & ~EduRegs.STATUS_IRQFACT) | (v & EduRegs.STATUS_IRQFACT);
            case EduRegs.IRQ_RAISE -> raiseIrq(v);
            case EduRegs.IRQ_ACK -> lowerIrq(v);
            case EduRegs.DMA_SRC -> {
                if (!state.dmaRunning()) {
                    state.dmaSrc = value;
                }
            }
            case EduRegs.DMA_DST -> {
                if (!state.dmaRunning()) {
                    state.dmaDst = value;
                }
            }
            case EduRegs.DMA_COUNT -> {
                if (!state.dmaRunning()) {
                    state.dmaCount = value;
                }
            }
            case EduRegs.DMA_CMD -> startDma(value);
            default -> { } // writes elsewhere are ignored, as on QEMU
        }
    }

    // ---- factorial unit ------------------------------------------------------------------------

    private void startFactorial(int n) {
        if ((state.status & EduRegs.STATUS_COMPUTING) != 0) {
            return;
        }
        state.factorial = n;
        state.status |= EduRegs.STATUS_COMPUTING;
        // n multiplications, but a 32-bit product is 0 from 34! on, so the unit stops by 64 steps
        long steps = Math.clamp(Integer.toUnsignedLong(n), 1, 64);
        factorialTimer.schedule(steps * NANOS_PER_MULTIPLY);
    }

    private void factorialDone() {
        int n = state.factorial;
        int result = 1;
        for (int i = n; i > 1; i--) {
            result *= i;
            if (result == 0) {
                break; // 32-bit wrap reached zero; further products stay zero
            }
        }
        state.factorial = result;
        state.status &= ~EduRegs.STATUS_COMPUTING;
        if ((state.status & EduRegs.STATUS_IRQFACT) != 0) {
            raiseIrq(EduRegs.FACT_IRQ);
        }
    }

    // ---- interrupts ----------------------------------------------------------------------------

    private void raiseIrq(int bits) {
        state.irqStatus |= bits;
        if (state.irqStatus == 0) {
            return;
        }
        if (ctx.msiEnabled()) {
            ctx.msiNotify(0);
        } else {
            ctx.setIntx(true);
        }
    }

    private void lowerIrq(int bits) {
        state.irqStatus &= ~bits;
        if (state.irqStatus == 0 && !ctx.msiEnabled()) {
            ctx.setIntx(false);
        }
    }

    // ---- DMA engine ----------------------------------------------------------------------------

    private void startDma(long cmd) {
        if ((cmd & EduRegs.DMA_START) == 0 || state.dmaRunning()) {
            return;
        }
        state.dmaCmd = cmd;
        dmaTimer.schedule(DMA_DELAY_NANOS);
    }

    private void dmaDone() {
        boolean toRam = (state.dmaCmd & EduRegs.DMA_FROM_DEVICE) != 0;
        long devAddr = toRam ? state.dmaSrc : state.dmaDst;
        long ramAddr = toRam ? state.dmaDst : state.dmaSrc;
        long count = state.dmaCount;
        if (devAddr < EduRegs.DMA_BUFFER_START || count < 0
                || devAddr + count > EduRegs.DMA_BUFFER_START + EduRegs.DMA_BUFFER_SIZE) {
            ctx.log(String.format("edu: DMA of %d bytes at device address 0x%x leaves the 4 KiB buffer: refused", count, devAddr));
        } else if (!ctx.busMasterEnabled()) {
            ctx.log("edu: DMA with bus mastering off: refused");
        } else {
            transfer(toRam, ramAddr & dmaMask, ramAddr, (int) (devAddr - EduRegs.DMA_BUFFER_START), (int) count);
        }
        state.dmaCmd &= ~EduRegs.DMA_START;
        if ((state.dmaCmd & EduRegs.DMA_IRQ) != 0) {
            raiseIrq(EduRegs.DMA_DONE_IRQ);
        }
    }

    private void transfer(boolean toRam, long bus, long asked, int bufOffset, int count) {
        if (bus != asked) {
            ctx.log(String.format("edu: clamping DMA 0x%x to 0x%x", asked, bus));
        }
        MemorySegment buffer = MemorySegment.ofArray(state.dmaBuffer).asSlice(bufOffset, count);
        try {
            if (toRam) {
                ctx.dma().write(bus, buffer);
            } else {
                ctx.dma().read(bus, buffer);
            }
        } catch (DmaFaultException e) {
            ctx.log("edu: DMA aborted: " + e.getMessage());
        }
    }

    @Override
    public void reset() {
        factorialTimer.cancel();
        dmaTimer.cancel();
        state.reset();
        ctx.setIntx(false);
    }

    @Override
    public void detach() {
        factorialTimer.cancel();
        dmaTimer.cancel();
    }
}
