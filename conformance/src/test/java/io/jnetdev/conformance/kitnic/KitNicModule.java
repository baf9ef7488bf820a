package io.jnetdev.conformance.kitnic;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.module.PciDriverModule;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/**
 * The kit's own test driver for the test NIC ({@code kitnic}, 1b36:00f0), compiled against the
 * SDK only: a small correct NAPI driver shaped like {@code drivers-testnic}, with one
 * {@link Breakage} switched in per variant. Probe and remove live here; the rest is in
 * {@link KitNicAdapter}.
 */
public final class KitNicModule extends PciDriverModule {
    static final String NAME = "kitnic";
    static final int VENDOR = 0x1B36;
    static final int DEVICE = 0x00F0;

    private final Breakage breakage;
    private final PciDriver driver = new Driver();

    public KitNicModule(Breakage breakage) {
        this.breakage = breakage;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected PciDriver pciDriver() {
        return driver;
    }

    private final class Driver implements PciDriver {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public List<PciDeviceId> idTable() {
            return List.of(PciDeviceId.of(VENDOR, DEVICE));
        }

        @Override
        public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
            IoRegion regs;
            if (breakage == Breakage.FAILED_PROBE_LEAK) {
                pdev.enableDevice(); // unmanaged, and the error paths below forget to undo it
            } else {
                pdev.pcimEnableDevice();
            }
            regs = pdev.pcimIomapRegions(1, NAME);
            regs.write32(Regs.CTRL, Regs.CTRL_RST);
            pdev.setDmaMask(64);
            pdev.setMaster();
            int ral = regs.read32(Regs.RAL);
            int rah = regs.read32(Regs.RAH);
            MacAddress mac = MacAddress.of(new byte[] {(byte) ral, (byte) (ral >>> 8), (byte) (ral >>> 16),
                (byte) (ral >>> 24), (byte) rah, (byte) (rah >>> 8)});
            if (!mac.isValidEther()) {
                return ProbeResult.fail(Errno.EIO, "invalid MAC " + mac);
            }
            pdev.allocIrqVectors(1, 1, IrqVectorFlags.ALL_TYPES);
            pdev.devmAddAction("pci_free_irq_vectors", pdev::freeIrqVectors);
            int irq = pdev.irqVector(0);
            NetDevice netdev = pdev.allocEtherdev();
            pdev.devmAddAction("free_netdev", netdev::free);
            KitNicAdapter a = new KitNicAdapter(pdev, regs, netdev, irq, breakage);
            netdev.setPriv(a);
            netdev.setMacAddress(mac);
            netdev.setOps(a);
            netdev.setEthtoolOps(a.ethtool());
            a.napi = netdev.napiAdd(a::poll, breakage == Breakage.WEIGHT_ABOVE_64 ? 128 : 64);
            pdev.setDrvData(a);
            int flags = pdev.irqMode() == IrqMode.INTX ? IrqFlags.SHARED : 0;
            pdev.devmRequestIrq(irq, a::interrupt, flags, NAME, a);
            netdev.register();
            return ProbeResult.bound();
        }

        @Override
        public void remove(PciDev pdev) {
            KitNicAdapter a = pdev.drvData(KitNicAdapter.class);
            a.netdev().unregister();
            a.regs().write32(Regs.CTRL, Regs.CTRL_RST);
            if (breakage == Breakage.FAILED_PROBE_LEAK) {
                pdev.disableDevice();
            }
        }
    }
}
