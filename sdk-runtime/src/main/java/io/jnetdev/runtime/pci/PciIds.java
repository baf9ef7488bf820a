package io.jnetdev.runtime.pci;

import java.util.Map;

/**
 * The few {@code pci.ids} names {@code lspci} prints for the devices this project models.
 * Unknown IDs print as Linux's lspci prints them: {@code Device 1234:11e8}.
 */
final class PciIds {
    private static final Map<Integer, String> VENDORS = Map.of(
            0x8086, "Intel Corporation",
            0x10B7, "3Com Corporation",
            0x1011, "Digital Equipment Corporation");

    private static final Map<Integer, String> DEVICES = Map.of(
            0x8086_10D3, "82574L Gigabit Network Connection",
            0x10B7_5950, "3c595 100BaseTX [Vortex]",
            0x10B7_9200, "3c905C-TX/TX-M [Tornado]",
            0x1011_0019, "DECchip 21142/43",
            0x1011_0009, "DECchip 21140 [FasterNet]");

    private static final Map<Integer, String> CLASSES = Map.of(
            0x0200, "Ethernet controller",
            0x0280, "Network controller",
            0x00FF, "Unclassified device",
            0x0000, "Non-VGA unclassified device",
            0xFF00, "Unassigned class");

    private PciIds() {}

    /** Class name for the 16-bit base/sub class. */
    static String className(int baseSub) {
        return CLASSES.getOrDefault(baseSub, "Class " + String.format("%04x", baseSub));
    }

    /** Vendor and device text as lspci prints it, with {@code [vvvv:dddd]} when {@code numeric}. */
    static String deviceText(int vendor, int device, boolean numeric) {
        String v = VENDORS.get(vendor);
        String d = DEVICES.get((vendor << 16) | device);
        String ids = String.format("%04x:%04x", vendor, device);
        if (v != null && d != null) {
            return v + " " + d + (numeric ? " [" + ids + "]" : "");
        }
        return "Device " + (numeric ? "[" + ids + "]" : ids);
    }
}
