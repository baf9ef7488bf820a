/**
 * Register-level models of the 3Com EtherLink family Linux's {@code 3c59x} driver serves ("vortex"):
 * the Vortex 3c595 (PCI 10B7:5950, programmed I/O) and the Boomerang-class 3c905C Tornado
 * (10B7:9200, UPD/DPD bus master) — {@link io.jnetdev.hw.models.vortex.Vortex} and its register map
 * {@link io.jnetdev.hw.models.vortex.VortexRegs}. Facts from {@code nic-facts.md} section B.
 */
package io.jnetdev.hw.models.vortex;
