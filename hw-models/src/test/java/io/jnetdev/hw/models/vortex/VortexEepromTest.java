package io.jnetdev.hw.models.vortex;

import static io.jnetdev.hw.models.vortex.VortexRegs.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The EEPROM behind window 0 (B.4, B.8): the read protocol in virtual time, the MAC, capabilities, checksum. */
class VortexEepromTest {

    /** Reads a word as Linux's vortex_probe1 does: command, then poll bit 15 every 162 µs, then data. */
    private static int readWord(VortexBench b, int address) {
        b.select(0);
        b.w16(Wn0EepromCmd, EEPROM_Read + address);
        for (int tries = 0; tries < 11; tries++) {
            b.ctx.run(VortexEeprom.READ_NANOS);
            if ((b.r16(Wn0EepromCmd) & EEPROM_BUSY) == 0) {
                break;
            }
        }
        return b.r16(Wn0EepromData);
    }

    @Test
    void theBusyBitStaysSetFor162MicrosecondsOfVirtualTime() {
        VortexBench b = VortexBench.vortex();
        b.select(0);
        b.w16(Wn0EepromCmd, EEPROM_Read + 10);
        assertThat(b.r16(Wn0EepromCmd) & EEPROM_BUSY).as("busy at once").isEqualTo(EEPROM_BUSY);
        assertThat(b.r16(Wn0EepromData)).as("data not there yet").isZero();
        b.ctx.run(161_999);
        assertThat(b.r16(Wn0EepromCmd) & EEPROM_BUSY).as("still busy at 161.999 µs").isEqualTo(EEPROM_BUSY);
        b.ctx.run(1);
        assertThat(b.r16(Wn0EepromCmd)).as("idle at 162 µs, the command still readable").isEqualTo(EEPROM_Read + 10);
        assertThat(b.r16(Wn0EepromData)).as("word 10 = mac[0] << 8 | mac[1]").isEqualTo(0x0004);
    }

    @Test
    void theMacIsInWords10To12BigEndianPerWord() {
        VortexBench b = VortexBench.tornado();
        assertThat(new int[] {readWord(b, 10), readWord(b, 11), readWord(b, 12)}).containsExactly(0x0004, 0x7512, 0x3456);
        assertThat(new int[] {readWord(b, 0), readWord(b, 1), readWord(b, 2)}).as("OEM address").containsExactly(0x0004, 0x7512, 0x3456);
        assertThat(readWord(b, EE_ETHERLINK3_ID)).isEqualTo(0x6D50);
    }

    @Test
    void capabilitiesHaveFullBusMasterOnTheTornadoOnly() {
        assertThat(readWord(VortexBench.tornado(), EE_CAPABILITIES) & CapBusMaster).as("B.8 3c905C").isEqualTo(CapBusMaster);
        assertThat(readWord(VortexBench.vortex(), EE_CAPABILITIES) & CapBusMaster).as("B.8 3c595").isZero();
    }

    @Test
    void theChecksumFoldsToZeroAsLinuxChecksIt() {
        for (VortexBench b : new VortexBench[] {VortexBench.vortex(), VortexBench.tornado()}) {
            int x = 0;
            for (int i = 0; i < 0x18; i++) {
                x ^= readWord(b, i);
            }
            assertThat((x ^ (x >>> 8)) & 0xFF).as("B.8 %s", b.nic.chip()).isZero();
        }
    }

    @Test
    void writeCommandsChangeNothing() {
        VortexBench b = VortexBench.vortex();
        b.select(0);
        b.w16(Wn0EepromCmd, EEPROM_EWENB);
        b.ctx.run(VortexEeprom.READ_NANOS);
        b.w16(Wn0EepromData, 0xBEEF);
        b.w16(Wn0EepromCmd, EEPROM_WRITE + 10);
        b.ctx.run(VortexEeprom.READ_NANOS);
        assertThat(readWord(b, 10)).isEqualTo(0x0004);
    }
}
