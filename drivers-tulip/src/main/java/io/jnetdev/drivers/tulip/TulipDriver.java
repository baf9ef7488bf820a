package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipRegs.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/**
 * The tulip PCI driver ({@code tulip_driver}: {@code tulip_pci_tbl}, {@code tulip_init_one},
 * {@code tulip_remove_one}) for the two chips modelled: the 21140 (1011:0009) and the 21143
 * (1011:0019). Probe maps the I/O BAR (BAR0, as Linux without {@code CONFIG_TULIP_MMIO}),
 * allocates the rings, stops the chip, reads the SROM for the station address and the first
 * medium, takes the INTx vector (the handler is requested shared at open), adds NAPI with
 * weight 16 and registers the interface. All resources are managed, so a failing probe leaves
 * nothing behind.
 */
public final class TulipDriver implements PciDriver {
    static final int VENDOR_DEC = 0x1011;
    static final int DEVICE_21140 = 0x0009;
    static final int DEVICE_21143 = 0x0019;
    /** {@code netif_napi_add(dev, &tp->napi, tulip_poll, 16)}. */
    static final int NAPI_WEIGHT = 16;
    /** {@code TX_TIMEOUT}: 4 s. */
    static final long TX_TIMEOUT_MS = 4000;
    /** {@code TULIP_BAR} without {@code CONFIG_TULIP_MMIO}: the I/O window. */
    static final int TULIP_BAR = 0;

    private static final List<PciDeviceId> ID_TABLE = List.of(
            PciDeviceId.of(VENDOR_DEC, DEVICE_21140, TulipChip.DC21140.chipId),
            PciDeviceId.of(VENDOR_DEC, DEVICE_21143, TulipChip.DC21143.chipId));

    private final int maxInterruptWork;
    private final int rxCopybreak;
    private final boolean hwMitigation;

    TulipDriver(int maxInterruptWork, int rxCopybreak, boolean hwMitigation) {
        this.maxInterruptWork = maxInterruptWork;
        this.rxCopybreak = rxCopybreak;
        this.hwMitigation = hwMitigation;
    }

    @Override
    public String name() {
        return TulipModule.DRV_NAME;
    }

    /** {@code tulip_pci_tbl}, the DEC entries. */
    @Override
    public List<PciDeviceId> idTable() {
        return ID_TABLE;
    }

    /** {@code tulip_init_one}. */
    @Override
    public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
        TulipChip chip = TulipChip.of(id.driverData());
        pdev.pcimEnableDevice();
        if (pdev.resourceLen(TULIP_BAR) < chip.ioSize) {
            String msg = String.format("%s: I/O region (0x%x@0x%x) too small, aborting", pdev.name(),
                    pdev.resourceLen(TULIP_BAR), pdev.resourceStart(TULIP_BAR));
            pdev.err(msg);
            return ProbeResult.fail(Errno.ENODEV, msg);
        }
        pdev.setDmaMask(32); // descriptors carry 32-bit bus addresses
        NetDevice dev = pdev.allocEtherdev();
        pdev.devmAddAction("free_netdev", dev::free);
        IoRegion ioaddr = pdev.pcimIomapRegions(1 << TULIP_BAR, TulipModule.DRV_NAME);

        TulipPrivate tp = new TulipPrivate(pdev, dev, ioaddr, chip, maxInterruptWork, rxCopybreak, hwMitigation);
        tp.stopRxtx();
        pdev.setMaster();
        tp.ioread32(CSR8); // clear the missed-packet counter

        TulipEeprom eeprom = new TulipEeprom(ioaddr);
        eeprom.readAll();
        tp.eeprom = eeprom;
        MacAddress mac = eeprom.stationAddress();
        long sum = 0;
        for (byte b : mac.octets()) {
            sum += b & 0xFF;
        }
        if (sum == 0 || sum == 6 * 0xFF || !mac.isValidEther()) {
            String msg = pdev.name() + ": EEPROM not present or without a valid station address (" + mac + ")";
            pdev.err(msg);
            return ProbeResult.fail(Errno.EIO, msg);
        }
        dev.setMacAddress(mac);
        tp.mediaLeaf = eeprom.firstMediaLeaf(chip);

        pdev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
        pdev.devmAddAction("pci_free_irq_vectors", pdev::freeIrqVectors);
        TulipCore core = new TulipCore(tp);
        core.irq = pdev.irqVector(0);
        tp.irq = core.irq;
        tp.mediaTimer = pdev.kernel().timerSetup("tulip_timer", core::mediaTimer);
        tp.resetTask = pdev.kernel().initWork("tulip_reset_task", core::resetTask);

        dev.setPriv(tp);
        dev.setOps(core);
        dev.setEthtoolOps(new TulipEthtool(tp, core));
        dev.setWatchdogTimeoMillis(TX_TIMEOUT_MS);
        tp.napi = dev.napiAdd(core.poll::tulipPoll, NAPI_WEIGHT);
        dev.register();
        dev.carrierOff();
        pdev.setDrvData(tp);
        pdev.info(String.format("%s: %s rev %d at Port %#x, %s, IRQ %d", dev.name(), chip.chipName, pdev.revision(),
                pdev.resourceStart(TULIP_BAR), mac, core.irq));
        core.setPowerState(false, true); // snooze until opened
        return ProbeResult.bound();
    }

    /** {@code tulip_remove_one}: unregister (closing the interface if up); devres frees the rest. */
    @Override
    public void remove(PciDev pdev) {
        TulipPrivate tp = pdev.drvData(TulipPrivate.class);
        tp.netdev.unregister();
        pdev.kernel().cancelWorkSync(tp.resetTask);
        tp.mediaTimer.delTimerSync();
    }
}
