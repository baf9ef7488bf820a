package io.jnetdev.api.kernel;

/**
 * A tasklet ({@code struct tasklet_struct}, {@code kernel/softirq.c}), created with
 * {@link Kernel#taskletSetup}: a callback run in softirq context on the CPU that scheduled it.
 * Scheduling one that is already scheduled does nothing; one tasklet never runs on two CPUs at
 * once; a disabled one stays scheduled until it is enabled. The callback runs atomic: it must
 * not sleep.
 */
public interface Tasklet {
    /** The name given at setup. */
    String name();

    /** {@code tasklet_schedule}: runs the callback once, soon, from the TASKLET softirq of this CPU. */
    void schedule();

    /** {@code tasklet_hi_schedule}: as {@link #schedule()}, from the HI softirq, ahead of every other softirq. */
    void hiSchedule();

    /** {@code tasklet_disable}: the tasklet does not run until the matching {@link #enable()}; nests. */
    void disable();

    /** {@code tasklet_enable}: undoes one {@link #disable()}; a tasklet scheduled meanwhile then runs. */
    void enable();

    /**
     * {@code tasklet_kill}: waits until the tasklet is neither scheduled nor running; it may be
     * scheduled again afterwards. May sleep: process context only.
     */
    void kill();

    /** Whether it is scheduled and has not started running yet ({@code TASKLET_STATE_SCHED}). */
    boolean isScheduled();
}
