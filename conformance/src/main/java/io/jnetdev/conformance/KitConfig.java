package io.jnetdev.conformance;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * The kit's settings, read from JUnit configuration parameters (which fall back to system
 * properties, then {@code junit-platform.properties}):
 * <ul>
 *   <li>{@value #SEEDS}: how many seeds each scenario runs with (default {@value #DEFAULT_SEEDS});</li>
 *   <li>{@value #BASE_SEED}: the first seed (default {@value #DEFAULT_BASE_SEED}); seeds are consecutive;</li>
 *   <li>{@value #SEED}: run only this seed — the replay of a failure;</li>
 *   <li>{@value #MUST_HAPPEN_MS}: virtual milliseconds the kit waits for something that must happen
 *       (a carrier, frames to drain) before calling it a failure (default {@value #DEFAULT_MUST_HAPPEN_MS});</li>
 *   <li>{@value #MUST_NOT_HAPPEN_MS}: virtual milliseconds the kit keeps watching after a scenario for
 *       something that must not happen (a late timer, a stray interrupt) (default {@value #DEFAULT_MUST_NOT_HAPPEN_MS}).</li>
 * </ul>
 * The two timeouts are separate, as the Reactive Streams TCK learned they must be (its issues
 * #308 and #453). Both are virtual time: generous costs little wall time.
 */
public record KitConfig(List<Long> seeds, long mustHappenNanos, long mustNotHappenNanos) {
    public static final String SEEDS = "jnetdev.conformance.seeds";
    public static final String BASE_SEED = "jnetdev.conformance.baseSeed";
    public static final String SEED = "jnetdev.conformance.seed";
    public static final String MUST_HAPPEN_MS = "jnetdev.conformance.mustHappenMs";
    public static final String MUST_NOT_HAPPEN_MS = "jnetdev.conformance.mustNotHappenMs";
    public static final int DEFAULT_SEEDS = 3;
    public static final long DEFAULT_BASE_SEED = 1;
    public static final long DEFAULT_MUST_HAPPEN_MS = 3000;
    public static final long DEFAULT_MUST_NOT_HAPPEN_MS = 200;

    public KitConfig {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed");
        }
        if (mustHappenNanos <= 0 || mustNotHappenNanos <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** The defaults: seeds 1, 2, 3, must-happen 3 s, must-not-happen 200 ms. */
    public static KitConfig defaults() {
        return from(key -> Optional.empty());
    }

    /** Settings from a lookup of configuration parameters (empty where unset). */
    public static KitConfig from(Function<String, Optional<String>> lookup) {
        List<Long> seeds;
        Optional<String> one = lookup.apply(SEED);
        if (one.isPresent()) {
            seeds = List.of(parse(SEED, one.get()));
        } else {
            long count = lookup.apply(SEEDS).map(v -> parse(SEEDS, v)).orElse((long) DEFAULT_SEEDS);
            long base = lookup.apply(BASE_SEED).map(v -> parse(BASE_SEED, v)).orElse(DEFAULT_BASE_SEED);
            if (count < 1) {
                throw new IllegalArgumentException(SEEDS + " must be at least 1, not " + count);
            }
            seeds = LongStream.range(base, base + count).boxed().toList();
        }
        long must = lookup.apply(MUST_HAPPEN_MS).map(v -> parse(MUST_HAPPEN_MS, v)).orElse(DEFAULT_MUST_HAPPEN_MS);
        long mustNot = lookup.apply(MUST_NOT_HAPPEN_MS).map(v -> parse(MUST_NOT_HAPPEN_MS, v)).orElse(DEFAULT_MUST_NOT_HAPPEN_MS);
        return new KitConfig(seeds, must * 1_000_000L, mustNot * 1_000_000L);
    }

    private static long parse(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a number", e);
        }
    }
}
