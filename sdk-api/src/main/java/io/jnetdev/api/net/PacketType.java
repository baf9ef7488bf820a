package io.jnetdev.api.net;

/** Where a received frame was addressed ({@code skb->pkt_type}). */
public enum PacketType {
    HOST, BROADCAST, MULTICAST, OTHERHOST, OUTGOING
}
