package io.jnetdev.drivers.testnic;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
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
 * The test NIC PCI driver ({@code e1000e_probe} / {@code e1000_remove} in miniature). Probe
 * acquires everything with managed calls, so a failing probe needs no unwinding of its own; the
 * rings are the interface's and live from open to stop.
 */
public final class TestNicDriver implements PciDriver {
    private final int intMode;
    private final int rxRing;
    private final int txRing;
    /** {@code napi=1}: NAPI receive; {@code napi=0}: the pre-NAPI receive from the handler ({@link TestNicAdapter}). */
    private final boolean useNapi;

    TestNicDriver(int intMode, int rxRing, int txRing, boolean useNapi) {
        this.intMode = intMode;
        this.rxRing = rxRing;
        this.txRing = txRing;
        this.useNapi = useNapi;
    }

    @Override
    public String name() {
        return "testnic";
    }

    @Override
    public List<PciDeviceId> idTable() {
        return List.of(PciDeviceId.of(Tnic.VENDOR, Tnic.DEVICE));
    }

    @Override
    public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
        pdev.pcimEnableDevice();
        IoRegion regs = pdev.pcimIomapRegions(1 << 0, "testnic");
        regs.write32(Tnic.CTRL, Tnic.CTRL_RST); // start from power-on state, whatever firmware left

        try {
            pdev.setDmaMask(64);
        } catch (ErrnoException e) {
            pdev.setDmaMask(32);
        }
        pdev.setMaster();

        int rah = regs.read32(Tnic.RAH);
        int ral = regs.read32(Tnic.RAL);
        MacAddress mac = MacAddress.of(new byte[] {(byte) ral, (byte) (ral >>> 8), (byte) (ral >>> 16), (byte) (ral >>> 24),
                (byte) rah, (byte) (rah >>> 8)});
        if ((rah & Tnic.RAH_AV) == 0 || !mac.isValidEther()) {
            return ProbeResult.fail(Errno.EIO, "Invalid MAC Address: " + mac);
        }

        int flags = switch (intMode) {
            case 0 -> IrqVectorFlags.INTX;
            case 1 -> IrqVectorFlags.MSI | IrqVectorFlags.INTX;
            default -> IrqVectorFlags.ALL_TYPES;
        };
        pdev.allocIrqVectors(1, 1, flags);
        pdev.devmAddAction("pci_free_irq_vectors", pdev::freeIrqVectors);
        int irq = pdev.irqVector(0);

        NetDevice netdev = pdev.allocEtherdev();
        pdev.devmAddAction("free_netdev", netdev::free); // devm_alloc_etherdev
        TestNicAdapter adapter = new TestNicAdapter(pdev, regs, netdev, irq, rxRing, txRing, useNapi);
        netdev.setPriv(adapter);
        netdev.setMacAddress(mac);
        netdev.setOps(adapter);
        if (useNapi) {
            adapter.napi = netdev.napiAdd(adapter::poll, TestNicAdapter.NAPI_WEIGHT);
        }
        pdev.setDrvData(adapter);
        int irqFlags = pdev.irqMode() == IrqMode.INTX ? IrqFlags.SHARED : 0;
        pdev.devmRequestIrq(irq, adapter::interrupt, irqFlags, "testnic", adapter);

        netdev.register();
        pdev.info(String.format("%s: %s, %s, IRQ %d, rings rx %d tx %d, %s", netdev.name(), mac, pdev.irqMode(), irq, rxRing, txRing,
                useNapi ? "NAPI" : "netif_rx from the interrupt handler"));
        return ProbeResult.bound();
    }

    @Override
    public void remove(PciDev pdev) {
        TestNicAdapter adapter = pdev.drvData(TestNicAdapter.class);
        adapter.netdev().unregister(); // ndo_stop first if it is up
        adapter.regs().write32(Tnic.CTRL, Tnic.CTRL_RST); // quiesce the card before devres frees the IRQ and mappings
        pdev.info("removed after " + adapter.interrupts() + " interrupt(s)");
    }
}
