package io.jnetdev.cli.conformance;

import io.jnetdev.conformance.Rule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Counts the kit's tests per rule as the launcher runs them — passed, failed, skipped over the
 * seeds — keeps each failed rule's first failure message, and prints a progress line as each
 * rule finishes. The kit names its containers by {@link Rule#displayName()} and its tests
 * {@code <rule id> seed <n>}, which is how a test is mapped to its rule.
 */
final class RuleTally implements TestExecutionListener {

    /** One rule's outcome over the seeds. */
    record Row(Rule rule, int passed, int failed, int skipped, String firstFailure, String skipReason) {
        /** {@code failed} when any seed failed, {@code skipped} when every seed was, else {@code passed}. */
        String verdict() {
            return failed > 0 ? "FAILED" : passed == 0 && skipped > 0 ? "skipped" : passed > 0 ? "passed" : "not run";
        }
    }

    private final PrintWriter progress;
    private final Map<String, Rule> containers = new HashMap<>();
    private final Map<Rule, int[]> counts = new EnumMap<>(Rule.class);
    private final Map<Rule, String> firstFailure = new EnumMap<>(Rule.class);
    private final Map<Rule, String> skipReason = new EnumMap<>(Rule.class);
    private final List<String> otherFailures = new ArrayList<>();
    private final Set<String> seedsStarted = new HashSet<>();
    private int rulesDone;

    RuleTally(PrintWriter progress) {
        this.progress = progress;
        for (Rule r : Rule.values()) {
            containers.put(r.displayName(), r);
            counts.put(r, new int[3]);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            String seed = id.getDisplayName().substring(id.getDisplayName().indexOf(" seed ") + 1);
            if (seedsStarted.add(seed)) {
                progress.printf("%s: running every scenario...%n", seed);
                progress.flush();
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        Rule r = ruleOfTest(id);
        if (r != null) {
            counts.get(r)[2]++;
            skipReason.putIfAbsent(r, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Rule r = ruleOfTest(id);
        if (r != null) {
            int[] c = counts.get(r);
            switch (result.getStatus()) {
                case SUCCESSFUL -> c[0]++;
                case FAILED -> {
                    c[1]++;
                    firstFailure.putIfAbsent(r, message(result));
                }
                case ABORTED -> {
                    c[2]++;
                    skipReason.putIfAbsent(r, message(result));
                }
            }
            return;
        }
        Rule container = id.isContainer() ? containers.get(id.getDisplayName()) : null;
        if (container != null) {
            rulesDone++;
            Row row = row(container);
            progress.printf("[%2d/%d] %-14s %s%n", rulesDone, containers.size(), container.id(), row.verdict());
            progress.flush();
        }
        if (result.getStatus() == TestExecutionResult.Status.FAILED && id.isContainer()) {
            // a container that failed by itself, e.g. the kit could not make its tests
            otherFailures.add(id.getDisplayName() + ": " + message(result));
        }
    }

    /** The rows, in the kit's rule order. */
    List<Row> rows() {
        return counts.keySet().stream().map(this::row).toList();
    }

    /** Failures that belong to no rule (the kit's test class or a rule container failed as a whole). */
    List<String> otherFailures() {
        return List.copyOf(otherFailures);
    }

    private Row row(Rule r) {
        int[] c = counts.get(r);
        return new Row(r, c[0], c[1], c[2], firstFailure.get(r), skipReason.get(r));
    }

    /** The rule of a kit test ({@code R10 seed 2}), or null for anything else. */
    private static Rule ruleOfTest(TestIdentifier id) {
        if (!id.isTest()) {
            return null;
        }
        String name = id.getDisplayName();
        int at = name.indexOf(" seed ");
        if (at < 0) {
            return null;
        }
        try {
            return Rule.byId(name.substring(0, at));
        } catch (IllegalArgumentException notTheKits) {
            return null;
        }
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(t -> t.getMessage() != null ? t.getMessage() : t.toString()).orElse("(no message)");
    }
}
