package io.jnetdev.runtime.klog;

/**
 * A contract violation the runtime caught, as a debug kernel's WARN would: which rule
 * ({@code contract-rules.md}), where, and when.
 *
 * @param rule      rule id, e.g. {@code D3}, {@code D14}, {@code D15}, {@code R7}
 * @param device    the device involved ({@code 0000:00:03.0}) or {@code -}
 * @param driver    the driver or module involved, or {@code -}
 * @param timeNanos virtual time
 * @param message   what happened
 */
public record Violation(String rule, String device, String driver, long timeNanos, String message) {
    @Override
    public String toString() {
        return String.format("[%s] %s %s: %s (t=%dns)", rule, driver, device, message, timeNanos);
    }
}
