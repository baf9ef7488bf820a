package io.jnetdev.hw.models.testing;

/** Frames for the card models' register-level tests. */
public final class TestFrames {
    private TestFrames() {}

    /**
     * An IPv4-typed Ethernet frame of {@code length} bytes (no FCS) from {@code src} to {@code dst},
     * with a recognisable payload; a length under 14 keeps what fits (a runt).
     */
    public static byte[] ethernet(long dst, long src, int length) {
        byte[] f = new byte[length];
        for (int i = 0; i < Math.min(6, length); i++) {
            f[i] = (byte) (dst >>> (40 - 8 * i));
        }
        for (int i = 6; i < Math.min(12, length); i++) {
            f[i] = (byte) (src >>> (40 - 8 * (i - 6)));
        }
        if (length >= 14) {
            f[12] = 0x08;
            f[13] = 0x00;
        }
        for (int i = 14; i < length; i++) {
            f[i] = (byte) (i * 7 + 1);
        }
        return f;
    }
}
