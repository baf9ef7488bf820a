package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.kernel.KernelTimer;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceFlags;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.RtnlLinkStats64;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.PciDev;

/**
 * Per-card state of the 3c59x driver ({@code struct vortex_private}, the netdev's private area)
 * and the {@code net_device_ops} on it: {@code vortex_open} / {@code vortex_up},
 * {@code vortex_down} / {@code vortex_close}, {@code vortex_tx_timeout}, {@code set_rx_mode},
 * {@code vortex_get_stats}. Transmit goes to {@link VortexTx} (PIO, the Vortex) or
 * {@link BoomerangTx} (download list), chosen at probe by the EEPROM's bus-master capability,
 * as Linux chooses between {@code vortex_netdev_ops} and {@code boomrang_netdev_ops}.
 *
 * <p>The interrupt handler ({@link VortexInterrupt}) runs under {@link #lock} with interrupts
 * off, as {@code vortex_boomerang_interrupt} does; the transmit path takes the same lock around
 * the download-list update.
 */
final class VortexPrivate implements NetDeviceOps {
    /** {@code media_override} when no option forces a transceiver. */
    static final int NO_MEDIA_OVERRIDE = 7;

    final PciDev pdev;
    final NetDevice dev;
    final Kernel kernel;
    final VortexIo io;
    final VortexChipInfo chip;
    final VortexMii mii;
    final VortexStats stats = new VortexStats();
    /** {@code vp->lock}: the handler, transmit and statistics. */
    final SpinLock lock;
    final VortexInterrupt interrupt;
    final VortexTimer timer;
    /** The transmit path of this chip. */
    TxPath tx;
    /** The Boomerang rings (UPDs, DPDs), allocated at probe; null on a Vortex. */
    BoomerangRings rings;
    VortexRx vortexRx;
    BoomerangRx boomerangRx;
    KernelTimer mediaTimer;

    // ---- module parameters as this card uses them ----
    final int maxInterruptWork;
    final int rxCopybreak;

    // ---- from the EEPROM and the configuration registers ----
    int[] eeprom = new int[EEPROM_WORDS];
    int info1;
    int info2;
    int capabilities;
    int availableMedia;
    int defaultMedia;
    boolean autoselect;
    boolean hasNway;
    int mediaOverride = NO_MEDIA_OVERRIDE;
    boolean medialock;
    /** {@code dev->if_port}: the transceiver in use. */
    int ifPort;
    boolean fullDuplex;
    boolean largeFrames;
    /** NWay advertisement read from the PHY at probe. */
    int advertising;
    /** Link speed in Mb/s the media check found; 0 before it ran or without link. */
    int linkSpeed;

    // ---- operating mode ----
    boolean fullBusMasterTx;
    /** 0: PIO receive; 1: early receive; 2: whole-frame bus-master receive. */
    int fullBusMasterRx;
    int statusEnable;
    int intrEnable;
    /** {@code vp->deferred}: sources hidden after the work limit tripped, restored by FakeIntr. */
    int deferred;
    /** The interface is up (rings filled, IRQ requested). */
    boolean open;
    private boolean irqRequested;
    int irq;

    // ---- driver counters (ethtool -S) ----
    long interrupts;
    long interruptsNotOurs;
    long workLimitTrips;
    long fakeIntrs;
    long sourcesRestored;
    long txTimeouts;
    long hostErrors;

    VortexPrivate(PciDev pdev, NetDevice dev, VortexIo io, VortexChipInfo chip, int maxInterruptWork, int rxCopybreak) {
        this.pdev = pdev;
        this.dev = dev;
        this.kernel = pdev.kernel();
        this.io = io;
        this.chip = chip;
        this.mii = new VortexMii(io);
        this.maxInterruptWork = maxInterruptWork;
        this.rxCopybreak = rxCopybreak;
        this.lock = kernel.spinLockInit("3c59x lock");
        this.interrupt = new VortexInterrupt(this);
        this.timer = new VortexTimer(this);
    }

    /** The transmit half of the two {@code net_device_ops} tables. */
    interface TxPath {
        NetdevTx startXmit(Skb skb);

        /** Frees what the ring still holds at close; returns frames dropped. */
        default int clean() {
            return 0;
        }

        /** {@code vortex_tx_timeout}'s chip-specific half. */
        void timeout();
    }

    // ---- open / up ------------------------------------------------------------------------------

    /** {@code vortex_open}: the shared INTx handler, the receive ring filled, then {@link #up}. */
    @Override
    public void open(NetDevice d) throws ErrnoException {
        try {
            pdev.requestIrq(irq, interrupt::handle, IrqFlags.SHARED, d.name(), this);
        } catch (ErrnoException e) {
            kernel.printk(LogLevel.ERR, d.name() + ": Could not reserve IRQ " + irq);
            throw e;
        }
        irqRequested = true;
        try {
            if (fullBusMasterRx != 0) {
                boomerangRx.fill();
            } else {
                vortexRx.allocate();
            }
            if (fullBusMasterTx) {
                ((BoomerangTx) tx).allocate();
            } else {
                ((VortexTx) tx).allocate();
            }
            up();
        } catch (ErrnoException e) {
            mediaTimer.delTimerSync(); // up() may have armed it before failing
            releaseRings();
            pdev.freeIrq(irq, this);
            irqRequested = false;
            throw e;
        }
        open = true;
    }

    /**
     * {@code vortex_up}: media and duplex, transmitter and receiver reset, station address,
     * statistics cleared, the rings' addresses, the receive filter, then the enables: which
     * status bits are visible and which of them raise the line.
     */
    void up() throws ErrnoException {
        int config = io.windowRead32(3, WN3_CONFIG);
        if (mediaOverride != NO_MEDIA_OVERRIDE) {
            ifPort = mediaOverride;
        } else if (autoselect) {
            if (hasNway) {
                ifPort = XCVR_NWAY;
            } else {
                ifPort = XCVR_100BASE_TX;
                while ((availableMedia & VortexMedia.of(ifPort).mask()) == 0) {
                    ifPort = VortexMedia.of(ifPort).next();
                }
            }
        } else {
            ifPort = defaultMedia;
        }
        mediaTimer.modTimer(kernel.jiffies() + VortexMedia.of(ifPort).waitJiffies(kernel.hz()));
        config = VortexRegs.withXcvr(config, ifPort);
        io.windowWrite32(config, 3, WN3_CONFIG);
        if (ifPort == XCVR_MII || ifPort == XCVR_NWAY) {
            timer.checkMedia(true);
        } else {
            setDuplex();
        }

        io.issueAndWait(TX_RESET);
        io.issueAndWait(RX_RESET | 0x04); // not the PHY: that would upset autonegotiation
        io.command(SET_STATUS_ENB | 0x00);

        writeStationAddress();
        if (ifPort == XCVR_10BASE2) {
            io.command(START_COAX);
        }
        if (ifPort != XCVR_NWAY) {
            int media = io.windowRead16(4, WN4_MEDIA) & ~(MEDIA_10TP | MEDIA_SQE);
            io.windowWrite16(media | VortexMedia.of(ifPort).mediaBits(), 4, WN4_MEDIA);
        }

        // statistics off, cleared by reading, upper bytes on
        io.command(STATS_DISABLE);
        for (int i = 0; i < 10; i++) {
            io.windowRead8(6, i);
        }
        io.windowRead16(6, WN6_BYTES_RCVD_OK);
        io.windowRead16(6, WN6_BYTES_XMITTED_OK);
        io.windowRead8(4, WN4_BAD_SSD);
        io.windowWrite16(NET_DIAG_UPPER_BYTES_ENABLE, 4, WN4_NET_DIAG);

        if (fullBusMasterRx != 0) {
            boomerangRx.start();
        }
        if (fullBusMasterTx) {
            ((BoomerangTx) tx).start();
        }
        setRxMode(dev);
        set8021qMode(true);
        io.command(STATS_ENABLE);
        io.command(RX_ENABLE);
        io.command(TX_ENABLE);

        statusEnable = SET_STATUS_ENB | HOST_ERROR | INT_REQ | STATS_FULL | TX_COMPLETE
                | (fullBusMasterTx ? DOWN_COMPLETE : TX_AVAILABLE)
                | (fullBusMasterRx != 0 ? UP_COMPLETE : RX_COMPLETE);
        intrEnable = SET_INTR_ENB | INT_LATCH | TX_AVAILABLE
                | (fullBusMasterRx != 0 ? 0 : RX_COMPLETE)
                | STATS_FULL | HOST_ERROR | TX_COMPLETE | INT_REQ | UP_COMPLETE | DOWN_COMPLETE;
        deferred = 0;
        io.command(statusEnable);
        io.command(ACK_INTR | INT_LATCH | TX_AVAILABLE | RX_EARLY | INT_REQ);
        io.command(intrEnable);
        dev.startQueue();
    }

    /** {@code vortex_set_duplex}: full duplex and large frames in the MAC control word. */
    void setDuplex() {
        int ctrl = ((info1 & 0x8000) != 0 || fullDuplex ? MAC_CTRL_FULL_DUPLEX : 0) | (largeFrames ? MAC_CTRL_LARGE_FRAMES : 0);
        io.windowWrite16(ctrl, 3, WN3_MAC_CTRL);
    }

    /** The station address into window 2, the mask cleared. */
    void writeStationAddress() {
        byte[] mac = dev.macAddress().octets();
        for (int i = 0; i < 6; i++) {
            io.windowWrite8(mac[i] & 0xFF, 2, i);
        }
        for (int i = 6; i < 12; i += 2) {
            io.windowWrite16(0, 2, i);
        }
    }

    /**
     * {@code set_8021q_mode}: Cyclone and Tornado take the largest frame size (with room for a
     * VLAN tag when enabled) and the VLAN ethertype; the older chips need "large frames" for a tag.
     */
    void set8021qMode(boolean enable) {
        if (chip.cycloneOrTornado()) {
            int maxPktSize = dev.mtu() + 14 + (enable ? 4 : 0);
            io.windowWrite16(maxPktSize, 3, WN3_MAX_PKT_SIZE);
            io.windowWrite16(0x8100, 7, WN7_VLAN_ETHER_TYPE);
        } else {
            largeFrames = dev.mtu() > 1500 || enable;
            int macCtrl = io.windowRead16(3, WN3_MAC_CTRL);
            macCtrl = largeFrames ? macCtrl | MAC_CTRL_LARGE_FRAMES : macCtrl & ~MAC_CTRL_LARGE_FRAMES;
            io.windowWrite16(macCtrl, 3, WN3_MAC_CTRL);
        }
    }

    // ---- down / close ---------------------------------------------------------------------------

    /**
     * {@code vortex_down}: queue stopped, the media timer stopped, statistics, receiver and
     * transmitter off, every interrupt source disabled, statistics harvested, the list pointers
     * cleared. From the interrupt handler (a host error) the timer is deactivated without waiting:
     * {@code del_timer_sync} may not be called from hard-IRQ context.
     */
    void down(boolean fromIrq) {
        dev.stopQueue();
        if (fromIrq) {
            mediaTimer.delTimer();
        } else {
            mediaTimer.delTimerSync();
        }
        io.command(STATS_DISABLE);
        io.command(RX_DISABLE);
        io.command(TX_DISABLE);
        set8021qMode(false);
        if (ifPort == XCVR_10BASE2) {
            io.command(STOP_COAX);
        }
        io.command(SET_INTR_ENB | 0x0000);
        if (fromIrq) {
            discardPending(); // the handler holds vp->lock already
            stats.update(io, dev);
        } else {
            long flags = lock.lockIrqSave();
            try {
                discardPending();
            } finally {
                lock.unlockIrqRestore(flags);
            }
            updateStats();
        }
        if (fullBusMasterRx != 0) {
            io.ioaddr.write32(UP_LIST_PTR, 0);
        }
        if (fullBusMasterTx) {
            io.ioaddr.write32(DOWN_LIST_PTR, 0);
        }
    }

    /** Frames the card still holds at down, counted rather than left for the next RxReset to lose. */
    private void discardPending() {
        if (fullBusMasterRx != 0) {
            boomerangRx.discardPending();
        } else {
            vortexRx.discardPending();
        }
    }

    /** {@code vortex_close}: down, the IRQ freed, the ring buffers freed. */
    @Override
    public void stop(NetDevice d) {
        down(false);
        if (irqRequested) {
            pdev.freeIrq(irq, this);
            irqRequested = false;
        }
        releaseRings();
        open = false;
    }

    private void releaseRings() {
        if (boomerangRx != null) {
            boomerangRx.release();
        }
        if (vortexRx != null) {
            vortexRx.release();
        }
        int dropped = tx.clean();
        if (dropped > 0) {
            stats.txDropped += dropped;
        }
    }

    // ---- transmit and its timeout ---------------------------------------------------------------

    @Override
    public NetdevTx startXmit(Skb skb, NetDevice d) {
        return tx.startXmit(skb);
    }

    /**
     * {@code vortex_tx_timeout}: logs the transmitter's state, runs the handler if an interrupt
     * was posted but never delivered, resets the transmitter and lets the chip's path restart it.
     */
    @Override
    public void txTimeout(NetDevice d, int queue) {
        txTimeouts++;
        kernel.printk(LogLevel.ERR, String.format("%s: transmit timed out, tx_status %02x status %04x.", d.name(),
                io.ioaddr.read8(TX_STATUS), io.status()));
        kernel.printk(LogLevel.ERR, String.format("  diagnostics: net %04x media %04x dma %08x fifo %04x",
                io.windowRead16(4, WN4_NET_DIAG), io.windowRead16(4, WN4_MEDIA),
                fullBusMasterTx ? io.ioaddr.read32(PKT_STATUS) : 0, io.windowRead16(4, WN4_FIFO_DIAG)));
        if ((io.ioaddr.read8(TX_STATUS) & 0x88) == 0x88) {
            kernel.printk(LogLevel.ERR, d.name() + ": Transmitter encountered 16 collisions -- network cable problem?");
        }
        if ((io.status() & INT_LATCH) != 0) {
            kernel.printk(LogLevel.ERR, d.name() + ": Interrupt posted but not delivered -- IRQ blocked by another device?");
            interrupt.handle(irq);
        }
        io.issueAndWaitQuiet(TX_RESET);
        stats.txErrors++;
        tx.timeout();
        io.command(TX_ENABLE);
        d.transUpdate();
    }

    // ---- receive filter, statistics -------------------------------------------------------------

    /**
     * {@code set_rx_mode}: the pre-Cyclone chips have no multicast filter, so the choice is
     * promiscuous (0x800F), all multicast when any group is joined or all-multicast is asked for
     * (0x8007), or station + broadcast (0x8005), as B.9 gives Linux's words.
     */
    @Override
    public void setRxMode(NetDevice d) {
        int flags = d.flags();
        int mode = (flags & NetDeviceFlags.PROMISC) != 0 ? RX_STATION | RX_MULTICAST | RX_BROADCAST | RX_PROM
                : (flags & NetDeviceFlags.ALLMULTI) != 0 || !d.mcAddresses().isEmpty() ? RX_STATION | RX_MULTICAST | RX_BROADCAST
                : RX_STATION | RX_BROADCAST;
        io.command(SET_RX_FILTER | mode);
    }

    /** {@code update_stats} under the lock. */
    void updateStats() {
        long flags = lock.lockIrqSave();
        try {
            stats.update(io, dev);
        } finally {
            lock.unlockIrqRestore(flags);
        }
    }

    /** {@code vortex_get_stats}: the card's counters read now, then the driver's and the core's. */
    @Override
    public void getStats64(NetDevice d, RtnlLinkStats64 s) {
        updateStats();
        stats.fill(d, s);
    }

    /** {@code eth_mac_addr}: the new address goes to window 2 at the next open. */
    @Override
    public void setMacAddress(NetDevice d, MacAddress address) throws ErrnoException {
        if (!address.isValidEther()) {
            throw new ErrnoException(Errno.EADDRNOTAVAIL, d.name() + ": " + address + " is not a valid unicast address");
        }
        d.setMacAddress(address);
        if (open) {
            writeStationAddress();
        }
    }

    /** The log prefix: the interface name once registered. */
    String name() {
        return dev.name().contains("%") ? pdev.name() : dev.name();
    }
}
