package io.jnetdev.conformance;

import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.hw.wire.CountingSink;
import io.jnetdev.runtime.mem.IommuView;
import io.jnetdev.runtime.net.DevWatchdog;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.regex.Pattern;

/**
 * The "TX ring full and TX timeout" scenario ({@link Scenario#TX_TIMEOUT}), the story of Linux's
 * {@code dev_watchdog} ({@code net/sched/sch_generic.c}) told against any bus-master driver: the
 * card's DMA is stalled (the fault injector's {@code stallDma}: the model sees bus mastering off,
 * config space untouched), the stack transmits until the driver stops its queue — it must stop it,
 * not answer TX_BUSY with the queue awake (NDO-XMIT-BUSY) — and after {@code watchdog_timeo},
 * read from the runtime, the core prints its NETDEV WATCHDOG warning once and calls
 * {@code ndo_tx_timeout}. Then DMA comes back: within the must-happen time the queue wakes, and
 * every frame the stack handed over, before the stall and after, leaves on the wire or is counted
 * as a transmit drop or error; the interface goes down and up and carries frames again.
 *
 * <p>The watchdog's warning is the one warning the kit expects here, exactly once ({@link
 * KitMachine#expect}); a second one — the queue stalling again after the recovery — fails
 * {@link Rule#NDO_TX_TIMEOUT}, and every other warning is judged as in any scenario.
 */
final class TxTimeout {
    /** Frames offered to a stalled driver before the kit decides its queue will never stop. */
    static final int MAX_STALLED_FRAMES = 8192;
    /** Frames sent once the transmitter has recovered, and again after down/up. */
    static final int AFTER = 64;

    private final KitMachine k;
    private final NetDeviceImpl dev;
    private final CountingSink wire = new CountingSink();
    private int queued;
    private int seq;

    private TxTimeout(KitMachine k) {
        this.k = k;
        this.dev = k.dev();
    }

    static void run(KitMachine k) {
        k.upWithCarrier();
        new TxTimeout(k).story();
    }

    private void story() {
        k.port().connect(wire);
        long timeoMillis = k.m.get(DevWatchdog.class).timeoMillis(dev);
        String driver = k.function().map(f -> f.driver() == null ? "" : f.driver().name()).orElse("");
        KitMachine.Expected watchdog = k.expect(DevWatchdog.VIOLATION, Pattern.compile("NETDEV WATCHDOG: "
                + Pattern.quote(dev.name()) + " \\(" + Pattern.quote(driver) + "\\): transmit queue 0 timed out \\d+ ms"),
                1, Rule.NDO_TX_TIMEOUT);
        RtnlLinkStats64 before = k.stats();
        IommuView dma = k.function().orElseThrow().iommu();

        k.m.faults().stallDma(dma);
        while (!dev.queueStopped() && queued < MAX_STALLED_FRAMES) {
            xmit();
        }
        if (!dev.queueStopped()) {
            k.m.faults().resumeDma(dma);
            throw k.fail(Rule.NDO_TX_TIMEOUT, dev.name() + " took " + queued + " frames with its DMA stalled and never "
                    + "stopped its queue: a full ring must stop the queue, for the watchdog to see the stall");
        }
        int stalled = queued;
        long stoppedAt = k.m.engine().now();
        k.run(timeoMillis * KitMachine.MS);
        boolean fired = k.await(() -> dev.txTimeouts() > 0);
        k.collectViolations();
        k.check(Rule.NDO_TX_TIMEOUT, fired && watchdog.seen() == 1, dev.name() + "'s queue stopped at t="
                + stoppedAt / KitMachine.MS + " ms after " + stalled + " frames with DMA stalled; watchdog_timeo is "
                + timeoMillis + " ms, and " + (k.m.engine().now() - stoppedAt) / KitMachine.MS + " ms later the core has "
                + dev.txTimeouts() + " timeout(s) and " + watchdog.seen() + " NETDEV WATCHDOG warning(s), not 1"
                + (dev.queueStopped() ? "" : " (the queue was woken without a timeout while the transmitter was stalled)"));

        k.m.faults().resumeDma(dma);
        if (!k.await(() -> !dev.queueStopped())) {
            k.check(Rule.NDO_TX_TIMEOUT, false, dev.name() + "'s queue is still stopped " + k.config.mustHappenNanos() / KitMachine.MS
                    + " ms after ndo_tx_timeout and the end of the DMA stall: the driver's timeout handling did not "
                    + "recover the transmitter");
        } else {
            for (int i = 0; i < AFTER; i++) {
                xmit();
                k.run(20 * KitMachine.US);
            }
        }
        accounted(before, "after the recovery");

        k.down();
        k.upWithCarrier();
        long onWire = wire.frames();
        for (int i = 0; i < AFTER; i++) {
            xmit();
            k.run(20 * KitMachine.US);
        }
        if (!k.await(() -> wire.frames() >= onWire + AFTER)) {
            k.check(Rule.NDO_TX_TIMEOUT, false, dev.name() + " sent " + (wire.frames() - onWire) + " of " + AFTER
                    + " frames after down and up following the TX timeout");
        }
        k.down();
    }

    /**
     * Every frame the stack handed to the interface left on the wire or was counted as a transmit
     * drop or error — waited for, at most the must-happen time — and none was counted twice.
     */
    private void accounted(RtnlLinkStats64 before, String when) {
        long[] sum = new long[1];
        boolean all = k.await(() -> (sum[0] = leftOrCounted(before)) >= queued);
        RtnlLinkStats64 now = k.stats();
        String books = wire.frames() + " on the wire, tx_dropped +" + (now.txDropped - before.txDropped)
                + ", tx_errors +" + (now.txErrors - before.txErrors);
        if (!all) {
            k.symptom(Rule.NDO_TX_TIMEOUT, dev.name() + " " + when + ": of " + queued + " frames handed to it, " + books
                    + " after " + k.config.mustHappenNanos() / KitMachine.MS + " ms: "
                    + (queued - sum[0]) + " neither sent nor counted");
        } else if (sum[0] - queued > dev.txTimeouts()) {
            // Linux's drivers count the timeout itself as a transmit error (vortex_tx_timeout,
            // tulip_tx_timeout_complete: tx_errors++), so one count per timeout is no double count
            k.check(Rule.NDO_TX_TIMEOUT, false, dev.name() + " " + when + ": " + queued + " frames handed to it, but " + books
                    + ": " + (sum[0] - queued) + " more than were handed over, beyond one tx_error per timeout ("
                    + dev.txTimeouts() + ")");
        }
    }

    private long leftOrCounted(RtnlLinkStats64 before) {
        RtnlLinkStats64 s = k.stats();
        return wire.frames() + (s.txDropped - before.txDropped) + (s.txErrors - before.txErrors);
    }

    private void xmit() {
        Skb skb = Scenario.frame(k, dev, seq++);
        queued++;
        k.m.net().devQueueXmit(dev, skb);
    }
}
