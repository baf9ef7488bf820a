package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import io.jnetdev.api.pci.PciRegs;
import java.util.List;

/**
 * The 3c59x PCI driver ({@code vortex_driver}: {@code vortex_pci_tbl}, {@code vortex_init_one}
 * with {@code vortex_probe1}, {@code vortex_remove_one}). Probe takes its resources with managed
 * calls, so that a failing probe leaves nothing behind: the register BAR (BAR1, the memory-mapped
 * copy, on Cyclone and Tornado, else the I/O BAR0), the INTx vector, the descriptor lists.
 */
public final class VortexDriver implements PciDriver {
    /** The Vortex's PCI latency timer must be at its maximum: a transfer cut by the timer corrupts data. */
    static final int VORTEX_LATENCY = 248;

    private static final List<PciDeviceId> ID_TABLE = VortexChipInfo.pciTable();

    private final int maxInterruptWork;
    private final int rxCopybreak;
    private final int watchdogMs;

    VortexDriver(int maxInterruptWork, int rxCopybreak, int watchdogMs) {
        this.maxInterruptWork = maxInterruptWork;
        this.rxCopybreak = rxCopybreak;
        this.watchdogMs = watchdogMs;
    }

    /** {@code vortex_driver.name}: "3c59x". */
    @Override
    public String name() {
        return VortexModule.DRV_NAME;
    }

    /** {@code vortex_pci_tbl}: the Vortex, Boomerang, Cyclone and Tornado IDs this driver handles. */
    @Override
    public List<PciDeviceId> idTable() {
        return ID_TABLE;
    }

    /** {@code vortex_init_one}: enable, map the registers, then {@link #probe1}. */
    @Override
    public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
        VortexChipInfo chip = VortexChipInfo.TABLE.get((int) id.driverData());
        pdev.pcimEnableDevice();
        try {
            pdev.setDmaMask(32); // descriptors and fragments hold 32-bit addresses
        } catch (ErrnoException e) {
            return ProbeResult.fail(Errno.EIO, "No usable DMA configuration: the 3c59x needs 32-bit DMA");
        }
        int bar = chip.cycloneOrTornado() && pdev.resourceLen(1) > 0 ? 1 : 0;
        IoRegion ioaddr;
        try {
            ioaddr = pdev.pcimIomapRegions(1 << bar, VortexModule.DRV_NAME);
        } catch (ErrnoException e) {
            if (bar == 0) {
                throw e;
            }
            bar = 0; // mapping BAR1 failed: fall back to the I/O BAR
            ioaddr = pdev.pcimIomapRegions(1, VortexModule.DRV_NAME);
        }
        return probe1(pdev, chip, ioaddr);
    }

    /** {@code vortex_probe1}. */
    private ProbeResult probe1(PciDev pdev, VortexChipInfo chip, IoRegion ioaddr) throws ErrnoException {
        pdev.kernel().printk(LogLevel.INFO, String.format("%s: 3Com PCI %s at %s BAR%d.", pdev.name(), chip.name(),
                ioaddr.isIo() ? "I/O" : "MMIO", ioaddr.bar()));
        int needed = chip.has(VortexChipInfo.IS_VORTEX) ? VORTEX_TOTAL_SIZE : BOOMERANG_TOTAL_SIZE;
        if (ioaddr.size() < needed) {
            return ProbeResult.fail(Errno.ENODEV, String.format("BAR%d is %d bytes; the %s needs %d", ioaddr.bar(),
                    ioaddr.size(), chip.name(), needed));
        }
        pdev.setMaster();
        if (chip.has(VortexChipInfo.IS_VORTEX)) {
            int latency = pdev.configRead8(PciRegs.LATENCY_TIMER);
            if (latency < VORTEX_LATENCY) {
                pdev.info(String.format("Overriding PCI latency timer (CFLT) setting of %d, new value is %d.", latency, VORTEX_LATENCY));
                pdev.configWrite8(PciRegs.LATENCY_TIMER, VORTEX_LATENCY);
            }
        }

        NetDevice dev = pdev.allocEtherdev();
        pdev.devmAddAction("free_netdev", dev::free);
        // the INTx line, shared: the 3c59x has no MSI
        pdev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
        pdev.devmAddAction("pci_free_irq_vectors", pdev::freeIrqVectors);

        VortexPrivate[] self = new VortexPrivate[1];
        VortexIo io = new VortexIo(ioaddr, pdev.kernel(), () -> self[0] == null ? pdev.name() : self[0].name());
        VortexPrivate vp = new VortexPrivate(pdev, dev, io, chip, maxInterruptWork, rxCopybreak);
        self[0] = vp;
        vp.irq = pdev.irqVector(0);

        // the station address from the EEPROM
        int[] busy = new int[1];
        vp.eeprom = VortexEeprom.read(io, pdev.kernel(), chip.eepromReadBase(), busy);
        if (busy[0] > 0) {
            pdev.warn(busy[0] + " EEPROM word(s) still busy after " + VortexEeprom.READ_TRIES + " polls");
        }
        int checksum = VortexEeprom.checksum(vp.eeprom);
        if (checksum != 0 && !chip.has(VortexChipInfo.IS_TORNADO)) {
            pdev.warn(String.format(" ***INVALID CHECKSUM %04x*** ", checksum));
        }
        MacAddress mac = VortexEeprom.stationAddress(vp.eeprom);
        if (!mac.isValidEther()) {
            pdev.err("*** EEPROM MAC address is invalid.");
            return ProbeResult.fail(Errno.EINVAL, "EEPROM MAC address is invalid: " + mac + " (words 10..12)");
        }
        dev.setMacAddress(mac);
        byte[] octets = mac.octets();
        for (int i = 0; i < 6; i++) {
            io.windowWrite8(octets[i] & 0xFF, 2, i);
        }

        vp.info1 = vp.eeprom[EE_SOFTWARE_INFO1];
        vp.info2 = vp.eeprom[EE_SOFTWARE_INFO2];
        vp.capabilities = vp.eeprom[EE_CAPABILITIES];
        if ((vp.info1 & 0x8000) != 0) {
            vp.fullDuplex = true;
        }
        vp.hasNway = chip.has(VortexChipInfo.HAS_NWAY);
        vp.availableMedia = io.windowRead16(3, WN3_OPTIONS);
        if ((vp.availableMedia & 0xFF) == 0) {
            vp.availableMedia = 0x40; // the broken 3c916 reports none: MII
        }
        int config = io.windowRead32(3, WN3_CONFIG);
        vp.defaultMedia = VortexRegs.xcvr(config);
        if (vp.defaultMedia == XCVR_NWAY) {
            vp.hasNway = true;
        }
        vp.autoselect = VortexRegs.autoselect(config);
        vp.ifPort = vp.defaultMedia;

        if ((vp.availableMedia & 0x40) != 0 || chip.has(VortexChipInfo.HAS_NWAY)
                || vp.ifPort == XCVR_MII || vp.ifPort == XCVR_NWAY) {
            vp.mii.scan(chip.has(VortexChipInfo.EXTRA_PREAMBLE));
            if (!vp.mii.phyFound) {
                pdev.warn("  ***WARNING*** No MII transceivers found!");
            } else {
                vp.advertising = vp.mii.read(vp.mii.phyId, VortexMii.MII_ADVERTISE);
                if (vp.fullDuplex) {
                    vp.advertising &= ~0x02A0; // only the full-duplex modes
                    vp.mii.write(vp.mii.phyId, VortexMii.MII_ADVERTISE, vp.advertising);
                }
            }
        }

        // bus master by capability: the Boomerang and later chips
        if ((vp.capabilities & CAP_BUS_MASTER) != 0) {
            vp.fullBusMasterTx = true;
            vp.fullBusMasterRx = (vp.info2 & 1) != 0 ? 1 : 2;
        }
        if (vp.fullBusMasterTx) {
            if (ioaddr.size() < BOOMERANG_TOTAL_SIZE) {
                return ProbeResult.fail(Errno.ENODEV, String.format("the EEPROM claims bus mastering but BAR%d has only %d bytes",
                        ioaddr.bar(), ioaddr.size()));
            }
            vp.rings = BoomerangRings.allocate(pdev);
            vp.boomerangRx = new BoomerangRx(vp);
            vp.tx = new BoomerangTx(vp);
        } else {
            vp.vortexRx = new VortexRx(vp);
            vp.tx = new VortexTx(vp);
        }
        vp.mediaTimer = pdev.kernel().timerSetup("vortex_timer", vp.timer::run);

        pdev.setDrvData(vp);
        dev.setPriv(vp);
        dev.setOps(vp);
        dev.setEthtoolOps(new VortexEthtool(vp));
        dev.setWatchdogTimeoMillis(watchdogMs);
        dev.register();
        pdev.info(String.format("%s: %s, %s, IRQ %d, %s", dev.name(), mac,
                vp.fullBusMasterTx ? "bus-master transmits and " + (vp.fullBusMasterRx == 1 ? "early" : "whole-frame") + " receives"
                        : "programmed I/O", vp.irq, VortexMedia.of(vp.ifPort).name()));
        return ProbeResult.bound();
    }

    /** {@code vortex_remove_one}: unregister (closing it if up), then reset the card; devres frees the rest. */
    @Override
    public void remove(PciDev pdev) {
        VortexPrivate vp = pdev.drvData(VortexPrivate.class);
        vp.dev.unregister();
        vp.mediaTimer.delTimerSync();
        vp.io.command(TOTAL_RESET | (vp.chip.has(VortexChipInfo.EEPROM_RESET) ? 0x04 : 0x14));
    }
}
