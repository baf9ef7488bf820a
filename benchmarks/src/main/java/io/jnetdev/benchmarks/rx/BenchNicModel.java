package io.jnetdev.benchmarks.rx;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The smallest receive-only NIC the benchmark needs: one descriptor ring in the e1000 legacy layout
 * (16-byte descriptors: buffer address, length, status with DD/EOP), head/tail registers, an
 * interrupt cause register that clears on read and a mask set/clear pair, signalled by MSI-X
 * vector 0 when a cause bit becomes visible through the mask (0 → non-zero), as e1000-class
 * hardware does. Frames arrive through {@link #receive(MemorySegment)} and reach memory by DMA.
 */
public final class BenchNicModel implements PciFunctionModel {
    public static final int VENDOR = 0x1AF4;
    public static final int DEVICE = 0x10F0;

    /** Interrupt cause, read to clear ({@code ICR}). */
    public static final int REG_ICR = 0x00;
    /** Interrupt mask set ({@code IMS}); reads return the mask. */
    public static final int REG_IMS = 0x04;
    /** Interrupt mask clear ({@code IMC}). */
    public static final int REG_IMC = 0x08;
    /** Receive ring base, low and high 32 bits ({@code RDBAL}/{@code RDBAH}). */
    public static final int REG_RDBAL = 0x10;
    public static final int REG_RDBAH = 0x14;
    /** Receive ring length in descriptors. */
    public static final int REG_RDLEN = 0x18;
    /** Receive head: the next descriptor the hardware fills ({@code RDH}). */
    public static final int REG_RDH = 0x1C;
    /** Receive tail: descriptors before it belong to the hardware ({@code RDT}). */
    public static final int REG_RDT = 0x20;
    /** Frames missed because the ring was full ({@code MPC}), read-only. */
    public static final int REG_MPC = 0x24;

    /** Cause bit: a frame was written back ({@code E1000_ICR_RXT0}). */
    public static final int ICR_RXT0 = 0x80;

    /** Descriptor size and field offsets (e1000 legacy receive descriptor). */
    public static final int DESC_SIZE = 16;
    public static final int DESC_ADDR = 0;
    public static final int DESC_LENGTH = 8;
    public static final int DESC_STATUS = 12;
    public static final int STAT_DD = 0x01;
    public static final int STAT_EOP = 0x02;

    private static final PciConfigLayout LAYOUT = new PciConfigLayout(VENDOR, DEVICE, VENDOR, DEVICE, 0x02_0000, 0x01, 1,
            List.of(BarSpec.mmio(0, 4096), BarSpec.mmio(1, 16384)),
            List.of(new CapabilitySpec.Msix(0x70, 1, 1, 0, 1, 0x2000)));

    private DeviceContext ctx;
    private DmaPort dma;
    private int icr;
    private int ims;
    private long ringBase;
    private int ringLen;
    private int head;
    private int tail;
    private long missed;
    private long received;

    @Override
    public PciConfigLayout layout() {
        return LAYOUT;
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        this.dma = context.dma();
    }

    @Override
    public long read(int bar, long offset, int size) {
        return switch ((int) offset) {
            case REG_ICR -> {
                int v = icr;
                icr = 0;
                yield v & 0xFFFF_FFFFL;
            }
            case REG_IMS -> ims;
            case REG_RDBAL -> ringBase & 0xFFFF_FFFFL;
            case REG_RDBAH -> ringBase >>> 32;
            case REG_RDLEN -> ringLen;
            case REG_RDH -> head;
            case REG_RDT -> tail;
            case REG_MPC -> missed & 0xFFFF_FFFFL;
            default -> 0;
        };
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        int v = (int) value;
        switch ((int) offset) {
            case REG_IMS -> {
                boolean was = (icr & ims) != 0;
                ims |= v;
                signalIfRaised(was);
            }
            case REG_IMC -> ims &= ~v;
            case REG_RDBAL -> ringBase = (ringBase & ~0xFFFF_FFFFL) | (value & 0xFFFF_FFFFL);
            case REG_RDBAH -> ringBase = (ringBase & 0xFFFF_FFFFL) | (value << 32);
            case REG_RDLEN -> {
                ringLen = v;
                head = 0;
                tail = 0;
            }
            case REG_RDH -> head = v;
            case REG_RDT -> tail = v;
            default -> { }
        }
    }

    /**
     * A frame arrives from the wire: written to the buffer of the descriptor at the head, the
     * descriptor written back with DD|EOP, the cause raised. With no descriptor left it is missed.
     *
     * @return whether the frame reached the ring
     */
    public boolean receive(MemorySegment frame) {
        if (ringLen == 0 || head == tail || !ctx.busMasterEnabled()) {
            missed++;
            return false;
        }
        long desc = ringBase + (long) head * DESC_SIZE;
        long buffer = dma.read64(desc + DESC_ADDR);
        dma.write(buffer, frame);
        // length (16 bits), checksum 0, status DD|EOP, errors 0, special 0
        dma.write64(desc + DESC_LENGTH, (frame.byteSize() & 0xFFFF) | (long) (STAT_DD | STAT_EOP) << 32);
        head = head + 1 == ringLen ? 0 : head + 1;
        received++;
        boolean was = (icr & ims) != 0;
        icr |= ICR_RXT0;
        signalIfRaised(was);
        return true;
    }

    private void signalIfRaised(boolean wasVisible) {
        if (!wasVisible && (icr & ims) != 0) {
            ctx.msixNotify(0);
        }
    }

    /** Frames written to the ring. */
    public long received() {
        return received;
    }

    /** Frames missed because no descriptor was free. */
    public long missed() {
        return missed;
    }

    @Override
    public void reset() {
        icr = 0;
        ims = 0;
        ringBase = 0;
        ringLen = 0;
        head = 0;
        tail = 0;
    }
}
