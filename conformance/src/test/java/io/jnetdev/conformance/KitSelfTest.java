package io.jnetdev.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.conformance.kitnic.Breakage;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The kit proves itself: run through the JUnit Platform against its own test driver, the correct
 * variant passes every rule it declares (and the rest are skipped, never passed), and each broken
 * variant fails exactly the rule it breaks — no other rule fails alongside it.
 */
class KitSelfTest {

    /** Rule id of each failed, skipped and passed test of one engine run (test names are {@code <id> seed <n>}). */
    private record Outcome(Set<String> failed, Set<String> skipped, Set<String> passed, Map<String, String> messages) {}

    private static Outcome run(Breakage b) {
        KitNicSubject.breakage = b;
        EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(KitNicSubject.class))
                .configurationParameter(KitConfig.SEEDS, "1")
                .configurationParameter(KitConfig.BASE_SEED, "7")
                .execute();
        Set<String> failed = new TreeSet<>();
        Set<String> skipped = new TreeSet<>();
        Set<String> passed = new TreeSet<>();
        Map<String, String> messages = new TreeMap<>();
        r.testEvents().failed().stream().forEach(e -> {
            failed.add(ruleOf(e));
            messages.put(ruleOf(e), e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse(""));
        });
        r.testEvents().aborted().stream().forEach(e -> skipped.add(ruleOf(e)));
        r.testEvents().succeeded().stream().forEach(e -> passed.add(ruleOf(e)));
        return new Outcome(failed, skipped, passed, messages);
    }

    private static String ruleOf(Event e) {
        String name = e.getTestDescriptor().getDisplayName();
        return name.substring(0, name.indexOf(" seed "));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Breakage.class)
    void eachVariantFailsExactlyItsRule(Breakage b) {
        Outcome o = run(b);
        if (b == Breakage.NONE) {
            assertThat(o.failed()).as("the correct driver fails nothing: %s", o.messages()).isEmpty();
            assertThat(o.skipped()).as("skipped: what the driver does not declare, and MQ")
                    .containsExactlyInAnyOrder("ETH-COALESCE", "ETH-STATS", "ETH-REGS", "ETH-SELFTEST", "MQ");
            assertThat(o.passed()).as("every other rule passed").hasSize(Rule.values().length - 5);
        } else {
            assertThat(o.failed()).as("%s fails exactly %s; messages: %s", b, b.rule(), o.messages())
                    .containsExactly(b.rule());
            assertThat(o.messages().get(b.rule())).as("the failure names the rule, the seed and the replay")
                    .startsWith(b.rule() + " ").contains("seed 7").contains("-Djnetdev.conformance.seed=7");
        }
    }

    /** A rule whose capability is not declared is skipped with the reason, never passed. */
    @org.junit.jupiter.api.Test
    void undeclaredCapabilitiesAreSkippedWithTheReason() {
        DriverUnderTest dut = new KitNicSubject().driverUnderTest()
                .withCapabilities(EnumSet.of(Capability.LEGACY_NETIF_RX, Capability.INTX));
        assertThat(Rule.R10.missing(dut.capabilities())).contains("NAPI");
        assertThat(Rule.IRQ_MODE.missing(dut.capabilities())).isNull();
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> NetDriverConformance.judge(Rule.R10, dut, java.util.List.of()));
        assertThat(t).isInstanceOf(org.opentest4j.TestAbortedException.class).hasMessageContaining("R10 not checked")
                .hasMessageContaining("NAPI");
        Finding f = new Finding(Rule.R10, "s", 3, "0000:00:03.0", "kitnic", 5, "boom", java.util.List.of("[0.1] x"));
        Throwable fails = org.assertj.core.api.Assertions.catchThrowable(
                () -> NetDriverConformance.judge(Rule.R10, dut, java.util.List.of(f)));
        assertThat(fails).as("a finding fails the rule even when its capability is not declared")
                .isInstanceOf(AssertionError.class).hasMessageContaining("R10").hasMessageContaining("seed 3");
        assertThat(Stream.of(Rule.values()).map(Rule::id).distinct().count()).isEqualTo(Rule.values().length);
    }
}
