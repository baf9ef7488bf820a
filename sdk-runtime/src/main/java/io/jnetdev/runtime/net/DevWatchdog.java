package io.jnetdev.runtime.net;

import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.kernel.KernelServices;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.timer.KernelTimerImpl;
import io.jnetdev.runtime.timer.TimerCore;

/**
 * The transmit watchdog: Linux's {@code dev_watchdog}, {@code dev_watchdog_up}/{@code _down} and
 * {@code __netdev_watchdog_up} ({@code net/sched/sch_generic.c}). One kernel timer per device,
 * armed while the device is up with carrier, checks every {@code watchdog_timeo} whether the
 * transmit queue has been stopped for longer than that since the last transmission; if so it
 * records a WARN ({@value #VIOLATION}), counts a timeout and calls the driver's {@code ndo_tx_timeout}.
 *
 * <p>Linux rounds the re-arm time to a whole second ({@code round_jiffies}) to batch wakeups;
 * the simulation re-arms at the exact jiffy, so a timeout is seen one jiffy after it is due.
 */
public final class DevWatchdog {
    /**
     * The violation id of a timeout: its own, under the {@code NDO} family, so that a checker can tell
     * a stalled queue from the other net-device warnings without reading the message.
     */
    public static final String VIOLATION = "NDO-WATCHDOG";
    /** {@code watchdog_timeo} when the driver leaves it at 0 or less: 5*HZ. */
    public static final long DEFAULT_TIMEO_MILLIS = 5_000;

    private final TimerCore timers;
    private final KernelServices kernel;
    private final Violations violations;
    private final Cpus cpus;

    public DevWatchdog(TimerCore timers, KernelServices kernel, Violations violations, Cpus cpus) {
        this.timers = timers;
        this.kernel = kernel;
        this.violations = violations;
        this.cpus = cpus;
    }

    /** The device's {@code watchdog_timeo} in jiffies, with Linux's 5*HZ default for a value of 0 or less. */
    public long timeoJiffies(NetDeviceImpl dev) {
        long millis = dev.watchdogTimeoMillis > 0 ? dev.watchdogTimeoMillis : DEFAULT_TIMEO_MILLIS;
        return Math.max(1, kernel.msecsToJiffies(millis));
    }

    /** The device's {@code watchdog_timeo} in milliseconds (a whole number of jiffies), with the 5 s default. */
    public long timeoMillis(NetDeviceImpl dev) {
        return kernel.jiffiesToMsecs(timeoJiffies(dev));
    }

    /** {@code dev_activate}'s part: with carrier, {@code trans_start} is reset to now and the watchdog armed. */
    void activate(NetDeviceImpl dev) {
        if (dev.carrier) {
            dev.transStartNanos = cpus.now();
            up(dev);
        }
    }

    /** {@code netif_carrier_on} of a running device: the watchdog (re)starts. */
    void carrierOn(NetDeviceImpl dev) {
        if (dev.running) {
            up(dev);
        }
    }

    /** {@code __netdev_watchdog_up}: arms the device's timer {@code watchdog_timeo} from now. */
    void up(NetDeviceImpl dev) {
        if (dev.watchdogTimer == null) {
            dev.watchdogTimer = timers.create("dev_watchdog", () -> devWatchdog(dev));
        }
        dev.watchdogTimer.modTimer(kernel.jiffies() + timeoJiffies(dev));
    }

    /** {@code dev_watchdog_down}: the device goes down or away; no check runs after this. */
    void down(NetDeviceImpl dev) {
        if (dev.watchdogTimer != null) {
            dev.watchdogTimer.delTimer();
        }
    }

    /** {@code dev_watchdog}: runs in TIMER softirq context. */
    private void devWatchdog(NetDeviceImpl dev) {
        if (!dev.registered || !dev.running || !dev.carrier) {
            return; // not re-armed: carrier-on or the next open starts it again
        }
        long now = kernel.jiffies();
        long timeo = timeoJiffies(dev);
        long transStart = dev.transStartNanos / timers.tickNanos();
        long oldestStart = now;
        if (dev.queueStopped) {
            if (now > transStart + timeo) { // time_after(jiffies, trans_start + watchdog_timeo)
                txTimeout(dev, kernel.jiffiesToMsecs(now - transStart));
            } else {
                oldestStart = transStart; // check again when this stop becomes due
            }
        }
        KernelTimerImpl timer = dev.watchdogTimer;
        if (dev.running && dev.carrier && !timer.pending()) {
            timer.modTimer(oldestStart + timeo);
        }
    }

    /** The timeout: WARN as Linux's {@code WARN_ONCE} did (6.12 prints it with {@code netdev_crit}), count, ndo_tx_timeout. */
    private void txTimeout(NetDeviceImpl dev, long timedOutMillis) {
        String pdev = dev.parentName();
        String driver = dev.driverName();
        dev.txTimeouts++;
        violations.warn(VIOLATION, pdev, driver, "NETDEV WATCHDOG: " + dev.name + " (" + driver + "): transmit queue 0 timed out "
                + timedOutMillis + " ms");
        Cpu cpu = cpus.current();
        cpu.enterCode(pdev, driver, -1);
        try {
            dev.ops.txTimeout(dev, 0);
        } catch (RuntimeException e) {
            violations.warn("BUG", pdev, driver, "ndo_tx_timeout of " + dev.name + " threw " + e);
        } finally {
            cpu.exitCode();
        }
    }
}
