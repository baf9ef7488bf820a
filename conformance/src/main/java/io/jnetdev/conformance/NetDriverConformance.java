package io.jnetdev.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The conformance kit. A driver plugin's tests extend this class once and say what they test:
 *
 * <pre>{@code
 * class MyNicConformanceTest extends NetDriverConformance {
 *     @Override
 *     protected DriverUnderTest driverUnderTest() {
 *         return DriverUnderTest.module("mynic").model(MyNicModel::new)
 *                 .capabilities(Capability.NAPI, Capability.MSI, Capability.INTX, Capability.TX)
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>Every {@link Scenario} runs on a fresh deterministic machine for each seed ({@link KitConfig}),
 * with the runtime's oracle watching. The tests are the {@link Rule}s: one container per rule,
 * named {@code R10 all work done: ...}, holding one test per seed, named {@code R10 seed 1}. A rule's
 * test fails when any scenario of that seed produced a finding of the rule — the message names the
 * rule, the seed, the device, the first violating event with the kernel log around it, and the
 * {@code -Djnetdev.conformance.seed=N} that replays it; it is skipped (never passed) when the driver
 * does not declare what the rule needs. Every runtime warning belongs to some rule, {@link Rule#WARN}
 * catching the rest, so a recorded violation always fails a test.
 */
@ExtendWith(NetDriverConformance.ConfigResolver.class)
public abstract class NetDriverConformance {
    /** The driver to check: module, model, parameters, capabilities. */
    protected abstract DriverUnderTest driverUnderTest();

    /** Every rule, over every seed. */
    @TestFactory
    @DisplayName("jnetdev conformance")
    Stream<DynamicNode> conformance(KitConfig config, TestReporter reporter) {
        DriverUnderTest dut = driverUnderTest();
        Map<Long, List<Finding>> bySeed = new HashMap<>();
        return Arrays.stream(Rule.values()).map(rule -> DynamicContainer.dynamicContainer(rule.displayName(),
                config.seeds().stream().map(seed -> DynamicTest.dynamicTest(rule.id() + " seed " + seed, () -> {
                    reporter.publishEntry(Map.of("rule", rule.id(), "seed", Long.toString(seed)));
                    List<Finding> all = bySeed.computeIfAbsent(seed, s -> runAll(dut, s, config));
                    judge(rule, dut, all);
                }))));
    }

    /** Runs every scenario that applies to {@code dut} with {@code seed}. */
    static List<Finding> runAll(DriverUnderTest dut, long seed, KitConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            if (!s.appliesTo(dut)) {
                continue;
            }
            try {
                findings.addAll(s.run(dut, seed, config));
            } catch (RuntimeException e) {
                findings.add(new Finding(Rule.PROBE, s.title(), seed, "-", dut.moduleName(), 0,
                        "the scenario could not run: " + e, List.of()));
            }
        }
        return findings;
    }

    /**
     * Fails with the rule's first finding; skips when the rule's capability is not declared, or
     * when a PROBE finding means the scenarios may never have reached what the rule checks (a
     * driver that never binds must not pass LIVE, CONS or SKB by doing nothing); passes otherwise.
     */
    static void judge(Rule rule, DriverUnderTest dut, List<Finding> all) {
        List<Finding> mine = all.stream().filter(f -> f.rule() == rule).toList();
        if (!mine.isEmpty()) {
            Assertions.fail(mine.getFirst().report(mine.size() - 1));
        }
        String missing = rule.missing(dut.capabilities());
        if (missing != null) {
            Assumptions.abort(rule.id() + " not checked: " + missing);
        }
        if (rule != Rule.PROBE && all.stream().anyMatch(f -> f.rule() == Rule.PROBE)) {
            Assumptions.abort(rule.id() + " not checked: a scenario could not bind the device or run (see PROBE), "
                    + "so this rule's checks may not have run");
        }
        if (rule == Rule.MQ) {
            Assumptions.abort(rule.id() + " not checked: this version of the kit has no multi-queue scenarios");
        }
    }

    /** Resolves {@link KitConfig} from the JUnit configuration parameters (and so from system properties). */
    static final class ConfigResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == KitConfig.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return KitConfig.from(context::getConfigurationParameter);
        }
    }
}
