package io.jnetdev.runtime.ethtool;

import io.jnetdev.api.ethtool.TestFlag;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of {@code ETHTOOL_TEST}: the flags the driver returned and one result per test
 * string (0 = pass).
 *
 * @param flags   flags after the run; {@link TestFlag#FAILED} when a test failed
 * @param results the {@code ETH_SS_TEST} names with their results
 */
public record SelfTestResult(Set<TestFlag> flags, List<EthtoolStat> results) {
    public SelfTestResult {
        EnumSet<TestFlag> f = EnumSet.noneOf(TestFlag.class);
        f.addAll(flags);
        flags = Collections.unmodifiableSet(f);
        results = List.copyOf(results);
    }

    /** Whether the driver reported success ({@code ETH_TEST_FL_FAILED} clear). */
    public boolean passed() {
        return !flags.contains(TestFlag.FAILED);
    }
}
