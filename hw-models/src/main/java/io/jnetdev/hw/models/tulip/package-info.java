/**
 * A register-level model of the DEC 21143 (PCI 1011:0019) and 21140 (1011:0009) "Tulip", the
 * cards of Linux's {@code tulip} driver: {@link io.jnetdev.hw.models.tulip.Tulip} and its register
 * map {@link io.jnetdev.hw.models.tulip.TulipRegs}. Facts from {@code nic-facts.md} section C.
 */
package io.jnetdev.hw.models.tulip;
