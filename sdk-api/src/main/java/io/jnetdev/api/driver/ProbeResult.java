package io.jnetdev.api.driver;

import io.jnetdev.api.Errno;
import java.util.Objects;

/**
 * What a probe function returns, with the meanings Linux's {@code really_probe} gives its
 * return value: success, deferral, "this driver rejects the match" and failure.
 * A probe may also throw {@link io.jnetdev.api.ErrnoException}; the core reads that as
 * {@link Failed} with the exception's errno (or {@link Deferred} for {@code EPROBE_DEFER}).
 */
public sealed interface ProbeResult {

    /** Probe succeeded: the driver is bound to the device ({@code return 0}). */
    record Bound() implements ProbeResult {}

    /** A resource this device needs is not there yet; probe again after the next successful bind
     *  ({@code -EPROBE_DEFER}). */
    record Deferred(String reason) implements ProbeResult {
        public Deferred {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The ID matched but this driver cannot drive this device; other drivers may try
     *  ({@code -ENODEV} or {@code -ENXIO}, logged at debug level only). */
    record RejectsMatch(Errno errno, String reason) implements ProbeResult {
        public RejectsMatch {
            if (errno != Errno.ENODEV && errno != Errno.ENXIO) {
                throw new IllegalArgumentException("rejects-match is ENODEV or ENXIO, not " + errno);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Probe failed with an error; logged at error level, the device stays unbound. */
    record Failed(Errno errno, String reason) implements ProbeResult {
        public Failed {
            Objects.requireNonNull(errno, "errno");
            Objects.requireNonNull(reason, "reason");
            if (errno == Errno.EPROBE_DEFER) {
                throw new IllegalArgumentException("use ProbeResult.defer for EPROBE_DEFER");
            }
        }
    }

    static ProbeResult bound() {
        return new Bound();
    }

    static ProbeResult defer(String reason) {
        return new Deferred(reason);
    }

    static ProbeResult rejectsMatch(String reason) {
        return new RejectsMatch(Errno.ENODEV, reason);
    }

    static ProbeResult fail(Errno errno, String reason) {
        return new Failed(errno, reason);
    }
}
