/**
 * The machine's side of wires: the clock and timers ({@link io.jnetdev.hw.WireContext}) that cables,
 * traffic generators and captures run on, outside any PCI device.
 */
package io.jnetdev.runtime.wire;
