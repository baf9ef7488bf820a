package io.jnetdev.runtime.pci;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.irq.InterruptController;
import io.jnetdev.runtime.irq.IrqDesc;

/**
 * Interrupt vector allocation: Linux's {@code drivers/pci/msi/api.c} ({@code pci_alloc_irq_vectors},
 * {@code pci_irq_vector}, {@code pci_free_irq_vectors}) and the enabling half of {@code msi.c}.
 * MSI-X is tried first, then MSI, then INTx (D13).
 */
final class PciMsi {
    private final PciCore core;

    PciMsi(PciCore core) {
        this.core = core;
    }

    /** {@code pci_alloc_irq_vectors_affinity}. */
    int allocIrqVectors(PciFunction fn, int min, int max, int flags) throws ErrnoException {
        if (min < 1 || max < min) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": pci_alloc_irq_vectors(min=" + min + ", max=" + max + ")");
        }
        if ((flags & IrqVectorFlags.ALL_TYPES) == 0) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": pci_alloc_irq_vectors with no interrupt type in flags");
        }
        if (fn.irqMode != IrqMode.NONE) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": interrupt vectors already allocated (" + fn.irqMode + ")");
        }
        boolean spread = (flags & IrqVectorFlags.AFFINITY) != 0;
        String last = "no interrupt type allowed by the flags is available";
        if ((flags & IrqVectorFlags.MSIX) != 0) {
            if (fn.msix() == null) {
                last = "no MSI-X capability";
            } else if (core.faults().shouldFailMsix()) {
                last = "MSI-X allocation failed (injected)";
                core.log().info(fn.name() + ": MSI-X allocation failed (injected fault), falling back");
            } else if (fn.msix().tableSize() < min) {
                last = "MSI-X offers " + fn.msix().tableSize() + " vectors, fewer than min " + min;
            } else {
                return enableMsix(fn, Math.min(max, fn.msix().tableSize()), spread);
            }
        }
        if ((flags & IrqVectorFlags.MSI) != 0) {
            int capVectors = fn.msiCap() == 0 ? 0
                    : 1 << ((fn.configRead(fn.msiCap() + PciRegs.MSI_FLAGS, 2) & PciRegs.MSI_FLAGS_QMASK) >> 1);
            if (capVectors == 0) {
                last = "no MSI capability";
            } else if (core.faults().shouldFailMsi()) {
                last = "MSI allocation failed (injected)";
                core.log().info(fn.name() + ": MSI allocation failed (injected fault), falling back");
            } else if (capVectors < min) {
                last = "MSI offers " + capVectors + " vectors, fewer than min " + min;
            } else {
                return enableMsi(fn, Math.min(max, capVectors), spread);
            }
        }
        if ((flags & IrqVectorFlags.INTX) != 0) {
            if (min == 1 && fn.intxGsi() >= 0) {
                fn.irqMode = IrqMode.INTX;
                fn.vectors = new int[] {fn.intxGsi()};
                return 1;
            }
            last = fn.intxGsi() < 0 ? "no INTx pin" : "INTx gives one vector, min is " + min;
        }
        throw new ErrnoException(Errno.ENOSPC, fn.name() + ": cannot allocate " + min + ".." + max + " interrupt vectors: " + last);
    }

    private int enableMsix(PciFunction fn, int count, boolean spread) {
        int first = core.controller().allocateMsiIrqs(count);
        fn.vectors = new int[count];
        for (int i = 0; i < count; i++) {
            int irq = first + i;
            int cpu = spread ? i % core.cpus().count() : 0;
            int entry = i;
            // msi_domain_set_affinity: the entry's address is rewritten for the new CPU; data and mask stay
            core.irqCore().addEdge(irq, "PCI-MSIX-" + fn.name(), i + "-edge", cpu, spread,
                    target -> fn.retargetMsixEntry(entry, InterruptController.msiAddress(target)));
            fn.programMsixEntry(i, InterruptController.msiAddress(cpu), irq, false);
            fn.vectors[i] = irq;
        }
        int cap = fn.config().findCapability(PciRegs.CAP_ID_MSIX);
        int flags = fn.configRead(cap + PciRegs.MSIX_FLAGS, 2);
        fn.configWrite(PciRegs.COMMAND, 2, fn.command() | PciRegs.COMMAND_INTX_DISABLE);
        fn.configWrite(cap + PciRegs.MSIX_FLAGS, 2, (flags | PciRegs.MSIX_FLAGS_ENABLE) & ~PciRegs.MSIX_FLAGS_MASKALL);
        fn.irqMode = IrqMode.MSIX;
        return count;
    }

    /** The block of messages MSI enables for {@code count} vectors: the next power of two. */
    private static int msiBlock(int count) {
        return Integer.bitCount(count) == 1 ? count : Integer.highestOneBit(count) << 1;
    }

    private int enableMsi(PciFunction fn, int count, boolean spread) {
        // As Linux's msi_capability_init: count vectors, the capability enabling the next power of
        // two of messages; the IRQ block is reserved whole and aligned to its size, because the
        // device ORs the message number into the low bits of the data.
        int nvec = count;
        int block = msiBlock(nvec);
        int first = core.controller().allocateMsiIrqs(block, block);
        int cpu = 0;
        fn.vectors = new int[nvec];
        for (int i = 0; i < nvec; i++) {
            // One address serves every message of the block: moving one vector moves them all, so
            // the others' descriptors follow (a multi-message block cannot be split across CPUs).
            core.irqCore().addEdge(first + i, "PCI-MSI-" + fn.name(), i + "-edge", cpu, spread,
                    target -> retargetMsi(fn, target));
            fn.vectors[i] = first + i;
        }
        int cap = fn.msiCap();
        int flags = fn.configRead(cap + PciRegs.MSI_FLAGS, 2);
        boolean is64 = (flags & PciRegs.MSI_FLAGS_64BIT) != 0;
        fn.configWrite(cap + PciRegs.MSI_ADDRESS_LO, 4, (int) InterruptController.msiAddress(cpu));
        if (is64) {
            fn.configWrite(cap + PciRegs.MSI_ADDRESS_HI, 4, 0);
        }
        fn.configWrite(cap + (is64 ? PciRegs.MSI_DATA_64 : PciRegs.MSI_DATA_32), 2, first);
        fn.configWrite(PciRegs.COMMAND, 2, fn.command() | PciRegs.COMMAND_INTX_DISABLE);
        int qsize = Integer.numberOfTrailingZeros(block) << 4;
        fn.configWrite(cap + PciRegs.MSI_FLAGS, 2, (flags & ~PciRegs.MSI_FLAGS_QSIZE) | qsize | PciRegs.MSI_FLAGS_ENABLE);
        fn.irqMode = IrqMode.MSI;
        return nvec;
    }

    /** Points the MSI capability's message address at {@code cpu}; every vector of the block follows. */
    private void retargetMsi(PciFunction fn, int cpu) {
        fn.configWrite(fn.msiCap() + PciRegs.MSI_ADDRESS_LO, 4, (int) InterruptController.msiAddress(cpu));
        for (int irq : fn.vectors) {
            core.irqCore().followAffinity(irq, cpu);
        }
    }

    /** {@code pci_irq_vector}. */
    int irqVector(PciFunction fn, int n) throws ErrnoException {
        if (fn.irqMode == IrqMode.NONE) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": pci_irq_vector(" + n + ") before pci_alloc_irq_vectors");
        }
        if (n < 0 || n >= fn.vectors.length) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": pci_irq_vector(" + n + ") but " + fn.vectors.length
                    + " " + fn.irqMode + " vector(s) allocated");
        }
        return fn.vectors[n];
    }

    /** {@code pci_free_irq_vectors}: handlers still installed are a bug, reported and reclaimed. */
    void freeIrqVectors(PciFunction fn) {
        if (fn.irqMode == IrqMode.NONE) {
            return;
        }
        if (fn.irqMode != IrqMode.INTX) {
            for (int irq : fn.vectors) {
                IrqDesc desc = core.irqCore().desc(irq);
                if (desc != null && !desc.actions().isEmpty()) {
                    core.violations().warn("D13", fn.name(), fn.driver() == null ? null : fn.driver().name(),
                            "pci_free_irq_vectors with IRQ " + irq + " still requested by " + desc.actions().getFirst().name());
                    core.irqCore().reclaim(fn.name());
                }
                core.irqCore().remove(irq);
                core.controller().freeMsiIrq(irq);
            }
            if (fn.irqMode == IrqMode.MSI) {
                // the rest of the power-of-two block reserved for the device's messages
                for (int i = fn.vectors.length; i < msiBlock(fn.vectors.length); i++) {
                    core.controller().freeMsiIrq(fn.vectors[0] + i);
                }
            }
            if (fn.irqMode == IrqMode.MSIX) {
                int cap = fn.config().findCapability(PciRegs.CAP_ID_MSIX);
                fn.configWrite(cap + PciRegs.MSIX_FLAGS, 2, fn.configRead(cap + PciRegs.MSIX_FLAGS, 2) & ~PciRegs.MSIX_FLAGS_ENABLE);
                for (int i = 0; i < fn.vectors.length; i++) {
                    fn.programMsixEntry(i, 0, 0, true);
                }
            } else {
                int cap = fn.msiCap();
                fn.configWrite(cap + PciRegs.MSI_FLAGS, 2, fn.configRead(cap + PciRegs.MSI_FLAGS, 2) & ~PciRegs.MSI_FLAGS_ENABLE);
            }
            fn.configWrite(PciRegs.COMMAND, 2, fn.command() & ~PciRegs.COMMAND_INTX_DISABLE);
        }
        fn.irqMode = IrqMode.NONE;
        fn.vectors = new int[0];
    }
}
