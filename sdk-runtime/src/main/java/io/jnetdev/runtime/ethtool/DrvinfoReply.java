package io.jnetdev.runtime.ethtool;

import io.jnetdev.api.ethtool.Drvinfo;

/**
 * The answer to {@code ETHTOOL_GDRVINFO}: the identity strings with the core's defaults filled
 * in, and the sizes the core adds ({@code n_stats}, {@code testinfo_len}, {@code regdump_len}),
 * from which {@code ethtool -i} prints its "supports-..." lines.
 *
 * @param info        driver, version, firmware version, bus address
 * @param nStats      {@code get_sset_count(ETH_SS_STATS)}, 0 without statistics
 * @param testinfoLen {@code get_sset_count(ETH_SS_TEST)}, 0 without self-tests
 * @param regdumpLen  {@code get_regs_len}, 0 without a register dump
 */
public record DrvinfoReply(Drvinfo info, int nStats, int testinfoLen, int regdumpLen) {
}
