/**
 * A register-level model of the Intel 82574L (PCI 8086:10D3), the card of Linux's {@code e1000e}
 * driver: {@link io.jnetdev.hw.models.e1000e.E1000e} and its register map
 * {@link io.jnetdev.hw.models.e1000e.E1000eRegs}. Facts from {@code nic-facts.md} section A.
 */
package io.jnetdev.hw.models.e1000e;
