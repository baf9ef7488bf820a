package io.jnetdev.api;

import java.util.Objects;

/**
 * A kernel call that failed, carrying the errno Linux would return and a sentence saying what
 * failed and where (device, register, resource). Drivers let it propagate or handle it, the way a
 * C driver checks a negative return value.
 */
public class ErrnoException extends Exception {
    private final Errno errno;

    public ErrnoException(Errno errno, String message) {
        super(Objects.requireNonNull(errno, "errno") + ": " + message);
        this.errno = errno;
    }

    public ErrnoException(Errno errno, String message, Throwable cause) {
        super(Objects.requireNonNull(errno, "errno") + ": " + message, cause);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
