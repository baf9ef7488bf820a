package io.jnetdev.cli.machine;

/**
 * An {@code irq_affinity} entry: the CPUs an interrupt may be taken on, set after boot as
 * {@code echo LIST > /proc/irq/N/smp_affinity_list} would. The interrupt is named either by its
 * number or by a slot and the device's vector index ({@code pci_irq_vector(dev, vector)}).
 *
 * @param irq    the IRQ number, or -1 when {@code slot} names it
 * @param slot   the slot of the device, or -1
 * @param vector the device's vector index, with {@code slot}
 * @param cpus   the CPUs, bit n for CPU n
 * @param at     where the entry starts
 * @param cpusAt where the CPU list is
 */
public record IrqAffinitySpec(int irq, int slot, int vector, long cpus, Position at, Position cpusAt) {}
