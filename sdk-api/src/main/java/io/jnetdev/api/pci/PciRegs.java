package io.jnetdev.api.pci;

/** PCI configuration-space offsets, bits and capability IDs ({@code include/uapi/linux/pci_regs.h}). */
public final class PciRegs {
    public static final int VENDOR_ID = 0x00;
    public static final int DEVICE_ID = 0x02;
    public static final int COMMAND = 0x04;
    public static final int STATUS = 0x06;
    public static final int CLASS_REVISION = 0x08;
    public static final int REVISION_ID = 0x08;
    public static final int CLASS_PROG = 0x09;
    public static final int CACHE_LINE_SIZE = 0x0C;
    public static final int LATENCY_TIMER = 0x0D;
    public static final int HEADER_TYPE = 0x0E;
    public static final int BASE_ADDRESS_0 = 0x10;
    public static final int SUBSYSTEM_VENDOR_ID = 0x2C;
    public static final int SUBSYSTEM_ID = 0x2E;
    public static final int CAPABILITY_LIST = 0x34;
    public static final int INTERRUPT_LINE = 0x3C;
    public static final int INTERRUPT_PIN = 0x3D;

    public static final int COMMAND_IO = 0x1;
    public static final int COMMAND_MEMORY = 0x2;
    public static final int COMMAND_MASTER = 0x4;
    public static final int COMMAND_INTX_DISABLE = 0x400;

    public static final int STATUS_INTERRUPT = 0x08;
    public static final int STATUS_CAP_LIST = 0x10;

    public static final int BASE_ADDRESS_SPACE_IO = 0x01;
    public static final int BASE_ADDRESS_MEM_TYPE_64 = 0x04;
    public static final int BASE_ADDRESS_MEM_PREFETCH = 0x08;

    public static final int CAP_ID_PM = 0x01;
    public static final int CAP_ID_MSI = 0x05;
    public static final int CAP_ID_EXP = 0x10;
    public static final int CAP_ID_MSIX = 0x11;

    /** MSI capability: Message Control at +2. */
    public static final int MSI_FLAGS = 2;
    public static final int MSI_FLAGS_ENABLE = 0x0001;
    public static final int MSI_FLAGS_QMASK = 0x000E;
    public static final int MSI_FLAGS_QSIZE = 0x0070;
    public static final int MSI_FLAGS_64BIT = 0x0080;
    public static final int MSI_FLAGS_MASKBIT = 0x0100;
    public static final int MSI_ADDRESS_LO = 4;
    public static final int MSI_ADDRESS_HI = 8;
    public static final int MSI_DATA_32 = 8;
    public static final int MSI_DATA_64 = 12;

    /** MSI-X capability: Message Control at +2, table at +4, PBA at +8. */
    public static final int MSIX_FLAGS = 2;
    public static final int MSIX_FLAGS_QSIZE = 0x07FF;
    public static final int MSIX_FLAGS_MASKALL = 0x4000;
    public static final int MSIX_FLAGS_ENABLE = 0x8000;
    public static final int MSIX_TABLE = 4;
    public static final int MSIX_PBA = 8;
    public static final int MSIX_BIR_MASK = 0x7;
    public static final int MSIX_ENTRY_SIZE = 16;
    public static final int MSIX_ENTRY_VECTOR_CTRL = 12;
    public static final int MSIX_ENTRY_CTRL_MASKBIT = 0x1;

    /** Class code of an Ethernet controller (base 0x02, subclass 0x00). */
    public static final int CLASS_NETWORK_ETHERNET = 0x0200;

    private PciRegs() {}
}
