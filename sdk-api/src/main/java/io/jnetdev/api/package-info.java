/**
 * What a driver plugin compiles against: the Linux driver model in Java.
 *
 * <ul>
 *   <li>{@link io.jnetdev.api.module} — kernel modules found by {@link java.util.ServiceLoader}
 *       ({@code module_init}/{@code module_exit}, module parameters);</li>
 *   <li>{@link io.jnetdev.api.pci} — the PCI driver view: ID tables, probe/remove, config space,
 *       BARs, DMA, interrupt vectors;</li>
 *   <li>{@link io.jnetdev.api.irq} — interrupt handlers and their return values;</li>
 *   <li>{@link io.jnetdev.api.driver} — probe results and managed (devres) resources;</li>
 *   <li>{@link io.jnetdev.api.kernel} — time, sleeping and the kernel log.</li>
 * </ul>
 *
 * A driver never sees a device model: only registers, memory and interrupts.
 */
package io.jnetdev.api;
