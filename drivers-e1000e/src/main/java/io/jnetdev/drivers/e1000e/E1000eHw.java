package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eDefines.*;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.pci.IoRegion;

/**
 * The MAC and PHY access layer ({@code struct e1000_hw} with the functions of {@code mac.c},
 * {@code nvm.c}, {@code phy.c} and {@code 82571.c} the 82574 uses): register reads and writes,
 * the NVM through EERD, the PHY through MDIC, reset, the receive-address and multicast tables.
 */
final class E1000eHw {
    /** {@code e1000e_poll_eerd_eewr_done}: 100000 polls 5 us apart. */
    private static final int EERD_POLLS = 100_000;
    /** {@code e1000e_read_phy_reg_mdic}: {@code E1000_GEN_POLL_TIMEOUT * 3} polls 50 us apart. */
    private static final int MDIC_POLLS = 640 * 3;
    /** {@code e1000e_disable_pcie_master}: {@code MASTER_DISABLE_TIMEOUT} polls 100 us apart. */
    private static final int MASTER_DISABLE_POLLS = 800;

    private final IoRegion hwAddr;
    private final Kernel kernel;
    private final String name;

    E1000eHw(IoRegion hwAddr, Kernel kernel, String name) {
        this.hwAddr = hwAddr;
        this.kernel = kernel;
        this.name = name;
    }

    /** {@code er32}. */
    int er32(int reg) {
        return hwAddr.read32(reg);
    }

    /** {@code ew32}. */
    void ew32(int reg, int value) {
        hwAddr.write32(reg, value);
    }

    /** {@code e1e_flush}: a read forces posted writes out. */
    void flush() {
        hwAddr.read32(E1000eRegs.STATUS);
    }

    /** Unsigned value of a 32-bit clear-on-read counter. */
    long readCounter(int reg) {
        return hwAddr.read32(reg) & 0xFFFF_FFFFL;
    }

    // ---- NVM (nvm.c) ----------------------------------------------------------------------------

    /** {@code e1000e_read_nvm_eerd}: one word through EERD, polling DONE. */
    int readNvm(int offset) throws ErrnoException {
        ew32(E1000eRegs.EERD, (offset << NVM_RW_ADDR_SHIFT) | NVM_RW_REG_START);
        for (int i = 0; i < EERD_POLLS; i++) {
            int eerd = er32(E1000eRegs.EERD);
            if ((eerd & NVM_RW_REG_DONE) != 0) {
                return eerd >>> NVM_RW_REG_DATA_SHIFT;
            }
            kernel.udelay(5);
        }
        throw new ErrnoException(Errno.EIO, name + ": NVM read of word 0x" + Integer.toHexString(offset)
                + " timed out (EERD.DONE never set)");
    }

    /** {@code e1000e_validate_nvm_checksum_generic}: the 16-bit sum of words 0x00..0x3F must be 0xBABA. Returns the sum. */
    int nvmChecksum() throws ErrnoException {
        int checksum = 0;
        for (int i = 0; i <= NVM_CHECKSUM_REG; i++) {
            checksum = (checksum + readNvm(i)) & 0xFFFF;
        }
        return checksum;
    }

    /** {@code e1000_read_mac_addr}: the permanent address from NVM words 0..2 (word i = byte 2i | byte 2i+1 << 8). */
    MacAddress readMacAddr() throws ErrnoException {
        byte[] b = new byte[6];
        for (int i = 0; i < 3; i++) {
            int word = readNvm(i);
            b[2 * i] = (byte) word;
            b[2 * i + 1] = (byte) (word >>> 8);
        }
        return MacAddress.of(b);
    }

    // ---- PHY (phy.c) ----------------------------------------------------------------------------

    /** {@code e1000e_read_phy_reg_mdic}: a PHY register through MDIC, polling READY. */
    int readPhyReg(int reg) throws ErrnoException {
        ew32(E1000eRegs.MDIC, (reg << MDIC_REG_SHIFT) | (PHY_ADDR_82574 << MDIC_PHY_SHIFT) | MDIC_OP_READ);
        return mdicWait("read", reg) & 0xFFFF;
    }

    /** {@code e1000e_write_phy_reg_mdic}. */
    void writePhyReg(int reg, int data) throws ErrnoException {
        ew32(E1000eRegs.MDIC, (data & 0xFFFF) | (reg << MDIC_REG_SHIFT) | (PHY_ADDR_82574 << MDIC_PHY_SHIFT) | MDIC_OP_WRITE);
        mdicWait("write", reg);
    }

    private int mdicWait(String op, int reg) throws ErrnoException {
        for (int i = 0; i < MDIC_POLLS; i++) {
            kernel.udelay(50);
            int mdic = er32(E1000eRegs.MDIC);
            if ((mdic & MDIC_READY) != 0) {
                if ((mdic & MDIC_ERROR) != 0) {
                    throw new ErrnoException(Errno.EIO, name + ": MDI " + op + " of PHY register " + reg + ": MDIC.ERROR");
                }
                return mdic;
            }
        }
        throw new ErrnoException(Errno.EIO, name + ": MDI " + op + " of PHY register " + reg + " did not complete");
    }

    // ---- reset and init (82571.c, mac.c) ---------------------------------------------------------

    /**
     * {@code e1000_reset_hw_82571}: stop bus mastering, mask interrupts, stop receive and transmit,
     * global reset, wait for the NVM auto-read, clear pending interrupts. Process context (sleeps).
     */
    void resetHw() {
        disablePcieMaster();
        ew32(E1000eRegs.IMC, 0xFFFF_FFFF);
        ew32(E1000eRegs.RCTL, 0);
        ew32(E1000eRegs.TCTL, TCTL_PSP);
        flush();
        kernel.msleep(10);
        ew32(E1000eRegs.CTRL, er32(E1000eRegs.CTRL) | CTRL_RST);
        kernel.msleep(1);
        getAutoRdDone();
        ew32(E1000eRegs.IMC, 0xFFFF_FFFF);
        er32(E1000eRegs.ICR);
    }

    /** {@code e1000e_disable_pcie_master}: sets GIO_MASTER_DISABLE and waits for the bus-master requests to drain. */
    private void disablePcieMaster() {
        ew32(E1000eRegs.CTRL, er32(E1000eRegs.CTRL) | CTRL_GIO_MASTER_DISABLE);
        for (int i = 0; i < MASTER_DISABLE_POLLS; i++) {
            if ((er32(E1000eRegs.STATUS) & STATUS_GIO_MASTER_ENABLE) == 0) {
                return;
            }
            kernel.udelay(100);
        }
        kernel.printk(io.jnetdev.api.kernel.LogLevel.DEBUG, name + ": Master requests are pending.");
    }

    /** {@code e1000e_get_auto_rd_done}: up to 10 ms for EECD.AUTO_RD. */
    private void getAutoRdDone() {
        for (int i = 0; i < 10; i++) {
            if ((er32(E1000eRegs.EECD) & EECD_AUTO_RD) != 0) {
                return;
            }
            kernel.msleep(1);
        }
        kernel.printk(io.jnetdev.api.kernel.LogLevel.DEBUG, name + ": Auto read by HW from NVM has not completed.");
    }

    /**
     * {@code e1000_init_hw_82571} in the parts the 82574 needs: the receive-address table (entry 0
     * = the station address), the multicast table cleared, the link set up (SLU, autoneg), and the
     * DMA-burst descriptor control. Statistics are not cleared here: counts are harvested into the
     * driver's totals instead, so that no counted drop is ever discarded.
     */
    void initHw(MacAddress mac) {
        initRxAddrs(mac);
        for (int i = 0; i < E1000eRegs.MTA_REG_COUNT; i++) {
            ew32(E1000eRegs.MTA + 4 * i, 0);
        }
        // copper link: set link up, auto-speed detection (e1000_setup_copper_link_82571)
        int ctrl = er32(E1000eRegs.CTRL);
        ctrl |= CTRL_SLU;
        ctrl &= ~(CTRL_FRCSPD | CTRL_FRCDPX);
        ew32(E1000eRegs.CTRL, ctrl);
        ew32(E1000eRegs.TXDCTL, TXDCTL_DMA_BURST_ENABLE);
    }

    /** {@code e1000e_init_rx_addrs}: entry 0 the station address, the rest cleared. */
    void initRxAddrs(MacAddress mac) {
        rarSet(mac, 0);
        for (int i = 1; i < E1000eRegs.RAR_ENTRIES - 1; i++) {
            ew32(E1000eRegs.ral(i), 0);
            ew32(E1000eRegs.rah(i), 0);
        }
    }

    /** {@code e1000e_rar_set_generic}: RAL = bytes 0..3, RAH = bytes 4..5 with Address Valid. */
    void rarSet(MacAddress mac, int index) {
        byte[] a = mac.octets();
        int ral = (a[0] & 0xFF) | (a[1] & 0xFF) << 8 | (a[2] & 0xFF) << 16 | (a[3] & 0xFF) << 24;
        int rah = (a[4] & 0xFF) | (a[5] & 0xFF) << 8;
        if (ral != 0 || rah != 0) {
            rah |= 0x8000_0000; // E1000_RAH_AV
        }
        ew32(E1000eRegs.ral(index), ral);
        flush();
        ew32(E1000eRegs.rah(index), rah);
        flush();
    }

    /** {@code e1000_hash_mc_addr_generic} with multicast offset 0: bits 47:36 of the address pick one of 4096 bits. */
    static int hashMcAddr(MacAddress mac) {
        byte[] a = mac.octets();
        return (((a[4] & 0xFF) >>> 4) | ((a[5] & 0xFF) << 4)) & 0xFFF;
    }

    /** {@code e1000e_update_mc_addr_list_generic}: writes the whole multicast table from these addresses. */
    void updateMcAddrList(Iterable<MacAddress> addresses) {
        int[] mta = new int[E1000eRegs.MTA_REG_COUNT];
        for (MacAddress a : addresses) {
            int hash = hashMcAddr(a);
            mta[hash >>> 5] |= 1 << (hash & 31);
        }
        for (int i = E1000eRegs.MTA_REG_COUNT - 1; i >= 0; i--) {
            ew32(E1000eRegs.MTA + 4 * i, mta[i]);
        }
        flush();
    }

    /** {@code e1000e_get_hw_control}: CTRL_EXT.DRV_LOAD tells firmware a driver runs the device. */
    void getHwControl() {
        ew32(E1000eRegs.CTRL_EXT, er32(E1000eRegs.CTRL_EXT) | CTRL_EXT_DRV_LOAD);
    }

    /** {@code e1000e_release_hw_control}. */
    void releaseHwControl() {
        ew32(E1000eRegs.CTRL_EXT, er32(E1000eRegs.CTRL_EXT) & ~CTRL_EXT_DRV_LOAD);
    }

    /** Link speed from STATUS in Mb/s, 0 without link ({@code e1000e_get_speed_and_duplex_copper}). */
    int linkSpeed() {
        int status = er32(E1000eRegs.STATUS);
        if ((status & STATUS_LU) == 0) {
            return 0;
        }
        return switch (status & STATUS_SPEED_MASK) {
            case STATUS_SPEED_1000 -> 1000;
            case STATUS_SPEED_100 -> 100;
            default -> (status & STATUS_SPEED_MASK) > STATUS_SPEED_1000 ? 1000 : 10;
        };
    }

    IoRegion region() {
        return hwAddr;
    }
}
