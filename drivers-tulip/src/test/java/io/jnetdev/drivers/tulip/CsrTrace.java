package io.jnetdev.drivers.tulip;

import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.models.tulip.Tulip;
import java.util.ArrayList;
import java.util.List;

/**
 * A register-write trace in front of a Tulip model: every 32-bit CSR write is recorded (offset,
 * value, virtual time) and passed on unchanged, so tests can see which CSR11 and CSR7 values the
 * driver wrote. Optionally it makes CSR5 reads show extra status bits for a number of reads — a
 * chattering status register, to drive the handler's "too much work" path.
 */
final class CsrTrace implements NicModel {
    /** One write. */
    record Write(long nanos, int offset, int value) {}

    private final Tulip inner;
    private final List<Write> writes = new ArrayList<>();
    private DeviceContext ctx;
    private int stuckBits;
    private int stuckReads;

    CsrTrace(Tulip inner) {
        this.inner = inner;
    }

    Tulip model() {
        return inner;
    }

    /** The values written to the CSR at {@code offset}, in order. */
    List<Integer> writesTo(int offset) {
        List<Integer> out = new ArrayList<>();
        for (Write w : writes) {
            if (w.offset() == offset) {
                out.add(w.value());
            }
        }
        return out;
    }

    /** Writes from virtual time {@code fromNanos} on. */
    List<Write> writesSince(long fromNanos) {
        return writes.stream().filter(w -> w.nanos() >= fromNanos).toList();
    }

    /** The next {@code reads} reads of CSR5 show {@code bits} set as well. */
    void chatterCsr5(int bits, int reads) {
        this.stuckBits = bits;
        this.stuckReads = reads;
    }

    @Override
    public PciConfigLayout layout() {
        return inner.layout();
    }

    @Override
    public void attach(DeviceContext context) {
        this.ctx = context;
        inner.attach(context);
    }

    @Override
    public long read(int bar, long offset, int size) {
        long v = inner.read(bar, offset, size);
        if (offset == TulipRegs.CSR5 && stuckReads > 0) {
            stuckReads--;
            v |= stuckBits & 0xFFFF_FFFFL;
        }
        return v;
    }

    @Override
    public void write(int bar, long offset, int size, long value) {
        writes.add(new Write(ctx.nowNanos(), (int) offset, (int) value));
        inner.write(bar, offset, size, value);
    }

    @Override
    public void commandWritten(int command) {
        inner.commandWritten(command);
    }

    @Override
    public void reset() {
        inner.reset();
    }

    @Override
    public void detach() {
        inner.detach();
    }

    @Override
    public EthernetPort port() {
        return inner.port();
    }
}
