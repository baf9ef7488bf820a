package io.jnetdev.drivers.vortex;

import io.jnetdev.api.pci.PciDeviceId;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the chip table ({@code struct vortex_chip_info}, {@code vortex_info_tbl}, and the
 * {@code vortex_pci_tbl} row that points at it): the marketing name, the chip generation and
 * quirk flags, and the register window the driver needs. The PCI table's driver data is the
 * index into {@link #TABLE}.
 *
 * <p>The CardBus parts (3c556, 3c556B, 3CCFE575BT/CT, 3CCFE656, 3CCFEM656B, 3CXFEM656C) are left
 * out: they need the CardBus function registers of BAR2, which this driver does not drive.
 *
 * @param deviceId PCI device ID (vendor 0x10B7)
 * @param name     {@code vci->name}
 * @param drvFlags {@code vci->drv_flags}: {@link #IS_VORTEX}, {@link #IS_BOOMERANG}, ...
 * @param ioSize   {@code vci->io_size}: bytes of registers the driver touches
 */
record VortexChipInfo(int deviceId, String name, int drvFlags, int ioSize) {
    static final int IS_VORTEX = 0x1;
    static final int IS_BOOMERANG = 0x2;
    static final int IS_CYCLONE = 0x4;
    static final int IS_TORNADO = 0x8;
    /** Reads the EEPROM with command base 0x230 (8-bit EEPROM parts). */
    static final int EEPROM_8BIT = 0x10;
    static final int HAS_MII = 0x40;
    static final int HAS_NWAY = 0x80;
    static final int MAX_COLLISION_RESET = 0x800;
    /** Reads the EEPROM with command base 0x80 + 0x30. */
    static final int EEPROM_OFFSET = 0x1000;
    static final int HAS_HWCKSM = 0x2000;
    static final int EXTRA_PREAMBLE = 0x8000;
    /** The remove-time TotalReset leaves the EEPROM alone (argument 0x04 instead of 0x14). */
    static final int EEPROM_RESET = 0x10000;

    /** The table, in {@code vortex_pci_tbl} order (CardBus parts excluded). */
    static final List<VortexChipInfo> TABLE = List.of(
            new VortexChipInfo(0x5900, "3c590 Vortex 10Mbps", IS_VORTEX, 32),
            new VortexChipInfo(0x5920, "3c592 EISA 10Mbps Demon/Vortex", IS_VORTEX, 32),
            new VortexChipInfo(0x5970, "3c597 EISA Fast Demon/Vortex", IS_VORTEX, 32),
            new VortexChipInfo(0x5950, "3c595 Vortex 100baseTx", IS_VORTEX, 32),
            new VortexChipInfo(0x5951, "3c595 Vortex 100baseT4", IS_VORTEX, 32),
            new VortexChipInfo(0x5952, "3c595 Vortex 100base-MII", IS_VORTEX, 32),
            new VortexChipInfo(0x9000, "3c900 Boomerang 10baseT", IS_BOOMERANG | EEPROM_RESET, 64),
            new VortexChipInfo(0x9001, "3c900 Boomerang 10Mbps Combo", IS_BOOMERANG | EEPROM_RESET, 64),
            new VortexChipInfo(0x9004, "3c900 Cyclone 10Mbps TPO", IS_CYCLONE | HAS_HWCKSM, 128),
            new VortexChipInfo(0x9005, "3c900 Cyclone 10Mbps Combo", IS_CYCLONE | HAS_HWCKSM, 128),
            new VortexChipInfo(0x9006, "3c900 Cyclone 10Mbps TPC", IS_CYCLONE | HAS_HWCKSM, 128),
            new VortexChipInfo(0x900A, "3c900B-FL Cyclone 10base-FL", IS_CYCLONE | HAS_HWCKSM, 128),
            new VortexChipInfo(0x9050, "3c905 Boomerang 100baseTx", IS_BOOMERANG | HAS_MII | EEPROM_RESET, 64),
            new VortexChipInfo(0x9051, "3c905 Boomerang 100baseT4", IS_BOOMERANG | HAS_MII | EEPROM_RESET, 64),
            new VortexChipInfo(0x9054, "3C905B-TX Fast Etherlink XL PCI", IS_CYCLONE | HAS_NWAY | HAS_HWCKSM | EXTRA_PREAMBLE, 128),
            new VortexChipInfo(0x9055, "3c905B Cyclone 100baseTx", IS_CYCLONE | HAS_NWAY | HAS_HWCKSM | EXTRA_PREAMBLE, 128),
            new VortexChipInfo(0x9058, "3c905B Cyclone 10/100/BNC", IS_CYCLONE | HAS_NWAY | HAS_HWCKSM, 128),
            new VortexChipInfo(0x905A, "3c905B-FX Cyclone 100baseFx", IS_CYCLONE | HAS_HWCKSM, 128),
            new VortexChipInfo(0x9200, "3c905C Tornado", IS_TORNADO | HAS_NWAY | HAS_HWCKSM | EXTRA_PREAMBLE, 128),
            new VortexChipInfo(0x9202, "3c920B-EMB-WNM (ATI Radeon 9100 IGP)", IS_TORNADO | HAS_MII | HAS_HWCKSM, 128),
            new VortexChipInfo(0x9800, "3c980 Cyclone", IS_CYCLONE | HAS_HWCKSM | EXTRA_PREAMBLE, 128),
            new VortexChipInfo(0x9805, "3c980C Python-T", IS_CYCLONE | HAS_NWAY | HAS_HWCKSM, 128),
            new VortexChipInfo(0x7646, "3cSOHO100-TX Hurricane", IS_CYCLONE | HAS_NWAY | HAS_HWCKSM | EXTRA_PREAMBLE, 128),
            new VortexChipInfo(0x5055, "3c555 Laptop Hurricane", IS_CYCLONE | EEPROM_8BIT | HAS_HWCKSM, 128),
            new VortexChipInfo(0x5B57, "3c575 [Megahertz] 10/100 LAN CardBus", IS_BOOMERANG | HAS_MII | EEPROM_8BIT, 128),
            new VortexChipInfo(0x5057, "3c575 Boomerang CardBus", IS_BOOMERANG | HAS_MII | EEPROM_8BIT, 128),
            new VortexChipInfo(0x4500, "3c450 HomePNA Tornado", IS_TORNADO | HAS_NWAY | HAS_HWCKSM, 128),
            new VortexChipInfo(0x9201, "3c920 Tornado", IS_TORNADO | HAS_NWAY | HAS_HWCKSM, 128),
            new VortexChipInfo(0x1201, "3c982 Hydra Dual Port A", IS_TORNADO | HAS_HWCKSM | HAS_NWAY, 128),
            new VortexChipInfo(0x1202, "3c982 Hydra Dual Port B", IS_TORNADO | HAS_HWCKSM | HAS_NWAY, 128),
            new VortexChipInfo(0x9056, "3c905B-T4", IS_CYCLONE | HAS_NWAY | HAS_HWCKSM | EXTRA_PREAMBLE, 128),
            new VortexChipInfo(0x9210, "3c920B-EMB-WNM Tornado", IS_TORNADO | HAS_NWAY | HAS_HWCKSM, 128));

    /** {@code vortex_pci_tbl}: every ID of {@link #TABLE}, its index as driver data. */
    static List<PciDeviceId> pciTable() {
        List<PciDeviceId> ids = new ArrayList<>(TABLE.size());
        for (int i = 0; i < TABLE.size(); i++) {
            ids.add(PciDeviceId.of(VortexRegs.VENDOR_3COM, TABLE.get(i).deviceId(), i));
        }
        return List.copyOf(ids);
    }

    boolean has(int flag) {
        return (drvFlags & flag) != 0;
    }

    /** Cyclone and Tornado: the chips Linux drives through the memory-mapped BAR1 by default. */
    boolean cycloneOrTornado() {
        return has(IS_CYCLONE | IS_TORNADO);
    }

    /** The EEPROM read command base for this chip. */
    int eepromReadBase() {
        if (has(EEPROM_8BIT)) {
            return 0x230;
        }
        if (has(EEPROM_OFFSET)) {
            return VortexRegs.EEPROM_READ + 0x30;
        }
        return VortexRegs.EEPROM_READ;
    }
}
