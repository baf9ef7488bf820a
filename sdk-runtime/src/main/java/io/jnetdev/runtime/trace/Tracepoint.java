package io.jnetdev.runtime.trace;

/**
 * The packet path's tracepoints, named as in Linux's {@code include/trace/events/irq.h},
 * {@code napi.h} and {@code net.h}. Each carries up to two numbers whose meaning is fixed here.
 */
public enum Tracepoint {
    /** {@code irq_handler_entry}: a = irq. */
    IRQ_HANDLER_ENTRY("irq_handler_entry"),
    /** {@code irq_handler_exit}: a = irq, b = 1 if handled. */
    IRQ_HANDLER_EXIT("irq_handler_exit"),
    /** {@code softirq_entry}: a = vector. */
    SOFTIRQ_ENTRY("softirq_entry"),
    /** {@code softirq_exit}: a = vector. */
    SOFTIRQ_EXIT("softirq_exit"),
    /** {@code napi_poll}: a = work done, b = budget. */
    NAPI_POLL("napi_poll"),
    /** {@code netif_rx}: a = length. */
    NETIF_RX("netif_rx"),
    /** {@code netif_receive_skb}: a = length, b = protocol. */
    NETIF_RECEIVE_SKB("netif_receive_skb"),
    /** {@code net_dev_xmit}: a = length, b = 0 for NETDEV_TX_OK, 1 for NETDEV_TX_BUSY. */
    NET_DEV_XMIT("net_dev_xmit");

    private final String linuxName;

    Tracepoint(String linuxName) {
        this.linuxName = linuxName;
    }

    /** The tracepoint's name in Linux. */
    public String linuxName() {
        return linuxName;
    }
}
