package io.jnetdev.runtime.testing;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A small test-only PCI function: configurable IDs, class and interrupt capabilities, and one
 * 4 KiB MMIO BAR with four registers:
 * <ul>
 *   <li>{@code 0x00} RO: {@code device << 16 | vendor};</li>
 *   <li>{@code 0x04} interrupt cause, write one to clear; INTx follows "any cause set";</li>
 *   <li>{@code 0x08} WO raise: ORs the value into the cause and signals vector {@code value >>> 24}
 *       by MSI-X or MSI when enabled, else asserts INTx;</li>
 *   <li>{@code 0x0C} scratch RW.</li>
 * </ul>
 * Tests may also call {@link #raise(int, int)} directly, as the hardware raising on its own.
 */
public final class TestPciModel implements PciFunctionModel {
    public static final int REG_ID = 0x00;
    public static final int REG_CAUSE = 0x04;
    public static final int REG_RAISE = 0x08;
    public static final int REG_SCRATCH = 0x0C;

    private final PciConfigLayout layout;
    private DeviceContext ctx;
    private int cause;
    private int scratch;
    private final List<String> writes = new ArrayList<>();

    private TestPciModel(PciConfigLayout layout) {
        this.layout = layout;
    }

    /** A builder with vendor 0x1af4, device 0x0001, class 0x020000, INTA, no MSI/MSI-X. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PciConfigLayout layout() {
        return layout;
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
    }

    public DeviceContext context() {
        return ctx;
    }

    @Override
    public long read(int bar, long offset, int size) {
        return switch ((int) offset) {
            case REG_ID -> (layout.deviceId() << 16) | layout.vendorId();
            case REG_CAUSE -> cause;
            case REG_SCRATCH -> scratch;
            default -> 0;
        };
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        writes.add(String.format("0x%x=0x%x", offset, value));
        switch ((int) offset) {
            case REG_CAUSE -> {
                cause &= ~(int) value;
                if (cause == 0 && !ctx.msixEnabled() && !ctx.msiEnabled()) {
                    ctx.setIntx(false);
                }
            }
            case REG_RAISE -> raise((int) value & 0x00FF_FFFF, (int) (value >>> 24));
            case REG_SCRATCH -> scratch = (int) value;
            default -> { }
        }
    }

    /** The hardware raising cause bits on {@code vector}. */
    public void raise(int causeBits, int vector) {
        cause |= causeBits;
        if (ctx.msixEnabled()) {
            ctx.msixNotify(vector);
        } else if (ctx.msiEnabled()) {
            ctx.msiNotify(vector);
        } else {
            ctx.setIntx(cause != 0);
        }
    }

    /** Asserts INTx regardless of the cause register (a stuck or spurious line). */
    public void forceIntx(boolean level) {
        ctx.setIntx(level);
    }

    public int cause() {
        return cause;
    }

    /** Register writes seen, as {@code 0xOFF=0xVAL}. */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public void reset() {
        cause = 0;
        scratch = 0;
    }

    /** Builds a {@link TestPciModel}. */
    public static final class Builder {
        private int vendor = 0x1AF4;
        private int device = 0x0001;
        private int subvendor = 0x1AF4;
        private int subdevice = 0x0001;
        private int classCode = 0x02_0000;
        private int pin = 1;
        private int msiVectors;
        private int msixVectors;

        public Builder ids(int vendor, int device) {
            this.vendor = vendor;
            this.device = device;
            return this;
        }

        public Builder subsystem(int subvendor, int subdevice) {
            this.subvendor = subvendor;
            this.subdevice = subdevice;
            return this;
        }

        public Builder classCode(int c) {
            this.classCode = c;
            return this;
        }

        /** 0 for no INTx pin. */
        public Builder intxPin(int p) {
            this.pin = p;
            return this;
        }

        public Builder msi(int vectors) {
            this.msiVectors = vectors;
            return this;
        }

        public Builder msix(int vectors) {
            this.msixVectors = vectors;
            return this;
        }

        public TestPciModel build() {
            List<BarSpec> bars = new ArrayList<>(List.of(BarSpec.mmio(0, 4096)));
            List<CapabilitySpec> caps = new ArrayList<>();
            if (msiVectors > 0) {
                caps.add(new CapabilitySpec.Msi(0x50, msiVectors, true, false));
            }
            if (msixVectors > 0) {
                bars.add(BarSpec.mmio(1, 16384));
                caps.add(new CapabilitySpec.Msix(0x70, msixVectors, 1, 0, 1, 0x2000));
            }
            return new TestPciModel(new PciConfigLayout(vendor, device, subvendor, subdevice, classCode, 0x01, pin, bars, caps));
        }
    }
}
