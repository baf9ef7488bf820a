package io.jnetdev.runtime.engine;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The deterministic engine: virtual time in nanoseconds and one queue of events, run in time
 * order on a single Java thread. Ties run in the order they were scheduled. Every random choice
 * comes from {@link #random()}, seeded once, so the same seed gives the same run.
 *
 * <p>{@link #runUntil} may be called again from inside an event — that is how a sleeping kernel
 * thread lets the rest of the machine run ({@code msleep}).
 */
public final class Engine {
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final long seed;
    private final SplittableRandom random;
    private long now;
    private long sequence;
    private long eventsRun;
    /**
     * {@code queue.peek().at}, or {@link Long#MAX_VALUE}: kept up to date at every change of the
     * queue, because {@link #nextEventAt} is asked on every cost charge (every SDK call).
     */
    private long nextAt = Long.MAX_VALUE;

    public Engine(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Virtual time in nanoseconds since boot. */
    public long now() {
        return now;
    }

    /** The seed this run was started with: print it with any failure so the run can be replayed. */
    public long seed() {
        return seed;
    }

    /** The single source of randomness in the machine. */
    public RandomGenerator random() {
        return random;
    }

    /** Events run so far. */
    public long eventsRun() {
        return eventsRun;
    }

    /** Schedules {@code action} at absolute time {@code at} (clamped to now). */
    public Event schedule(long at, String what, Runnable action) {
        Event event = new Event(what, action);
        arm(event, at);
        return event;
    }

    /**
     * An event that is not scheduled yet, to be {@link #arm armed} again and again: what recurs
     * on the hot path (IRQ delivery to a CPU, a device timer) schedules itself without allocating.
     */
    public Event newEvent(String what, Runnable action) {
        return new Event(what, action);
    }

    /**
     * Schedules {@code event} at absolute time {@code at} (clamped to now), moving it there if it
     * is already scheduled. It then orders among ties as if it had just been created.
     */
    public void arm(Event event, long at) {
        if (event.queued) {
            queue.remove(event);
        }
        event.at = Math.max(at, now);
        event.order = sequence++;
        event.queued = true;
        queue.add(event);
        nextAt = queue.peek().at;
    }

    /** Schedules {@code action} {@code delay} nanoseconds from now. */
    public Event scheduleIn(long delay, String what, Runnable action) {
        if (delay < 0) {
            throw new IllegalArgumentException("negative delay " + delay + " for " + what);
        }
        return schedule(now + delay, what, action);
    }

    /** Removes a scheduled event; no effect if it already ran or was cancelled. */
    public void cancel(Event event) {
        if (event != null && event.queued) {
            event.queued = false;
            queue.remove(event);
            updateNextAt();
        }
    }

    private void updateNextAt() {
        Event next = queue.peek();
        nextAt = next == null ? Long.MAX_VALUE : next.at;
    }

    /** Runs every event due at or before {@code until}, then sets the clock to {@code until}. */
    public void runUntil(long until) {
        while (nextAt <= until) {
            Event next = queue.poll();
            updateNextAt();
            next.queued = false;
            now = next.at;
            eventsRun++;
            next.action.run();
        }
        now = Math.max(now, until);
    }

    /** Runs events for {@code duration} nanoseconds of virtual time. */
    public void runFor(long duration) {
        runUntil(now + duration);
    }

    /** Runs the events due now (same virtual instant), without advancing the clock. */
    public void runPending() {
        runUntil(now);
    }

    /** Number of events waiting. */
    public int pendingEvents() {
        return queue.size();
    }

    /** Time of the next event, or {@link Long#MAX_VALUE} when none is scheduled. */
    public long nextEventAt() {
        return nextAt;
    }

    /** One scheduled action; {@link #arm} may schedule it again after it ran or was cancelled. */
    public static final class Event implements Comparable<Event> {
        private long at;
        private long order;
        private final String what;
        private final Runnable action;
        private boolean queued;

        Event(String what, Runnable action) {
            this.what = what;
            this.action = action;
        }

        public long at() {
            return at;
        }

        /** Whether it waits in the queue (scheduled, not yet run, not cancelled). */
        public boolean scheduled() {
            return queued;
        }

        public String what() {
            return what;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
