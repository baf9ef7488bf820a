package io.jnetdev.drivers.tulip;

/**
 * The chips this driver binds and what Linux's {@code tulip_tbl} says about each
 * ({@code struct tulip_chip_table} indexed by {@code enum chips}): name, I/O size, the CSR7
 * value that enables every source ({@code valid_intrs}), and whether CSR11 mitigates
 * interrupts ({@code HAS_INTR_MITIGATION}). The ordinal of {@code enum chips} is the ID table's
 * driver data.
 */
enum TulipChip {
    /** {@code DC21140}: no mitigation, CSR12 is a general-purpose port. */
    DC21140(2, "Digital DS21140 Tulip", 128, 0x0001_EBEF, false),
    /** {@code DC21142 == DC21143}: CSR11 interrupt mitigation, CSR12 SIA status. */
    DC21143(3, "Digital DS21142/43 Tulip", 128, 0x0801_FBFF, true);

    /** The {@code enum chips} value, carried as driver data in the ID table. */
    final int chipId;
    final String chipName;
    final int ioSize;
    final int validIntrs;
    final boolean hasIntrMitigation;

    TulipChip(int chipId, String chipName, int ioSize, int validIntrs, boolean hasIntrMitigation) {
        this.chipId = chipId;
        this.chipName = chipName;
        this.ioSize = ioSize;
        this.validIntrs = validIntrs;
        this.hasIntrMitigation = hasIntrMitigation;
    }

    /** The chip an ID table entry's driver data names. */
    static TulipChip of(long driverData) {
        for (TulipChip c : values()) {
            if (c.chipId == driverData) {
                return c;
            }
        }
        throw new IllegalArgumentException("no tulip chip with id " + driverData);
    }
}
