package io.jnetdev.runtime.net;

/**
 * A {@code notifier_block} on {@code netdev_chain} ({@code register_netdevice_notifier}): told
 * when an interface goes down ({@code NETDEV_DOWN}, after {@code ndo_stop}) and when it is
 * unregistered ({@code NETDEV_UNREGISTER}), so that whoever holds on to the device (a capture)
 * can let go.
 */
@FunctionalInterface
public interface NetdevNotifier {
    /** The events a notifier hears, named after Linux's. */
    enum Event {
        /** {@code NETDEV_DOWN}: the interface was closed. */
        DOWN,
        /** {@code NETDEV_UNREGISTER}: the interface is going away. */
        UNREGISTER
    }

    void netdevEvent(Event event, NetDeviceImpl dev);
}
