package io.jnetdev.api.kernel;

/** printk levels, {@code KERN_EMERG} (0) to {@code KERN_DEBUG} (7). */
public enum LogLevel {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

    /** The numeric level as printed in {@code dmesg -r}. */
    public int level() {
        return ordinal();
    }
}
