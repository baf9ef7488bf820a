package io.jnetdev.hw.wire;

/**
 * Smooth weighted round-robin (the interleaving nginx's upstream balancer uses): one cycle of
 * {@code sum(weights)} picks in which entry {@code i} appears exactly {@code weights[i]} times,
 * spread as evenly as the weights allow rather than in runs (7:4:1 gives {@code 0 1 0 0 1 0 2 0 1 0 1 0}
 * rather than seven 0s, four 1s, one 2). Deterministic: ties go to the lower index. Computed once,
 * when a generator is built; the generator then walks the cycle without allocating.
 */
final class WeightedRoundRobin {
    private WeightedRoundRobin() {}

    /** The cycle: entry indices, {@code sum(weights)} long. Weights must be positive. */
    static int[] cycle(int[] weights) {
        long total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] order = new int[Math.toIntExact(total)];
        long[] current = new long[weights.length];
        for (int pick = 0; pick < order.length; pick++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[pick] = best;
        }
        return order;
    }
}
