package io.jnetdev.conformance;

import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import java.util.List;

/**
 * The device model of the shared-INTx scenario's neighbour (PCI 1af4:10ff, INTA only): it asserts
 * its line every {@code periodNanos} with cause bit 0 set, until its driver clears the cause
 * (register 0x04, write one to clear). Put in a slot whose INTA swizzles onto the same IO-APIC pin
 * as the card under test, it makes the card's handler run for interrupts its device did not raise.
 */
final class NoisyNeighbour implements PciFunctionModel {
    static final int VENDOR = 0x1AF4;
    static final int DEVICE = 0x10FF;
    static final int REG_CAUSE = 0x04;

    private final long periodNanos;
    private DeviceContext ctx;
    private DeviceTimer timer;
    private int cause;
    private long raised;

    NoisyNeighbour(long periodNanos) {
        this.periodNanos = periodNanos;
    }

    @Override
    public PciConfigLayout layout() {
        return new PciConfigLayout(VENDOR, DEVICE, VENDOR, DEVICE, 0xFF0000, 1, 1,
                List.of(BarSpec.mmio(0, 4096)), List.of());
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        this.timer = context.newTimer("noisy neighbour", this::tick);
        timer.schedule(periodNanos);
    }

    private void tick() {
        cause |= 1;
        raised++;
        ctx.setIntx(true);
        timer.schedule(periodNanos);
    }

    @Override
    public long read(int bar, long offset, int size) {
        return offset == REG_CAUSE ? cause : 0;
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        if (offset == REG_CAUSE) {
            cause &= ~(int) value;
            if (cause == 0) {
                ctx.setIntx(false);
            }
        }
    }

    @Override
    public void detach() {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Interrupts raised so far. */
    long raised() {
        return raised;
    }
}
