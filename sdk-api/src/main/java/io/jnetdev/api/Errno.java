package io.jnetdev.api;

/**
 * Linux error numbers a driver sees and returns, with their x86-64 values and Linux's
 * {@code strerror} texts. Only the ones the SDK uses are listed.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    EINVAL(22, "Invalid argument"),
    ENOSPC(28, "No space left on device"),
    ERANGE(34, "Numerical result out of range"),
    ENOSYS(38, "Function not implemented"),
    EOPNOTSUPP(95, "Operation not supported"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"),
    ETIMEDOUT(110, "Connection timed out"),
    /** Kernel-internal: the driver asks to be probed again later (drivers/base/dd.c). */
    EPROBE_DEFER(517, "Probe deferred");

    private final int number;
    private final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The positive errno value, as in {@code include/uapi/asm-generic/errno*.h}. */
    public int number() {
        return number;
    }

    /** The value a kernel function returns for this error: {@code -number}. */
    public int negative() {
        return -number;
    }

    /** Linux's message for this errno. */
    public String text() {
        return text;
    }
}
