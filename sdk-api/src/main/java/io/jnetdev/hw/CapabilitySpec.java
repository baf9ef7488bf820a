package io.jnetdev.hw;

/**
 * A capability in config space. The runtime lays out the header and the next pointers, and owns
 * the state of the MSI and MSI-X capabilities (as QEMU's {@code msi.c}/{@code msix.c} do).
 */
public sealed interface CapabilitySpec {

    /** Config-space offset of the capability's ID byte, 0x40..0xFC, dword aligned. */
    int offset();

    /** Capability ID byte. */
    int id();

    /** Length in bytes, for overlap checks. */
    int length();

    /**
     * MSI ({@code PCI_CAP_ID_MSI}).
     *
     * @param vectors     messages the function can send: 1, 2, 4, 8, 16 or 32
     * @param address64   64-bit message address capable
     * @param perVectorMask per-vector masking capable
     */
    record Msi(int offset, int vectors, boolean address64, boolean perVectorMask) implements CapabilitySpec {
        public Msi {
            checkOffset(offset);
            if (vectors < 1 || vectors > 32 || Integer.bitCount(vectors) != 1) {
                throw new IllegalArgumentException("MSI vectors must be a power of two 1..32, not " + vectors);
            }
        }

        @Override
        public int id() {
            return 0x05;
        }

        @Override
        public int length() {
            return (address64 ? 14 : 10) + (perVectorMask ? 10 : 0);
        }
    }

    /**
     * MSI-X ({@code PCI_CAP_ID_MSIX}) with its table and pending-bit array in BARs.
     *
     * @param tableSize   number of vectors 1..2048
     * @param tableBar    BAR holding the table
     * @param tableOffset table offset in that BAR (8-byte aligned)
     * @param pbaBar      BAR holding the PBA
     * @param pbaOffset   PBA offset in that BAR (8-byte aligned)
     */
    record Msix(int offset, int tableSize, int tableBar, long tableOffset, int pbaBar, long pbaOffset)
            implements CapabilitySpec {
        public Msix {
            checkOffset(offset);
            if (tableSize < 1 || tableSize > 2048) {
                throw new IllegalArgumentException("MSI-X table size must be 1..2048, not " + tableSize);
            }
            if ((tableOffset & 7) != 0 || (pbaOffset & 7) != 0) {
                throw new IllegalArgumentException("MSI-X table and PBA offsets must be 8-byte aligned");
            }
        }

        @Override
        public int id() {
            return 0x11;
        }

        @Override
        public int length() {
            return 12;
        }
    }

    /**
     * Any other capability, given as raw bytes after the ID and next-pointer bytes
     * (PCI power management, PCI Express, ...). Read-only to the driver.
     */
    record Raw(int offset, int id, byte[] body) implements CapabilitySpec {
        public Raw {
            checkOffset(offset);
            body = body.clone();
            if (id < 1 || id > 0xFF) {
                throw new IllegalArgumentException("capability ID " + id + " outside 1..255");
            }
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public int length() {
            return 2 + body.length;
        }
    }

    private static void checkOffset(int offset) {
        if (offset < 0x40 || offset > 0xFC || (offset & 3) != 0) {
            throw new IllegalArgumentException(String.format("capability offset 0x%x outside 0x40..0xFC or not dword aligned", offset));
        }
    }
}
