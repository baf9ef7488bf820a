package io.jnetdev.runtime.net;

/**
 * The {@code net.core} knobs of the receive path, with Linux's defaults
 * ({@code kernel-defaults.md}). Mutable at run time, as {@code sysctl -w} makes them.
 */
public final class NetSysctl {
    /** {@code netdev_budget}: frames per net_rx_action run, all NAPI instances of a CPU together. */
    public int netdevBudget = 300;
    /** {@code netdev_budget_usecs}: time limit of one net_rx_action run (2 jiffies at HZ=1000). */
    public long netdevBudgetUsecs = 2000;
    /** {@code netdev_max_backlog}: length of each CPU's netif_rx backlog. */
    public int netdevMaxBacklog = 1000;
    /** {@code dev_weight}: quota of the backlog pseudo-NAPI per poll. */
    public int devWeight = 64;
    /** Skbs each CPU's pool may hold (not a Linux knob: the slab is unbounded there). */
    public int skbPoolMax = 16384;

    /** Defaults for a kernel with {@code hz} ticks per second: {@code netdev_budget_usecs} is 2 jiffies. */
    public static NetSysctl forHz(int hz) {
        NetSysctl s = new NetSysctl();
        s.netdevBudgetUsecs = 2_000_000L / hz;
        return s;
    }
}
