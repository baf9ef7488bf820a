package io.jnetdev.api.ethtool;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;

/**
 * What the default of an {@link EthtoolOps} method throws: the driver left the operation out,
 * as a C driver leaves the pointer in {@code struct ethtool_ops} NULL. The core answers
 * {@link Errno#EOPNOTSUPP} for it, and where Linux falls back on something else for a NULL op
 * (the driver name and bus address for {@code get_drvinfo}) it does the same.
 *
 * <p>A driver that implements an operation but cannot do what is asked throws a plain
 * {@link ErrnoException}, never this type.
 */
public final class OpNotImplementedException extends ErrnoException {
    private final String op;

    /** @param op the Linux name of the operation, e.g. {@code get_ringparam} */
    public OpNotImplementedException(String op) {
        this(op, op + " is not implemented");
    }

    /** @param op the Linux name of the operation; {@code message} says where (device, driver) */
    public OpNotImplementedException(String op, String message) {
        super(Errno.EOPNOTSUPP, message);
        this.op = op;
    }

    /** The Linux name of the operation left out. */
    public String op() {
        return op;
    }
}
