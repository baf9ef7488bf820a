package io.jnetdev.hw.models.tulip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The serial ROM through CSR9, clocked as Linux's {@code tulip_read_eeprom} clocks it (C.10). */
class TulipSromTest {
    private static final long MAC = 0x0040_0511_2233L;

    private static byte[] readAll(TulipBench b, int addrLen) {
        byte[] rom = new byte[128];
        for (int i = 0; i < 64; i++) {
            int w = b.readEeprom(i, addrLen) & 0xFFFF;
            rom[2 * i] = (byte) w;
            rom[2 * i + 1] = (byte) (w >>> 8);
        }
        return rom;
    }

    @Test
    void linuxSizesTheAddressAtSixBits() {
        TulipBench b = new TulipBench(Tulip.dec21143(MAC));
        int probe = b.readEeprom(0xFF, 8);
        assertThat(probe & 0x40000).as("C.10 read 0xFF with 8 address bits: the dummy 0 comes two clocks early").isZero();
        assertThat(probe >>> 19 & 1).as("DO undriven (1) before the last address bit").isEqualTo(1);
    }

    @Test
    void theMacSitsAtByte20AndTheHeaderIsWhatLinuxAccepts() {
        TulipBench b = new TulipBench(Tulip.dec21143(MAC));
        byte[] rom = readAll(b, 6);
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = mac << 8 | (rom[20 + i] & 0xFF);
        }
        assertThat(mac).as("C.10 bytes 20-25: the IEEE address").isEqualTo(MAC);
        boolean differ = false;
        for (int i = 0; i < 8; i++) {
            differ |= rom[i] != rom[16 + i];
        }
        assertThat(differ).as("bytes 0-7 differ from 16-23, so Linux takes the MAC from byte 20").isTrue();
        assertThat(rom[18]).as("format version").isEqualTo((byte) 4);
        assertThat(rom[19]).as("one controller").isEqualTo((byte) 1);
        assertThat(rom[0] & 0xFF | (rom[1] & 0xFF) << 8).as("subsystem vendor as config space shows it").isEqualTo(0x103C);
        int leaf = rom[27] & 0xFF;
        assertThat(leaf).as("info-leaf offset").isEqualTo(30);
        assertThat(rom[leaf + 2]).as("21143 leaf: one media block").isEqualTo((byte) 1);
        assertThat(rom[leaf + 4]).as("type 4 (SYM PHY)").isEqualTo((byte) 4);
        assertThat(rom[leaf + 5]).as("media 3, 100baseTx").isEqualTo((byte) 3);
        CRC32 crc = new CRC32();
        crc.update(rom, 0, 126);
        assertThat(rom[126] & 0xFF | (rom[127] & 0xFF) << 8).as("bytes 126-127: CRC of bytes 0-125")
                .isEqualTo((int) crc.getValue() & 0xFFFF);
    }

    @Test
    void the21140LeafCarriesTheGpDirectionAndACompactBlock() {
        TulipBench b = new TulipBench(Tulip.dec21140(MAC));
        byte[] rom = readAll(b, 6);
        assertThat(new byte[] {rom[20], rom[25]}).containsExactly((byte) 0x00, (byte) 0x33);
        int leaf = rom[27] & 0xFF;
        assertThat(rom[leaf + 2]).as("CSR12_IN_SROM: GP direction byte").isEqualTo((byte) 0x3F);
        assertThat(rom[leaf + 3]).as("one block").isEqualTo((byte) 1);
        assertThat(rom[leaf + 4] & 0x80).as("compact block").isZero();
        assertThat((rom[leaf + 6] >> 1) & 7).as("link sense on GP pin 6, as CSR12 drives it")
                .isEqualTo(TulipRegs.GP_LINK_SENSE_BIT);
    }

    @Test
    void sequentialReadRunsOnIntoTheNextWord() {
        TulipBench b = new TulipBench(Tulip.dec21143(MAC));
        int w11 = b.nic.srom().word(11);
        int w12 = b.nic.srom().word(12);
        assertThat(w11).as("bytes 22-23 of the MAC").isEqualTo(0x1105);
        // 8 address bits on a 6-bit part: location 44 addresses word 11 and its 2 low bits fall into
        // the data phase, so the 16 data clocks show word 11 shifted by two, then word 12 begins
        int probe = b.readEeprom(44, 8);
        assertThat(probe & 0xFFFF).isEqualTo((w11 << 2 | w12 >>> 14) & 0xFFFF).isEqualTo(0x4414);
    }
}
