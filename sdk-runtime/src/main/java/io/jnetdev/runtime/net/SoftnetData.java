package io.jnetdev.runtime.net;

import java.util.ArrayDeque;

/**
 * One CPU's {@code struct softnet_data}: the NAPI poll list, the backlog queue of the old
 * {@code netif_rx} interface (served by its own pseudo-NAPI) and the counters of
 * {@code /proc/net/softnet_stat}.
 */
final class SoftnetData {
    final int cpu;
    final ArrayDeque<NapiImpl> pollList = new ArrayDeque<>();
    final ArrayDeque<SkbImpl> inputQueue = new ArrayDeque<>();
    /** net_rx_action's working list and repoll list, kept here so that a run allocates nothing. */
    final ArrayDeque<NapiImpl> local = new ArrayDeque<>();
    final ArrayDeque<NapiImpl> repoll = new ArrayDeque<>();
    NapiImpl backlog;
    /** Devices whose woken queue waits for NET_TX to run their qdisc ({@code output_queue}). */
    final ArrayDeque<NetDeviceImpl> outputQueue = new ArrayDeque<>();
    /** Frames this CPU handed to the protocols. */
    long processed;
    /** Frames dropped because the backlog was full ({@code netdev_max_backlog}). */
    long dropped;
    /** Times net_rx_action stopped with work left (budget or time exhausted). */
    long timeSqueeze;

    SoftnetData(int cpu) {
        this.cpu = cpu;
    }
}
