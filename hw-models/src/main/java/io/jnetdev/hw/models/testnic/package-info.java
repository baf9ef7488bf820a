/**
 * The jnetdev test NIC (PCI 1b36:00f0): a small, fast e1000-flavoured Ethernet card model for
 * the shell, the demo and benchmarks. See {@link io.jnetdev.hw.models.testnic.TestNic} and its
 * register map {@link io.jnetdev.hw.models.testnic.TestNicRegs}.
 */
package io.jnetdev.hw.models.testnic;
