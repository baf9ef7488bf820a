package io.jnetdev.runtime.workqueue;

import io.jnetdev.api.kernel.Work;
import io.jnetdev.runtime.engine.Cpu;

/** One {@code work_struct}: its PENDING bit, where it is queued and where it runs. */
final class WorkImpl implements Work {
    final String name;
    final Runnable fn;
    /** The device and driver whose code initialised it, named by the oracle when the function misbehaves. */
    final String device;
    final String driver;
    /** {@code WORK_STRUCT_PENDING}. */
    boolean pending;
    /** The queue and CPU it is queued on, while pending. */
    WorkqueueImpl queuedWq;
    Cpu queuedOn;
    /** The CPU whose worker runs it now, or null ({@code find_worker_executing_work}). */
    Cpu runningOn;
    WorkqueueImpl runningWq;
    /** Times it ran. */
    long runs;

    WorkImpl(String name, Runnable fn, String device, String driver) {
        this.name = name;
        this.fn = fn;
        this.device = device;
        this.driver = driver;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isPending() {
        return pending;
    }

    /** Neither pending nor running: what {@code flush_work} and {@code cancel_work_sync} wait for. */
    boolean idle() {
        return !pending && runningOn == null;
    }

    @Override
    public String toString() {
        return "work " + name + (pending ? " PENDING on " + queuedOn : "") + (runningOn != null ? " running on " + runningOn : "");
    }
}
