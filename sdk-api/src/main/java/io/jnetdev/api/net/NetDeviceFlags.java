package io.jnetdev.api.net;

/**
 * The interface flags a driver's {@code ndo_set_rx_mode} reads from {@link NetDevice#flags()}, with
 * Linux's bit values ({@code include/uapi/linux/if.h}, {@code enum net_device_flags}).
 */
public final class NetDeviceFlags {
    /** {@code IFF_UP}: the interface is administratively up. */
    public static final int UP = 0x1;
    /** {@code IFF_BROADCAST}: broadcast address valid (always set on Ethernet). */
    public static final int BROADCAST = 0x2;
    /** {@code IFF_PROMISC}: receive all frames. */
    public static final int PROMISC = 0x100;
    /** {@code IFF_ALLMULTI}: receive all multicast frames. */
    public static final int ALLMULTI = 0x200;
    /** {@code IFF_MULTICAST}: supports multicast (always set on Ethernet). */
    public static final int MULTICAST = 0x1000;

    private NetDeviceFlags() {}
}
