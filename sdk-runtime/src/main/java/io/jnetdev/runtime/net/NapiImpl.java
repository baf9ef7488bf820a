package io.jnetdev.runtime.net;

import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NapiPoll;
import io.jnetdev.api.net.NetDevice;

/**
 * A NAPI instance and its state bits ({@code NAPI_STATE_SCHED}, {@code _MISSED}, {@code _DISABLE},
 * {@code _NPSVC}), with the control calls of {@code net/core/dev.c}. Every misuse the kernel
 * warns about is recorded by the oracle with its rule id (R1–R18 of {@code contract-rules.md}).
 */
final class NapiImpl implements Napi {
    private final NapiCore core;
    private final NetDeviceImpl dev;
    final NapiPoll poll;
    private final int weight;
    private final String label;

    /** Created disabled (R1): SCHED set by netif_napi_add, cleared by napi_enable. */
    boolean disabled = true;
    boolean sched = true;
    boolean missed;
    boolean disablePending;
    /** Owned by a budget-0 poll (netpoll). */
    boolean npsvc;
    boolean deleted;
    /** On a CPU's poll list. */
    boolean onList;
    // ---- the poll in progress -----------------------------------------------------------
    boolean inPoll;
    int pollBudget;
    boolean completedThisPoll;
    boolean scheduledThisPoll;
    long polls;
    /** The IRQ line whose handler schedules this instance ({@code napi->irq}), or -1. */
    int irq = -1;

    NapiImpl(NapiCore core, NetDeviceImpl dev, NapiPoll poll, int weight, String label) {
        this.core = core;
        this.dev = dev;
        this.poll = poll;
        this.weight = weight;
        this.label = label;
    }

    String label() {
        return label;
    }

    NetDeviceImpl device() {
        return dev;
    }

    @Override
    public void enable() {
        core.napiEnable(this);
    }

    @Override
    public void disable() {
        core.napiDisable(this);
    }

    @Override
    public boolean schedulePrep() {
        return core.napiSchedulePrep(this);
    }

    @Override
    public void scheduleNow() {
        core.napiScheduleNow(this);
    }

    @Override
    public boolean schedule() {
        if (schedulePrep()) {
            scheduleNow();
            return true;
        }
        return false;
    }

    @Override
    public boolean completeDone(int workDone) {
        return core.napiCompleteDone(this, workDone);
    }

    @Override
    public void synchronize() {
        core.napiSynchronize(this);
    }

    @Override
    public void delete() {
        core.napiDelete(this);
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public NetDevice dev() {
        return dev;
    }

    /** Scheduled and not disabled: what a poll needs to run. */
    boolean pollable() {
        return sched && !disabled;
    }

    @Override
    public String toString() {
        return label;
    }
}
