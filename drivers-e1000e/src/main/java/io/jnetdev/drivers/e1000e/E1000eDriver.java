package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eDefines.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.List;

/**
 * The e1000e PCI driver ({@code e1000_driver}: {@code e1000_pci_tbl}, {@code e1000_probe},
 * {@code e1000_remove}). Probe takes its resources with managed calls, so a failing probe leaves
 * nothing behind; the rings belong to the interface and live from open to close.
 */
public final class E1000eDriver implements PciDriver {
    /** {@code board_82571}, {@code board_82572}, ... as driver data: which MAC family the ID is. */
    static final long BOARD_82571 = 0;
    static final long BOARD_82572 = 1;
    static final long BOARD_82573 = 2;
    static final long BOARD_82574 = 3;
    static final long BOARD_82583 = 4;
    static final long BOARD_80003ES2LAN = 5;

    private static final List<PciDeviceId> ID_TABLE = List.of(
            PciDeviceId.of(VENDOR_INTEL, DEV_82571EB_COPPER, BOARD_82571),
            PciDeviceId.of(VENDOR_INTEL, DEV_82572EI_COPPER, BOARD_82572),
            PciDeviceId.of(VENDOR_INTEL, DEV_82572EI, BOARD_82572),
            PciDeviceId.of(VENDOR_INTEL, DEV_82573L, BOARD_82573),
            PciDeviceId.of(VENDOR_INTEL, DEV_82574L, BOARD_82574),
            PciDeviceId.of(VENDOR_INTEL, DEV_82574LA, BOARD_82574),
            PciDeviceId.of(VENDOR_INTEL, DEV_82583V, BOARD_82583),
            PciDeviceId.of(VENDOR_INTEL, DEV_80003ES2LAN_COPPER_DPT, BOARD_80003ES2LAN));

    private final long interruptThrottleRate;
    private final long intModeParam;
    private final int copybreak;

    E1000eDriver(long interruptThrottleRate, long intMode, int copybreak) {
        this.interruptThrottleRate = interruptThrottleRate;
        this.intModeParam = intMode;
        this.copybreak = copybreak;
    }

    @Override
    public String name() {
        return E1000eModule.DRIVER_NAME;
    }

    /** {@code e1000_pci_tbl}: the 82574 family first, and the other e1000e parts an 82574 model can stand in for. */
    @Override
    public List<PciDeviceId> idTable() {
        return ID_TABLE;
    }

    /** {@code e1000_probe}. */
    @Override
    public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
        pdev.pcimEnableDevice();
        try {
            pdev.setDmaMask(64);
        } catch (ErrnoException e64) {
            try {
                pdev.setDmaMask(32);
            } catch (ErrnoException e32) {
                pdev.err("No usable DMA configuration, aborting");
                return ProbeResult.fail(Errno.EIO, "No usable DMA configuration, aborting");
            }
        }
        IoRegion regs = pdev.pcimIomapRegions(1 << 0, E1000eModule.DRIVER_NAME);
        pdev.setMaster();

        NetDevice netdev = pdev.allocEtherdev();
        pdev.devmAddAction("free_netdev", netdev::free); // devm_alloc_etherdev
        E1000eHw hw = new E1000eHw(regs, pdev.kernel(), pdev.name());
        E1000eParam.Options options = E1000eParam.checkOptions(interruptThrottleRate, intModeParam, pdev::info);
        E1000eAdapter adapter = new E1000eAdapter(pdev, hw, netdev, options, copybreak);
        pdev.setDrvData(adapter);
        netdev.setPriv(adapter);
        netdev.setOps(adapter);
        netdev.setEthtoolOps(new E1000eEthtool(adapter));
        netdev.setWatchdogTimeoMillis(5000);
        netdev.setMtuRange(MIN_MTU, MAX_MTU);
        adapter.napi = netdev.napiAdd(adapter::poll, E1000eAdapter.NAPI_WEIGHT);

        // e1000_sw_init: interrupt capability, then interrupts masked
        adapter.setInterruptCapability();
        pdev.devmAddAction("e1000e_reset_interrupt_capability", adapter::resetInterruptCapability);
        adapter.irqDisable();

        hw.resetHw();
        // systems with ASPM may fail the first checksum read: three tries
        int checksum = 0;
        for (int i = 0; ; i++) {
            checksum = hw.nvmChecksum();
            if (checksum == NVM_SUM) {
                break;
            }
            if (i == 2) {
                pdev.err("The NVM Checksum Is Not Valid");
                return ProbeResult.fail(Errno.EIO, "The NVM Checksum Is Not Valid (words 0x00..0x3F sum to 0x"
                        + Integer.toHexString(checksum) + ", not 0xbaba)");
            }
        }
        int eepromVers = hw.readNvm(NVM_VERSION);
        MacAddress mac = hw.readMacAddr();
        if (!mac.isValidEther()) {
            pdev.err("Invalid MAC Address: " + mac);
            return ProbeResult.fail(Errno.EIO, "Invalid MAC Address: " + mac);
        }
        adapter.macAddr = mac;
        adapter.eepromVers = eepromVers;
        netdev.setMacAddress(mac);

        adapter.watchdogTimer = pdev.kernel().timerSetup("e1000_watchdog", adapter::watchdog);
        adapter.watchdogTask = pdev.kernel().initWork("e1000_watchdog_task", adapter::watchdogTask);
        adapter.resetTask = pdev.kernel().initWork("e1000_reset_task", adapter::resetTask);

        adapter.reset();
        hw.getHwControl();

        netdev.register();
        netdev.carrierOff();
        printDeviceInfo(pdev, adapter);
        return ProbeResult.bound();
    }

    /** {@code e1000_print_device_info}. */
    private static void printDeviceInfo(PciDev pdev, E1000eAdapter adapter) {
        String ifname = adapter.netdev.name();
        pdev.info(ifname + ": (PCI Express:2.5GT/s:Width x1) " + adapter.macAddr);
        pdev.info(ifname + ": Intel(R) PRO/1000 Network Connection");
        pdev.info(String.format("%s: MAC: %d, PHY: %d, PBA No: FFFFFF-0FF", ifname, 3, PHY_TYPE_BM));
        pdev.info(ifname + ": interrupt mode " + switch (adapter.intMode) {
            case E1000eParam.INT_MODE_MSIX -> "MSI-X";
            case E1000eParam.INT_MODE_MSI -> "MSI";
            default -> "legacy INTx";
        } + ", InterruptThrottleRate setting " + adapter.itr.itrSetting());
    }

    /**
     * {@code e1000_remove}: stop the timers and work from being re-armed, unregister (which closes
     * the interface if it is up), hand the card back to firmware; devres then frees the vectors,
     * the mappings, the net device and the PCI enable.
     */
    @Override
    public void remove(PciDev pdev) {
        E1000eAdapter adapter = pdev.drvData(E1000eAdapter.class);
        adapter.down = true;
        adapter.watchdogTimer.delTimerSync();
        pdev.kernel().cancelWorkSync(adapter.resetTask);
        pdev.kernel().cancelWorkSync(adapter.watchdogTask);
        adapter.watchdogTimer.delTimerSync();
        adapter.netdev.unregister();
        adapter.hw.releaseHwControl();
        adapter.irqDisable();
        pdev.info("removed after " + adapter.interrupts() + " interrupt(s)");
    }
}
