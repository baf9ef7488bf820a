package io.jnetdev.api.net;

/**
 * A NAPI instance ({@code struct napi_struct}), created disabled by {@link NetDevice#napiAdd}.
 * The names follow Linux's: {@code napi_enable}, {@code napi_schedule_prep}, {@code __napi_schedule},
 * {@code napi_complete_done}, ...
 */
public interface Napi {
    /** {@code napi_enable}: only on a disabled instance. */
    void enable();

    /** {@code napi_disable}: waits until no poll owns the instance, then leaves it disabled. */
    void disable();

    /** {@code napi_schedule_prep}: true if this call moved the instance from idle to scheduled;
     *  false (and MISSED set) if it was already scheduled, or if it is disabled. */
    boolean schedulePrep();

    /** {@code __napi_schedule}: queues the poll on this CPU; only after {@link #schedulePrep} returned true. */
    void scheduleNow();

    /** {@code napi_schedule}: prep and schedule; true if it scheduled. */
    boolean schedule();

    /**
     * {@code napi_complete_done}: the poll finished its work ({@code workDone < budget}). Returns
     * false when the driver must not re-arm its interrupt (an event came in meanwhile, so the core
     * polls again; or the instance is owned by netpoll or busy polling).
     */
    boolean completeDone(int workDone);

    /** {@code napi_synchronize}: waits until no poll is scheduled or running. */
    void synchronize();

    /** {@code netif_napi_del}: only on a disabled instance. */
    void delete();

    /** The weight given at {@code napiAdd}: the budget of each poll. */
    int weight();

    /** The device the instance belongs to. */
    NetDevice dev();
}
