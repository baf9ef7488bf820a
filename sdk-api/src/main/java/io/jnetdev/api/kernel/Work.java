package io.jnetdev.api.kernel;

/**
 * A work item ({@code struct work_struct}, {@code kernel/workqueue.c}), created with
 * {@link Kernel#initWork}: a function run later by a kernel worker thread in process context,
 * where it may sleep. Queueing one that is already pending does nothing; one item never runs
 * twice at once.
 */
public interface Work {
    /** The name given at {@link Kernel#initWork}. */
    String name();

    /** {@code work_pending}: queued and not yet started. */
    boolean isPending();
}
