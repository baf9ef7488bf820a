package io.jnetdev.api.pci;

/**
 * One entry of a PCI driver's ID table ({@code struct pci_device_id}).
 *
 * <p>A device matches when each of vendor, device, subvendor and subdevice equals the device's
 * value or is {@link #ANY}, and {@code ((classCode ^ device.class) & classMask) == 0} — so a class
 * mask of 0 ignores the class (Linux {@code pci_match_one_device}).
 *
 * @param vendor     vendor ID or {@link #ANY}
 * @param device     device ID or {@link #ANY}
 * @param subvendor  subsystem vendor ID or {@link #ANY}
 * @param subdevice  subsystem device ID or {@link #ANY}
 * @param classCode  24-bit class code (base class, subclass, prog-if), compared under {@code classMask}
 * @param classMask  which class bits must match
 * @param driverData opaque per-entry data handed back to probe (board type, flags)
 */
public record PciDeviceId(int vendor, int device, int subvendor, int subdevice,
                          int classCode, int classMask, long driverData) {

    /** {@code PCI_ANY_ID}: matches any value. */
    public static final int ANY = 0xFFFF_FFFF;

    public PciDeviceId {
        checkId("vendor", vendor);
        checkId("device", device);
        checkId("subvendor", subvendor);
        checkId("subdevice", subdevice);
        if ((classCode & ~0xFF_FFFF) != 0 || (classMask & ~0xFF_FFFF) != 0) {
            throw new IllegalArgumentException(String.format(
                    "PCI class 0x%x / mask 0x%x is wider than 24 bits", classCode, classMask));
        }
        if ((classCode & ~classMask) != 0) {
            throw new IllegalArgumentException(String.format(
                    "PCI class 0x%06x has bits outside its mask 0x%06x: they could never match", classCode, classMask));
        }
    }

    private static void checkId(String what, int id) {
        if (id != ANY && (id & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(String.format("PCI %s ID 0x%x is neither 16 bits nor PCI_ANY_ID", what, id));
        }
    }

    /** {@code PCI_DEVICE(vendor, device)}: any subsystem, any class. */
    public static PciDeviceId of(int vendor, int device) {
        return new PciDeviceId(vendor, device, ANY, ANY, 0, 0, 0);
    }

    /** {@code PCI_DEVICE(vendor, device)} with driver data, e.g. a board index. */
    public static PciDeviceId of(int vendor, int device, long driverData) {
        return new PciDeviceId(vendor, device, ANY, ANY, 0, 0, driverData);
    }

    /** {@code PCI_DEVICE_CLASS(class, mask)}: any vendor and device of that class. */
    public static PciDeviceId ofClass(int classCode, int classMask) {
        return new PciDeviceId(ANY, ANY, ANY, ANY, classCode, classMask, 0);
    }

    /** This entry with the given driver data. */
    public PciDeviceId withDriverData(long data) {
        return new PciDeviceId(vendor, device, subvendor, subdevice, classCode, classMask, data);
    }

    /** Whether a device with these IDs matches this entry ({@code pci_match_one_device}). */
    public boolean matches(int devVendor, int devDevice, int devSubvendor, int devSubdevice, int devClass) {
        return (vendor == ANY || vendor == devVendor)
                && (device == ANY || device == devDevice)
                && (subvendor == ANY || subvendor == devSubvendor)
                && (subdevice == ANY || subdevice == devSubdevice)
                && ((classCode ^ devClass) & classMask) == 0;
    }

    @Override
    public String toString() {
        return String.format("pci:v%sd%ssv%ssd%sc%06xm%06x",
                hex(vendor), hex(device), hex(subvendor), hex(subdevice), classCode, classMask);
    }

    private static String hex(int id) {
        return id == ANY ? "*" : String.format("%04x", id);
    }
}
