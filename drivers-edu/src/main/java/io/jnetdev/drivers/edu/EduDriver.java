package io.jnetdev.drivers.edu;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/**
 * The edu PCI driver: the smallest complete driver, written the way a Linux one is. Everything
 * probe acquires is managed ({@code pcim*}, {@code devm*}), so a failing probe and remove need no
 * unwinding code of their own.
 */
public final class EduDriver implements PciDriver {
    private final boolean useMsi;

    EduDriver(boolean useMsi) {
        this.useMsi = useMsi;
    }

    @Override
    public String name() {
        return "edu";
    }

    @Override
    public List<PciDeviceId> idTable() {
        return List.of(PciDeviceId.of(Edu.VENDOR, Edu.DEVICE));
    }

    @Override
    public ProbeResult probe(PciDev dev, PciDeviceId id) throws ErrnoException {
        dev.pcimEnableDevice();
        IoRegion regs = dev.pcimIomapRegions(1 << 0, "edu");

        int ident = regs.read32(Edu.ID);
        int major = ident >>> 24;
        if ((ident & 0xFF) != 0xED || major != 1) {
            return ProbeResult.rejectsMatch(String.format("identification 0x%08x is not an edu version 1.x", ident));
        }
        regs.write32(Edu.LIVENESS, 0x1234_5678);
        if (regs.read32(Edu.LIVENESS) != ~0x1234_5678) {
            return ProbeResult.fail(Errno.EIO, "liveness check failed: the card does not invert");
        }

        dev.setDmaMask(Edu.DMA_BITS);
        dev.setMaster();

        int flags = IrqVectorFlags.INTX | (useMsi ? IrqVectorFlags.MSI : 0);
        dev.allocIrqVectors(1, 1, flags);
        dev.devmAddAction("pci_free_irq_vectors", dev::freeIrqVectors);
        int irq = dev.irqVector(0);
        EduDevState state = new EduDevState(regs, irq);
        dev.setDrvData(state);
        dev.devmRequestIrq(irq, state::interrupt, IrqFlags.SHARED, "edu", state);

        selfTest(dev, state);
        dev.info(String.format("edu %d.%d, %s, IRQ %d", major, (ident >>> 16) & 0xFF, dev.irqMode(), irq));
        return ProbeResult.bound();
    }

    /** Raise one interrupt and check it arrived: handlers run at the next register access. */
    private static void selfTest(PciDev dev, EduDevState state) {
        long before = state.interruptsHandled();
        state.regs().write32(Edu.IRQ_RAISE, Edu.SELFTEST_IRQ);
        state.regs().read32(Edu.STATUS);
        if (state.interruptsHandled() == before) {
            dev.warn("self-test interrupt did not arrive; check the interrupt routing");
        }
    }

    @Override
    public void remove(PciDev dev) {
        EduDevState state = dev.drvData(EduDevState.class);
        // Stop factorial-completion interrupts; the IRQ and mappings are released by devres after this.
        state.regs().write32(Edu.STATUS, 0);
        dev.info("removed after " + state.interruptsHandled() + " interrupt(s)");
    }
}
