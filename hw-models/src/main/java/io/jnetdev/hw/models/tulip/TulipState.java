package io.jnetdev.hw.models.tulip;

import static io.jnetdev.hw.models.tulip.TulipRegs.*;

/**
 * The hardware state of a Tulip, kept apart from its register decode and its engines (QEMU's
 * {@code TULIPState.csr[]}): the sixteen CSRs as plain words, the receive and transmit list
 * pointers, the missed-frame counter behind CSR8, and the model's lifetime totals (bookkeeping,
 * not registers: they survive resets and clear-on-read).
 */
final class TulipState {
    final TulipChip chip;
    /** CSR0..CSR15, one int each; CSR5's RS/TS/EB fields and summary bits live here too. */
    final int[] csr = new int[16];
    /** Bus address of the receive descriptor the chip looks at next. */
    long rxDesc;
    /** Bus address of the transmit descriptor the chip looks at next. */
    long txDesc;
    /** CSR8 bits 15:0 and the overflow bit, cleared by a read. */
    int missedCount;
    boolean missedOverflow;

    // ---- lifetime totals (not registers) -------------------------------------------------------
    long offeredTotal;
    long loopedTotal;
    long rxFramesTotal;
    long missedTotal;
    long rxErrorsTotal;
    long filteredTotal;
    long txFramesTotal;
    long txJabberTotal;
    long badDescriptorTotal;

    TulipState(TulipChip chip) {
        this.chip = chip;
    }

    int get(int offset) {
        return csr[csrIndex(offset)];
    }

    void set(int offset, int value) {
        csr[csrIndex(offset)] = value;
    }

    /**
     * The QEMU reset values of C.6, except where they would start something: CSR6 with receive,
     * transmit and the filter-mode bits clear, and CSR11 0 (QEMU's 0xFFFE0000 would turn on every
     * mitigation field at its maximum; QEMU has no mitigation to turn on). Both list pointers back
     * to the (zeroed) bases, CSR8 cleared.
     */
    void reset() {
        java.util.Arrays.fill(csr, 0);
        set(CSR0, CSR0_RESET);
        set(CSR1, 0xFFFF_FFFF);
        set(CSR2, 0xFFFF_FFFF);
        set(CSR5, CSR5_RESET);
        set(CSR6, CSR6_RESET & ~(RxOn | TxOn | CSR6_FILTER_RO));
        set(CSR7, CSR7_RESET);
        set(CSR9, CSR9_RESET);
        set(CSR13, 0xFFFF_0000);
        set(CSR14, 0xFFFF_FFFF);
        set(CSR15, 0x8FF0_0000);
        rxDesc = 0;
        txDesc = 0;
        missedCount = 0;
        missedOverflow = false;
    }

    /** A frame missed for want of a descriptor (or a running receiver): CSR8 and the model's total. */
    void missed() {
        missedTotal++;
        if (missedCount == CSR8_MISSED_MASK) {
            missedOverflow = true;
            missedCount = 0;
        } else {
            missedCount++;
        }
    }

    /** CSR8 as read, which clears it (C.6). */
    int readCsr8() {
        int v = CSR8_RESERVED | missedCount | (missedOverflow ? CSR8_MISSED_OVERFLOW : 0);
        missedCount = 0;
        missedOverflow = false;
        return v;
    }

    int rxState() {
        return (csr[5] >>> CSR5_RS_SHIFT) & 7;
    }

    int txState() {
        return (csr[5] >>> CSR5_TS_SHIFT) & 7;
    }

    void setRxState(int rs) {
        csr[5] = (csr[5] & ~(7 << CSR5_RS_SHIFT)) | rs << CSR5_RS_SHIFT;
    }

    void setTxState(int ts) {
        csr[5] = (csr[5] & ~(7 << CSR5_TS_SHIFT)) | ts << CSR5_TS_SHIFT;
    }

    /** Descriptor skip length in bytes (CSR0 DSL, longwords). */
    int skipBytes() {
        return ((csr[0] >>> CSR0_DSL_SHIFT) & CSR0_DSL_MASK) * 4;
    }
}
