package io.jnetdev.runtime.workqueue;

import io.jnetdev.api.kernel.Work;
import io.jnetdev.api.kernel.Workqueue;
import java.util.ArrayDeque;

/** One {@code workqueue_struct} with a worklist and a worker per CPU ({@code kworker/N:name}). */
final class WorkqueueImpl implements Workqueue {
    private final Workqueues workqueues;
    final String name;
    final ArrayDeque<WorkImpl>[] worklist;
    final boolean[] workerWoken;
    /** Items of this queue running now, over all CPUs. */
    int running;
    boolean destroyed;

    @SuppressWarnings("unchecked")
    WorkqueueImpl(Workqueues workqueues, String name, int cpus) {
        this.workqueues = workqueues;
        this.name = name;
        this.worklist = new ArrayDeque[cpus];
        this.workerWoken = new boolean[cpus];
        for (int i = 0; i < cpus; i++) {
            worklist[i] = new ArrayDeque<>();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean queueWork(Work work) {
        return workqueues.queueWork(this, work);
    }

    @Override
    public void flush() {
        workqueues.flushWorkqueue(this);
    }

    @Override
    public void destroy() {
        workqueues.destroyWorkqueue(this);
    }

    /** Nothing queued and nothing running. */
    boolean drained() {
        if (running > 0) {
            return false;
        }
        for (ArrayDeque<WorkImpl> list : worklist) {
            if (!list.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "workqueue " + name;
    }
}
