package io.jnetdev.api.ethtool;

import java.util.Objects;

/**
 * {@code struct ethtool_drvinfo} as {@code get_drvinfo} fills it: only the four identity strings
 * (Linux: "should only set driver, version, fw_version and bus_info"). An empty string leaves the
 * field to the core, which uses the driver's name, the kernel release and the parent device's
 * bus address. Each field holds at most 31 characters (32 bytes with the terminating NUL); the
 * core truncates longer ones as {@code strscpy} would.
 *
 * @param driver    driver name ({@code ethtool -i}: "driver")
 * @param version   driver version; empty means the kernel release
 * @param fwVersion firmware version ({@code fw_version})
 * @param busInfo   the device's bus address, e.g. {@code 0000:00:03.0}
 */
public record Drvinfo(String driver, String version, String fwVersion, String busInfo) {
    /** {@code ETHTOOL_BUSINFO_LEN} and the size of every string field, NUL included. */
    public static final int FIELD_LEN = 32;

    /** Nothing filled in: every field left to the core. */
    public static final Drvinfo EMPTY = new Drvinfo("", "", "", "");

    public Drvinfo {
        driver = Objects.requireNonNullElse(driver, "");
        version = Objects.requireNonNullElse(version, "");
        fwVersion = Objects.requireNonNullElse(fwVersion, "");
        busInfo = Objects.requireNonNullElse(busInfo, "");
    }

    /** Only the firmware version set, the rest left to the core. */
    public static Drvinfo firmware(String fwVersion) {
        return new Drvinfo("", "", fwVersion, "");
    }
}
