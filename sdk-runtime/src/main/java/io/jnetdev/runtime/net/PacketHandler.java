package io.jnetdev.runtime.net;

import io.jnetdev.api.net.Skb;

/**
 * A protocol handler registered with {@code dev_add_pack} (or a tap for every protocol). It reads
 * the frame during the call; the core frees the skb afterwards.
 */
@FunctionalInterface
public interface PacketHandler {
    void receive(Skb skb);
}
