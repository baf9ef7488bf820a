package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import java.util.List;

/**
 * One row of the transceiver table ({@code media_tbl} in {@code 3c59x.c}), indexed by the
 * window-3 XCVR code: its name, the window-4 media bits it needs, the bit of the available-media
 * word (window 3 options) that says it is fitted, the one to try next when it has no link, and how
 * long to wait before checking it.
 *
 * @param name       as {@code ethtool} and the log show it
 * @param mediaBits  bits for the window-4 media register
 * @param mask       the transceiver-present bit in the available-media word
 * @param next       the XCVR code to try next
 * @param waitMillis time before the media timer first checks it (10 s for the undefined codes)
 */
record VortexMedia(String name, int mediaBits, int mask, int next, int waitMillis) {
    private static final List<VortexMedia> TABLE = List.of(
            new VortexMedia("10baseT", MEDIA_10TP, 0x08, XCVR_10BASE2, 1400),
            new VortexMedia("10Mbs AUI", MEDIA_SQE, 0x20, XCVR_DEFAULT, 100),
            new VortexMedia("undefined", 0, 0x80, XCVR_10BASE_T, 10_000),
            new VortexMedia("10base2", 0, 0x10, XCVR_AUI, 100),
            new VortexMedia("100baseTX", MEDIA_LNK, 0x02, XCVR_100BASE_FX, 1400),
            new VortexMedia("100baseFX", MEDIA_LNK, 0x04, XCVR_MII, 1400),
            new VortexMedia("MII", 0, 0x41, XCVR_10BASE_T, 3000),
            new VortexMedia("undefined", 0, 0x01, XCVR_10BASE_T, 10_000),
            new VortexMedia("Autonegotiate", 0, 0x41, XCVR_10BASE_T, 3000),
            new VortexMedia("MII-External", 0, 0x41, XCVR_10BASE_T, 3000),
            new VortexMedia("Default", 0, 0xFF, XCVR_10BASE_T, 10_000));

    /** The row of XCVR code {@code xcvr}; codes past the table are treated as "Default". */
    static VortexMedia of(int xcvr) {
        return TABLE.get(Math.clamp(xcvr, 0, TABLE.size() - 1));
    }

    /** The wait in jiffies ({@code media_tbl[].wait} is kept in jiffies at HZ; here in ms, converted). */
    long waitJiffies(int hz) {
        return Math.max(1, (long) waitMillis * hz / 1000);
    }
}
