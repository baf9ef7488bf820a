package io.jnetdev.api.ethtool;

/**
 * A register dump as {@code ethtool -d} receives it ({@code struct ethtool_regs}): the
 * driver's layout version and the bytes.
 *
 * @param version the dump format version the driver set ({@code regs->version})
 * @param data    the register bytes, at most {@code get_regs_len} of them
 */
public record RegDump(int version, byte[] data) {
    public RegDump {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Bytes in the dump. */
    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegDump r && r.version == version && java.util.Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * version + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RegDump[version=" + version + ", " + data.length + " bytes]";
    }
}
