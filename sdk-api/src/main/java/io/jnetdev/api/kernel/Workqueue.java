package io.jnetdev.api.kernel;

/**
 * A workqueue ({@code struct workqueue_struct}) from {@link Kernel#allocWorkqueue}: per-CPU
 * kernel workers running the {@link Work} queued on it, in process context.
 */
public interface Workqueue {
    /** The name given at allocation (the workers are {@code kworker/N:name}). */
    String name();

    /**
     * {@code queue_work}: queues {@code work} on this CPU's worker.
     *
     * @return false when it was already pending (it will then run once, not twice)
     */
    boolean queueWork(Work work);

    /** {@code flush_workqueue}: waits until everything queued so far has run. May sleep. */
    void flush();

    /** {@code destroy_workqueue}: drains the queue and frees it; queueing on it afterwards is a bug. May sleep. */
    void destroy();
}
