package io.jnetdev.drivers.e1000e;

import static io.jnetdev.drivers.e1000e.E1000eDefines.*;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The ethtool self-test ({@code e1000_diag_test} and the tests of {@code ethtool.c}): register
 * patterns, the NVM checksum, interrupt delivery, MAC loopback and the link. Each result is 0 on
 * success and Linux's failure code otherwise; every test really exercises the device, so a model
 * that lacks a feature fails the test (with the reason in the kernel log), it never passes it.
 */
final class E1000eDiag {
    private static final int[] PATTERNS = {0x5A5A5A5A, 0xA5A5A5A5, 0x00000000, 0xFFFFFFFF};
    /** Loopback frames and their size ({@code e1000_run_loopback_test}: 64 frames of 1024 bytes). */
    private static final int LB_FRAMES = 64;
    private static final int LB_SIZE = 1024;
    /** The test rings ({@code e1000_setup_desc_rings}: E1000_DEFAULT_TXD/RXD), so 64 frames fit with the gap to spare. */
    private static final int LB_RING = 256;

    private final E1000eAdapter adapter;
    private final E1000eHw hw;
    private int testIcr;

    E1000eDiag(E1000eAdapter adapter) {
        this.adapter = adapter;
        this.hw = adapter.hw;
    }

    /** {@code e1000_diag_test}: offline runs all five with the interface closed around them; online only the link test. */
    boolean run(NetDevice dev, boolean offline, long[] data) throws ErrnoException {
        boolean failed = false;
        adapter.testing = true;
        try {
            if (offline) {
                log(LogLevel.INFO, dev.name() + ": offline testing starting");
                boolean ifRunning = dev.running() && adapter.ringsAllocated();
                if (ifRunning) {
                    adapter.testing = false;
                    adapter.stop(dev);
                    adapter.testing = true;
                }
                failed |= (data[0] = regTest()) != 0;
                adapter.reset();
                failed |= (data[1] = eepromTest()) != 0;
                adapter.reset();
                failed |= (data[2] = intrTest(dev)) != 0;
                adapter.reset();
                failed |= (data[3] = loopbackTest(dev)) != 0;
                adapter.reset();
                failed |= (data[4] = linkTest()) != 0;
                adapter.testing = false;
                if (ifRunning) {
                    adapter.open(dev);
                }
            } else {
                log(LogLevel.INFO, dev.name() + ": online testing starting");
                failed |= (data[4] = linkTest()) != 0;
            }
        } finally {
            adapter.testing = false;
        }
        return failed;
    }

    private void log(LogLevel level, String message) {
        adapter.kernel.printk(level, message);
    }

    // ---- register test (e1000_reg_test) ----------------------------------------------------------

    /** {@code e1000_reg_test}: STATUS is read-only; the other registers keep the patterns written, under their masks. */
    long regTest() {
        int toggle = 0x7FFFF033;
        int before = hw.er32(E1000eRegs.STATUS);
        int value = hw.er32(E1000eRegs.STATUS) & toggle;
        hw.ew32(E1000eRegs.STATUS, toggle);
        int after = hw.er32(E1000eRegs.STATUS) & toggle;
        if (value != after) {
            log(LogLevel.ERR, String.format("failed STATUS register test got: 0x%08X expected: 0x%08X", after, value));
            return 1;
        }
        hw.ew32(E1000eRegs.STATUS, before);
        long r;
        if ((r = pattern(E1000eRegs.FCAL, 0xFFFFFFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.FCAH, 0x0000FFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.FCT, 0x0000FFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.VET, 0x0000FFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.RDTR, 0x0000FFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.RDBAH, 0xFFFFFFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.RDLEN, 0x000FFF80, 0x000FFFFF)) != 0
                || (r = pattern(E1000eRegs.RDH, 0x0000FFFF, 0x0000FFFF)) != 0
                || (r = pattern(E1000eRegs.RDT, 0x0000FFFF, 0x0000FFFF)) != 0
                || (r = pattern(E1000eRegs.FCRTH, 0x0000FFF8, 0x0000FFF8)) != 0
                || (r = pattern(E1000eRegs.TIPG, 0x3FFFFFFF, 0x3FFFFFFF)) != 0
                || (r = pattern(E1000eRegs.TDBAH, 0xFFFFFFFF, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.TDLEN, 0x000FFF80, 0x000FFFFF)) != 0
                || (r = setAndCheck(E1000eRegs.RCTL, 0xFFFFFFFF, 0x00000000)) != 0
                || (r = setAndCheck(E1000eRegs.RCTL, 0x06DFB3FE, 0x003FFFFB)) != 0
                || (r = setAndCheck(E1000eRegs.TCTL, 0xFFFFFFFF, 0x00000000)) != 0
                || (r = setAndCheck(E1000eRegs.RCTL, 0x06DFB3FE, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.RDBAL, 0xFFFFFFF0, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.TXCW, 0xC000FFFF, 0x0000FFFF)) != 0
                || (r = pattern(E1000eRegs.TDBAL, 0xFFFFFFF0, 0xFFFFFFFF)) != 0
                || (r = pattern(E1000eRegs.TIDV, 0x0000FFFF, 0x0000FFFF)) != 0) {
            return r;
        }
        for (int i = 0; i < E1000eRegs.RAR_ENTRIES - 1; i++) {
            if ((r = pattern(E1000eRegs.rah(i), 0x8003FFFF, 0xFFFFFFFF)) != 0) {
                return r;
            }
        }
        for (int i = 0; i < E1000eRegs.MTA_REG_COUNT; i++) {
            if ((r = pattern(E1000eRegs.MTA + 4 * i, 0xFFFFFFFF, 0xFFFFFFFF)) != 0) {
                return r;
            }
        }
        return 0;
    }

    /** {@code reg_pattern_test}: returns the register's offset on a mismatch, as Linux reports it. */
    private long pattern(int reg, int mask, int write) {
        for (int p : PATTERNS) {
            hw.ew32(reg, p & write);
            int val = hw.er32(reg);
            if ((val & mask) != (p & write & mask)) {
                log(LogLevel.ERR, String.format("pattern test failed (reg 0x%05X): got 0x%08X expected 0x%08X",
                        reg, val, p & write & mask));
                return reg;
            }
        }
        return 0;
    }

    /** {@code reg_set_and_check}. */
    private long setAndCheck(int reg, int mask, int write) {
        hw.ew32(reg, write & mask);
        int val = hw.er32(reg);
        if (((write ^ val) & mask) != 0) {
            log(LogLevel.ERR, String.format("set/check test failed (reg 0x%05X): got 0x%08X expected 0x%08X",
                    reg, val & mask, write & mask));
            return reg;
        }
        return 0;
    }

    // ---- NVM test (e1000_eeprom_test) -------------------------------------------------------------

    /** {@code e1000_eeprom_test}: 1 if a word cannot be read, 2 if the checksum is not 0xBABA. */
    long eepromTest() {
        try {
            return hw.nvmChecksum() == NVM_SUM ? 0 : 2;
        } catch (ErrnoException e) {
            log(LogLevel.ERR, e.getMessage());
            return 1;
        }
    }

    // ---- interrupt test (e1000_intr_test) -----------------------------------------------------------

    /** {@code e1000_test_intr}. */
    private IrqReturn testIntr(int irq) {
        testIcr |= hw.er32(E1000eRegs.ICR);
        return IrqReturn.HANDLED;
    }

    /**
     * {@code e1000_intr_test}: causes 0..9 forced through ICS must reach the handler when enabled
     * and (on an unshared line) must not when masked. In MSI-X mode the test runs on a legacy
     * interrupt, as Linux's does, and the MSI-X vectors are set up again afterwards.
     */
    long intrTest(NetDevice dev) throws ErrnoException {
        int savedMode = adapter.intMode;
        boolean wasMsix = adapter.msix;
        if (wasMsix) {
            adapter.resetInterruptCapability();
            adapter.pdev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
            adapter.irqs = new int[] {adapter.pdev.irqVector(0)};
        }
        long data = 0;
        int irq = adapter.irqs[0];
        boolean shared = false;
        try {
            try {
                adapter.pdev.requestIrq(irq, this::testIntr, 0, dev.name(), this);
            } catch (ErrnoException e) {
                if (adapter.pdev.irqMode() != IrqMode.INTX) {
                    log(LogLevel.ERR, dev.name() + ": interrupt test cannot hook IRQ " + irq + ": " + e.getMessage());
                    return 1;
                }
                try {
                    adapter.pdev.requestIrq(irq, this::testIntr, IrqFlags.SHARED, dev.name(), this);
                    shared = true;
                } catch (ErrnoException e2) {
                    log(LogLevel.ERR, dev.name() + ": interrupt test cannot hook IRQ " + irq + ": " + e2.getMessage());
                    return 1;
                }
            }
            log(LogLevel.INFO, dev.name() + ": testing " + (shared ? "shared" : "unshared") + " interrupt");
            hw.ew32(E1000eRegs.IMC, 0xFFFFFFFF);
            hw.flush();
            adapter.kernel.msleep(10);
            for (int i = 0; i < 10; i++) {
                int mask = 1 << i;
                if (!shared) {
                    testIcr = 0;
                    hw.ew32(E1000eRegs.IMC, mask);
                    hw.ew32(E1000eRegs.ICS, mask);
                    hw.flush();
                    adapter.kernel.msleep(10);
                    if ((testIcr & mask) != 0) {
                        log(LogLevel.ERR, String.format("%s: interrupt test: masked cause 0x%x interrupted", dev.name(), mask));
                        data = 3;
                        break;
                    }
                }
                testIcr = 0;
                hw.ew32(E1000eRegs.IMS, mask);
                hw.ew32(E1000eRegs.ICS, mask);
                hw.flush();
                adapter.kernel.msleep(10);
                if ((testIcr & mask) == 0) {
                    log(LogLevel.ERR, String.format("%s: interrupt test: enabled cause 0x%x did not interrupt", dev.name(), mask));
                    data = 4;
                    break;
                }
                if (!shared) {
                    testIcr = 0;
                    hw.ew32(E1000eRegs.IMC, ~mask & 0x00007FFF);
                    hw.ew32(E1000eRegs.ICS, ~mask & 0x00007FFF);
                    hw.flush();
                    adapter.kernel.msleep(10);
                    if (testIcr != 0) {
                        log(LogLevel.ERR, String.format("%s: interrupt test: masked causes 0x%x interrupted", dev.name(), testIcr));
                        data = 5;
                        break;
                    }
                }
            }
            hw.ew32(E1000eRegs.IMC, 0xFFFFFFFF);
            hw.flush();
            adapter.kernel.msleep(10);
            adapter.pdev.freeIrq(irq, this);
        } finally {
            if (wasMsix) {
                adapter.resetInterruptCapability();
                adapter.intMode = savedMode;
                adapter.setInterruptCapability();
            }
        }
        return data;
    }

    // ---- loopback test (e1000_loopback_test) --------------------------------------------------------

    /**
     * {@code e1000_loopback_test} in MAC loopback (RCTL.LBM = 01): 64 frames of 1024 bytes sent must
     * come back through the receive ring intact within 20 ms. 13 = a frame came back wrong, 14 = not
     * every frame came back (the device does not loop frames back, or loses them); the reason is
     * logged. Frames from the wire that land in the test ring are counted as dropped.
     */
    long loopbackTest(NetDevice dev) throws ErrnoException {
        E1000eRing tx = E1000eRing.allocate(adapter.pdev, LB_RING, LB_SIZE + 1024);
        E1000eRing rx;
        try {
            rx = E1000eRing.allocate(adapter.pdev, LB_RING, RX_BUFFER_SIZE);
        } catch (ErrnoException e) {
            tx.free(adapter.pdev);
            throw e;
        }
        try {
            return runLoopback(dev, tx, rx);
        } finally {
            // e1000_loopback_cleanup: receive and transmit off, rings freed
            hw.ew32(E1000eRegs.RCTL, hw.er32(E1000eRegs.RCTL) & ~(RCTL_EN | RCTL_LBM_MASK));
            hw.ew32(E1000eRegs.TCTL, hw.er32(E1000eRegs.TCTL) & ~TCTL_EN);
            hw.flush();
            tx.free(adapter.pdev);
            rx.free(adapter.pdev);
        }
    }

    private long runLoopback(NetDevice dev, E1000eRing tx, E1000eRing rx) {
        hw.ew32(E1000eRegs.IMC, 0xFFFFFFFF);
        // e1000_setup_desc_rings: transmit
        long tdba = tx.descMem.dmaAddress();
        hw.ew32(E1000eRegs.TDBAL, (int) tdba);
        hw.ew32(E1000eRegs.TDBAH, (int) (tdba >>> 32));
        hw.ew32(E1000eRegs.TDLEN, tx.sizeBytes());
        hw.ew32(E1000eRegs.TDH, 0);
        hw.ew32(E1000eRegs.TDT, 0);
        hw.ew32(E1000eRegs.TCTL, TCTL_PSP | TCTL_EN | (COLLISION_THRESHOLD << CT_SHIFT) | (COLLISION_DISTANCE << COLD_SHIFT));
        // receive, every descriptor but the gap given to the card
        long rdba = rx.descMem.dmaAddress();
        for (int i = 0; i < rx.count; i++) {
            rx.desc.set(E1000eRing.LE_LONG, rx.descOffset(i), rx.bufferDma(i));
            rx.desc.set(E1000eRing.LE_LONG, rx.descOffset(i) + 8, 0L);
        }
        hw.ew32(E1000eRegs.RCTL, 0);
        hw.ew32(E1000eRegs.RDBAL, (int) rdba);
        hw.ew32(E1000eRegs.RDBAH, (int) (rdba >>> 32));
        hw.ew32(E1000eRegs.RDLEN, rx.sizeBytes());
        hw.ew32(E1000eRegs.RDH, 0);
        hw.ew32(E1000eRegs.RDT, rx.count - 1);
        hw.ew32(E1000eRegs.RFCTL, hw.er32(E1000eRegs.RFCTL) | RFCTL_EXTEN);
        // e1000_setup_loopback_test: MAC loopback at 1000 Mb/s full duplex
        hw.ew32(E1000eRegs.CTRL, (hw.er32(E1000eRegs.CTRL) & ~0x300) | CTRL_FRCSPD | CTRL_FRCDPX | CTRL_SPD_1000 | CTRL_FD
                | CTRL_SLU);
        int rctl = RCTL_EN | RCTL_BAM | RCTL_SZ_2048 | RCTL_UPE | RCTL_MPE | RCTL_SECRC | RCTL_RDMTS_HALF | RCTL_LBM_MAC;
        hw.ew32(E1000eRegs.RCTL, rctl);
        if ((hw.er32(E1000eRegs.RCTL) & RCTL_LBM_MASK) != RCTL_LBM_MAC) {
            log(LogLevel.ERR, dev.name() + ": loopback test skipped: RCTL.LBM does not keep MAC loopback (read back 0x"
                    + Integer.toHexString(hw.er32(E1000eRegs.RCTL)) + "); the device has no MAC loopback");
            return 14;
        }
        // e1000_run_loopback_test
        for (int i = 0; i < LB_FRAMES; i++) {
            createLbtestFrame(tx.buffers, tx.bufferOffset(i), LB_SIZE);
            long off = tx.descOffset(i);
            tx.desc.set(E1000eRing.LE_LONG, off, tx.bufferDma(i));
            tx.desc.set(E1000eRing.LE_INT, off + TXD_LOWER, TXD_CMD_EOP | TXD_CMD_IFCS | TXD_CMD_RS | LB_SIZE);
            tx.desc.set(E1000eRing.LE_INT, off + TXD_UPPER, 0);
        }
        hw.ew32(E1000eRegs.TDT, LB_FRAMES);
        int good = 0;
        int foreign = 0;
        int next = 0;
        for (int waited = 0; waited <= 20 && good < LB_FRAMES; waited++) {
            adapter.kernel.msleep(1);
            while (true) {
                int staterr = rx.desc.get(E1000eRing.LE_INT, rx.descOffset(next) + RXD_STATUS_ERROR);
                if ((staterr & RXD_STAT_DD) == 0) {
                    break;
                }
                int len = rx.desc.get(E1000eRing.LE_SHORT, rx.descOffset(next) + RXD_LENGTH) & 0xFFFF;
                if (len == LB_SIZE && checkLbtestFrame(rx.buffers, rx.bufferOffset(next), LB_SIZE)) {
                    good++;
                } else if (len == LB_SIZE && rx.buffers.get(ValueLayout.JAVA_BYTE, rx.bufferOffset(next) + 3) == (byte) 0xFF) {
                    log(LogLevel.ERR, dev.name() + ": loopback test: frame " + good + " came back corrupted");
                    return 13;
                } else {
                    foreign++;
                }
                rx.desc.set(E1000eRing.LE_LONG, rx.descOffset(next) + 8, 0L);
                next = rx.next(next);
                if (next == rx.count - 1) {
                    break; // the ring is used up: 63 received
                }
            }
        }
        if (foreign > 0) {
            adapter.rxDropped += foreign;
            adapter.netdev.countRxDrop("rx_dropped", foreign);
        }
        if (good < LB_FRAMES) {
            log(LogLevel.ERR, dev.name() + ": loopback test failed: " + good + " of " + LB_FRAMES
                    + " frames came back in MAC loopback (RCTL.LBM) within 20 ms"
                    + (good == 0 ? ": the device does not loop frames back, the test is skipped as failed" : ""));
            return 14;
        }
        return 0;
    }

    /** {@code e1000_create_lbtest_frame}: all 0xFF, second half 0xAA, three marker bytes. */
    private static void createLbtestFrame(MemorySegment buf, long off, int size) {
        buf.asSlice(off, size).fill((byte) 0xFF);
        buf.asSlice(off + size / 2, size / 2 - 1).fill((byte) 0xAA);
        buf.set(ValueLayout.JAVA_BYTE, off + size / 2 + 10, (byte) 0xBE);
        buf.set(ValueLayout.JAVA_BYTE, off + size / 2 + 12, (byte) 0xAF);
    }

    /** {@code e1000_check_lbtest_frame}. */
    private static boolean checkLbtestFrame(MemorySegment buf, long off, int size) {
        return buf.get(ValueLayout.JAVA_BYTE, off + 3) == (byte) 0xFF
                && buf.get(ValueLayout.JAVA_BYTE, off + size / 2 + 10) == (byte) 0xBE
                && buf.get(ValueLayout.JAVA_BYTE, off + size / 2 + 12) == (byte) 0xAF;
    }

    // ---- link test (e1000_link_test) --------------------------------------------------------------

    /** {@code e1000_link_test}: copper: give autoneg its seconds, then STATUS.LU. */
    long linkTest() {
        if (adapter.autoneg && !adapter.kernel.inAtomicContext()) {
            adapter.kernel.msleep(5000);
        }
        return (hw.er32(E1000eRegs.STATUS) & STATUS_LU) != 0 ? 0 : 1;
    }
}
