package io.jnetdev.drivers.vortex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.kernel.LogLevel;
import io.jnetdev.api.kernel.SpinLock;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.pci.IoRegion;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The driver's pure parts: EEPROM decoding, the bounded command wait, the chip table. */
class VortexUnitTest {

    /** A register file whose status word is fixed, counting status reads and remembering the last command. */
    private static final class StuckStatus implements IoRegion {
        int status;
        int statusReads;
        int lastCommand = -1;

        @Override public int bar() { return 0; }
        @Override public boolean isIo() { return true; }
        @Override public long size() { return 0x40; }
        @Override public int read8(long offset) { return 0; }
        @Override public int read16(long offset) {
            if (offset == VortexRegs.EL3_STATUS) {
                statusReads++;
                return status;
            }
            return 0;
        }
        @Override public int read32(long offset) { return 0; }
        @Override public void write8(long offset, int value) { }
        @Override public void write16(long offset, int value) {
            if (offset == VortexRegs.EL3_CMD) {
                lastCommand = value;
            }
        }
        @Override public void write32(long offset, int value) { }
        @Override public long read64(long offset) { return 0; }
        @Override public void write64(long offset, long value) { }
    }

    private static Kernel kernel() {
        Kernel k = mock(Kernel.class);
        when(k.spinLockInit(anyString())).thenReturn(mock(SpinLock.class));
        return k;
    }

    @Test
    void aCommandThatNeverCompletesTimesOutAfterABoundedNumberOfPollsWithALogLine() {
        StuckStatus regs = new StuckStatus();
        regs.status = VortexRegs.CMD_IN_PROGRESS | VortexRegs.INT_LATCH;
        Kernel k = kernel();
        VortexIo io = new VortexIo(regs, k, () -> "eth7");
        assertThatThrownBy(() -> io.issueAndWait(VortexRegs.TX_RESET))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT))
                .hasMessageContaining("eth7: command 0x5800 did not complete! Status=0x1001");
        assertThat(regs.lastCommand).isEqualTo(VortexRegs.TX_RESET);
        // the fast polls, the slow ones, and the read for the message: no more
        assertThat(regs.statusReads).isEqualTo(VortexIo.FAST_POLLS + VortexIo.SLOW_POLLS + 1);
        assertThat(io.commandTimeouts).isEqualTo(1);
        ArgumentCaptor<String> line = ArgumentCaptor.forClass(String.class);
        verify(k).printk(org.mockito.ArgumentMatchers.eq(LogLevel.ERR), line.capture());
        assertThat(line.getValue()).isEqualTo("eth7: command 0x5800 did not complete! Status=0x1001");
        verify(k, org.mockito.Mockito.times(VortexIo.SLOW_POLLS)).udelay(VortexIo.SLOW_POLL_DELAY_US);
    }

    @Test
    void aCommandThatCompletesReturnsAtTheFirstClearRead() throws ErrnoException {
        StuckStatus regs = new StuckStatus();
        regs.status = 0;
        Kernel k = kernel();
        VortexIo io = new VortexIo(regs, k, () -> "eth0");
        io.issueAndWait(VortexRegs.RX_RESET | 4);
        assertThat(regs.statusReads).isEqualTo(1);
        verify(k, org.mockito.Mockito.never()).printk(any(), anyString());
        verify(k, org.mockito.Mockito.never()).udelay(anyLong());
    }

    @Test
    void stationAddressComesFromWords10To12EachBigEndian() {
        int[] ee = new int[VortexRegs.EEPROM_WORDS];
        ee[10] = 0x0010;
        ee[11] = 0x4B12;
        ee[12] = 0x3456;
        assertThat(VortexEeprom.stationAddress(ee)).isEqualTo(MacAddress.parse("00:10:4b:12:34:56"));
    }

    @Test
    void checksumIsTheFoldedXorOfTheFirst24WordsElseOf33() {
        int[] ee = new int[VortexRegs.EEPROM_WORDS];
        ee[0] = 0x1234;
        ee[10] = 0x00AB;
        // XOR of 0x00..0x17 = 0x1234 ^ 0x00AB = 0x129F; fold: 0x12 ^ 0x9F = 0x8D
        ee[0x17] = 0x008D;
        assertThat(VortexEeprom.checksum(ee)).isZero();
        ee[0x17] = 0;
        assertThat(VortexEeprom.checksum(ee)).isNotZero();
        // the longer layout: the checksum byte in word 0x20
        ee[0x20] = 0x008D;
        assertThat(VortexEeprom.checksum(ee)).isZero();
    }

    @Test
    void theIdTableHoldsBothModelledChipsWithTheirGeneration() {
        VortexChipInfo c595 = VortexChipInfo.TABLE.stream().filter(c -> c.deviceId() == 0x5950).findFirst().orElseThrow();
        VortexChipInfo c905c = VortexChipInfo.TABLE.stream().filter(c -> c.deviceId() == 0x9200).findFirst().orElseThrow();
        assertThat(c595.has(VortexChipInfo.IS_VORTEX)).isTrue();
        assertThat(c595.cycloneOrTornado()).isFalse();
        assertThat(c905c.has(VortexChipInfo.IS_TORNADO)).isTrue();
        assertThat(c905c.eepromReadBase()).isEqualTo(0x80);
        assertThat(VortexChipInfo.pciTable()).hasSameSizeAs(VortexChipInfo.TABLE)
                .allSatisfy(id -> assertThat(id.vendor()).isEqualTo(0x10B7));
        assertThat(VortexChipInfo.pciTable().stream().map(id -> VortexChipInfo.TABLE.get((int) id.driverData()).deviceId()))
                .containsExactlyElementsOf(VortexChipInfo.TABLE.stream().map(VortexChipInfo::deviceId).toList());
    }
}
