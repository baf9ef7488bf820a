/**
 * Wire backends that plug into a NIC model's {@link io.jnetdev.hw.EthernetPort}, on a
 * {@link io.jnetdev.hw.WireContext} (the machine's clock):
 * <ul>
 *   <li>{@link io.jnetdev.hw.wire.Cable}: a crossover cable joining two ports, at the slower port's line
 *       rate, counting per direction what it carried and every frame a transmitter started before the
 *       previous one had left the wire (overruns); plug and unplug drive both ports' link state.</li>
 *   <li>{@link io.jnetdev.hw.wire.TrafficGenerator}: a traffic source at a mean rate, with a
 *       {@link io.jnetdev.hw.wire.FrameSizeMix frame-size mix} (one size, the simple IMIX, or any weights),
 *       bursts at line rate, and {@link io.jnetdev.hw.wire.BadFrameMix bad frames} (runts, oversize, bad
 *       FCS), all in a deterministic order.</li>
 *   <li>{@link io.jnetdev.hw.wire.CountingSink}: the far end that counts good frames, and damaged ones
 *       per {@link io.jnetdev.hw.FrameError}.</li>
 * </ul>
 * Frames are passed on synchronously and the segment stays the sender's, so nothing here copies or
 * allocates per frame. Lengths never include the FCS: a "64-byte frame" is 60 bytes here.
 */
package io.jnetdev.hw.wire;
