package io.jnetdev.api.net;

/**
 * A NAPI poll function. Runs in softirq context. Processes at most {@code budget} received
 * frames and returns how many; when all work is done it calls
 * {@link Napi#completeDone(int)} and returns less than {@code budget}; when work is left it
 * returns exactly {@code budget} and leaves the NAPI state alone. With {@code budget == 0} it
 * only reclaims transmit completions, must not complete, and returns 0.
 */
@FunctionalInterface
public interface NapiPoll {
    int poll(Napi napi, int budget);
}
