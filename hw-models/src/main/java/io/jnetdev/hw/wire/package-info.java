/**
 * Wire backends that plug into a NIC model's {@link io.jnetdev.hw.EthernetPort}: a constant-rate
 * {@link io.jnetdev.hw.wire.TrafficGenerator traffic generator} and a {@link io.jnetdev.hw.wire.CountingSink
 * counting sink}. They run on a {@link io.jnetdev.hw.WireContext}, the machine's clock.
 */
package io.jnetdev.hw.wire;
