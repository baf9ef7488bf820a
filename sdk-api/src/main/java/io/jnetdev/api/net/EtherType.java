package io.jnetdev.api.net;

/** Ethernet protocol IDs ({@code include/uapi/linux/if_ether.h}). */
public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int ARP = 0x0806;
    public static final int IPV6 = 0x86DD;
    /** 802.3 frames carry a length, not a type: the core files them as this. */
    public static final int ETH_P_802_3 = 0x0001;
    /** Every protocol: what a tap registers for. */
    public static final int ALL = 0x0003;
    /** Ethernet header length. */
    public static final int ETH_HLEN = 14;
    /** Minimum frame without FCS. */
    public static final int ETH_ZLEN = 60;
    /** Default MTU. */
    public static final int ETH_DATA_LEN = 1500;

    private EtherType() {}
}
