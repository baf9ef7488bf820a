package io.jnetdev.runtime.irq;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import java.util.List;

/**
 * {@code /proc/irq}, as {@code kernel/irq/proc.c} makes it: a directory per interrupt line with
 * {@code smp_affinity} (hex mask), {@code smp_affinity_list} (CPU list) — both writable, through
 * {@link IrqCore#irqSetAffinity} — and the read-only {@code effective_affinity_list}, the CPU the
 * line is delivered to. Writing the affinity of a managed interrupt fails with {@code EIO}, as
 * {@code irq_can_set_affinity_usr} makes it fail.
 */
public final class ProcIrq {
    /** The files of {@code /proc/irq/N}. */
    public static final List<String> FILES = List.of("effective_affinity_list", "smp_affinity", "smp_affinity_list");

    private final IrqCore irqCore;

    public ProcIrq(IrqCore irqCore) {
        this.irqCore = irqCore;
    }

    /** {@code ls /proc/irq}: the lines that exist. */
    public List<String> lines() {
        return irqCore.descs().stream().map(d -> Integer.toString(d.irq())).toList();
    }

    /** Contents of {@code /proc/irq/IRQ/FILE}, with the trailing newline. */
    public String read(String irq, String file, String path) throws ErrnoException {
        IrqDesc desc = desc(irq, path);
        int cpus = Long.SIZE - Long.numberOfLeadingZeros(irqCore.onlineMask());
        return switch (file) {
            case "smp_affinity" -> CpuList.formatMask(desc.affinity(), cpus) + "\n";
            case "smp_affinity_list" -> CpuList.format(desc.affinity()) + "\n";
            case "effective_affinity_list" -> desc.targetCpu() + "\n";
            default -> throw new ErrnoException(Errno.ENOENT, "cat: " + path + ": No such file or directory");
        };
    }

    /** {@code echo VALUE > /proc/irq/IRQ/FILE}. */
    public void write(String irq, String file, String value, String path) throws ErrnoException {
        IrqDesc desc = desc(irq, path);
        long mask;
        try {
            mask = switch (file) {
                case "smp_affinity" -> CpuList.parseMask(value);
                case "smp_affinity_list" -> CpuList.parse(value);
                case "effective_affinity_list" -> throw new ErrnoException(Errno.EPERM, "echo: " + path + ": Permission denied");
                default -> throw new ErrnoException(Errno.ENOENT, "echo: " + path + ": No such file or directory");
            };
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, "echo: " + path + ": " + e.getMessage());
        }
        if (desc.managed()) {
            throw new ErrnoException(Errno.EIO, "echo: " + path + ": Input/output error (IRQ " + desc.irq()
                    + " is managed: its driver asked for spread vectors, the kernel placed it)");
        }
        irqCore.irqSetAffinity(desc.irq(), mask);
    }

    private IrqDesc desc(String irq, String path) throws ErrnoException {
        IrqDesc desc = null;
        if (irq.chars().allMatch(Character::isDigit) && !irq.isEmpty() && irq.length() < 9) {
            desc = irqCore.desc(Integer.parseInt(irq));
        }
        if (desc == null) {
            throw new ErrnoException(Errno.ENOENT, path + ": No such file or directory");
        }
        return desc;
    }
}
