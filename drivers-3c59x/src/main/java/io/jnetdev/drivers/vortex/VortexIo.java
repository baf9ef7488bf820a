package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.api.pci.IoRegion;
import java.util.function.Supplier;

/**
 * Register access of one card: the command register, the windowed registers with the driver's
 * cached window ({@code window_set}, {@code window_read8/16/32}, {@code window_write8/16/32},
 * all under {@code window_lock} with interrupts off, since a handler may switch the window
 * between a select and the access it was for) and {@code issue_and_wait}.
 */
final class VortexIo {
    /** {@code issue_and_wait}: status reads without delay before the slow loop. */
    static final int FAST_POLLS = 2000;
    /** {@code issue_and_wait}: then this many reads 10 µs apart, about a second in all. */
    static final int SLOW_POLLS = 100_000;
    static final int SLOW_POLL_DELAY_US = 10;

    final IoRegion ioaddr;
    private final Kernel kernel;
    private final SpinLock windowLock;
    /** The name log lines carry: the interface name once registered, the PCI name before. */
    private final Supplier<String> name;
    /** {@code vp->window}: the window last selected, -1 when unknown. */
    private int window = -1;
    /** Commands that timed out ({@code issue_and_wait} giving up), for ethtool -S. */
    long commandTimeouts;

    VortexIo(IoRegion ioaddr, Kernel kernel, Supplier<String> name) {
        this.ioaddr = ioaddr;
        this.kernel = kernel;
        this.name = name;
        this.windowLock = kernel.spinLockInit("3c59x window_lock");
    }

    /** {@code iowrite16(cmd, ioaddr + EL3_CMD)}. */
    void command(int cmd) {
        ioaddr.write16(EL3_CMD, cmd);
    }

    /** {@code ioread16(ioaddr + EL3_STATUS)}. */
    int status() {
        return ioaddr.read16(EL3_STATUS);
    }

    /** Forgets the cached window: after a reset the card is back in window 0. */
    void windowUnknown() {
        window = -1;
    }

    /** {@code window_set}: selects {@code w} unless it is already selected. Caller holds the window lock. */
    private void windowSet(int w) {
        if (w != window) {
            ioaddr.write16(EL3_CMD, SELECT_WINDOW + w);
            window = w;
        }
    }

    int windowRead8(int w, int addr) {
        long flags = windowLock.lockIrqSave();
        try {
            windowSet(w);
            return ioaddr.read8(addr);
        } finally {
            windowLock.unlockIrqRestore(flags);
        }
    }

    int windowRead16(int w, int addr) {
        long flags = windowLock.lockIrqSave();
        try {
            windowSet(w);
            return ioaddr.read16(addr);
        } finally {
            windowLock.unlockIrqRestore(flags);
        }
    }

    int windowRead32(int w, int addr) {
        long flags = windowLock.lockIrqSave();
        try {
            windowSet(w);
            return ioaddr.read32(addr);
        } finally {
            windowLock.unlockIrqRestore(flags);
        }
    }

    void windowWrite8(int value, int w, int addr) {
        long flags = windowLock.lockIrqSave();
        try {
            windowSet(w);
            ioaddr.write8(addr, value);
        } finally {
            windowLock.unlockIrqRestore(flags);
        }
    }

    void windowWrite16(int value, int w, int addr) {
        long flags = windowLock.lockIrqSave();
        try {
            windowSet(w);
            ioaddr.write16(addr, value);
        } finally {
            windowLock.unlockIrqRestore(flags);
        }
    }

    void windowWrite32(int value, int w, int addr) {
        long flags = windowLock.lockIrqSave();
        try {
            windowSet(w);
            ioaddr.write32(addr, value);
        } finally {
            windowLock.unlockIrqRestore(flags);
        }
    }

    /**
     * {@code issue_and_wait}: writes {@code cmd} and waits for CmdInProgress to clear, first with
     * {@value #FAST_POLLS} back-to-back reads, then {@value #SLOW_POLLS} reads
     * {@value #SLOW_POLL_DELAY_US} µs apart (about a second). A command that never completes is
     * logged with the device, the command word and the status word, counted, and reported as
     * {@code ETIMEDOUT} — where Linux only logs, so that open refuses to bring up a wedged card.
     */
    void issueAndWait(int cmd) throws ErrnoException {
        ioaddr.write16(EL3_CMD, cmd);
        for (int i = 0; i < FAST_POLLS; i++) {
            if ((ioaddr.read16(EL3_STATUS) & CMD_IN_PROGRESS) == 0) {
                return;
            }
        }
        for (int i = 0; i < SLOW_POLLS; i++) {
            if ((ioaddr.read16(EL3_STATUS) & CMD_IN_PROGRESS) == 0) {
                return;
            }
            kernel.udelay(SLOW_POLL_DELAY_US);
        }
        int status = ioaddr.read16(EL3_STATUS);
        commandTimeouts++;
        String msg = String.format("%s: command 0x%04x did not complete! Status=0x%04x", name.get(), cmd, status);
        kernel.printk(LogLevel.ERR, msg);
        throw new ErrnoException(Errno.ETIMEDOUT, msg + " (CmdInProgress still set after "
                + (FAST_POLLS + SLOW_POLLS) + " reads, " + kernel.nowNanos() / 1000 + " µs after boot)");
    }

    /** {@link #issueAndWait} where the caller cannot fail (interrupt and timer paths): the timeout is already logged. */
    boolean issueAndWaitQuiet(int cmd) {
        try {
            issueAndWait(cmd);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }
}
