package io.jnetdev.drivers.tulip;

import static io.jnetdev.drivers.tulip.TulipMachines.MAC;
import static io.jnetdev.drivers.tulip.TulipMachines.MS;
import static io.jnetdev.drivers.tulip.TulipMachines.dev;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tulip_init_one} and {@code tulip_open} against the 21143 and 21140 models. */
class TulipProbeTest {

    @Test
    void the21143ProbesWithItsSromAddressAndOpensOnASharedLine() throws ErrnoException {
        long seed = 11;
        CsrTrace card = TulipMachines.dec21143();
        Machine m = TulipMachines.boot(seed, card, Map.of());
        assertThat(m.pci().lspci(false, true)).as("seed %d", seed).contains("[1011:0019]");
        NetDeviceImpl eth0 = dev(m, "eth0");
        assertThat(eth0.macAddress().bits()).as("seed %d: MAC from SROM byte 20\n%s", seed, m.dmesg()).isEqualTo(MAC);
        TulipPrivate tp = eth0.priv(TulipPrivate.class);
        assertThat(tp.chip).isEqualTo(TulipChip.DC21143);
        assertThat(tp.eeprom.addrLen()).as("seed %d: a 93C46 answers with 6 address bits", seed).isEqualTo(6);
        assertThat(tp.napi.weight()).isEqualTo(16);

        m.net().devOpen(eth0);
        m.run(5 * MS);
        assertThat(eth0.carrierOk()).as("seed %d: link from CSR12\n%s", seed, m.dmesg()).isTrue();
        assertThat(m.procInterrupts()).as("seed %d", seed).contains("eth0");
        assertThat(card.writesTo(TulipRegs.CSR7)).as("seed %d: CSR7 = valid_intrs", seed).contains(0x0801_FBFF);
        assertThat(card.model().txFramesTotal()).as("seed %d: a setup frame is not a wire frame", seed).isZero();
        assertThat(m.ethtool().getDrvinfo(eth0).info().driver()).isEqualTo("tulip");

        m.net().devClose(eth0);
        m.run(MS);
        assertThat(m.procInterrupts()).as("seed %d: the handler freed at close", seed).doesNotContain("eth0");
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void the21140ProbesAndSensesItsLinkOnTheGeneralPurposePin() throws ErrnoException {
        long seed = 12;
        CsrTrace card = TulipMachines.dec21140();
        Machine m = TulipMachines.boot(seed, card, Map.of());
        assertThat(m.pci().lspci(false, true)).as("seed %d", seed).contains("[1011:0009]");
        NetDeviceImpl eth0 = dev(m, "eth0");
        assertThat(eth0.macAddress().bits()).as("seed %d", seed).isEqualTo(MAC);
        TulipPrivate tp = eth0.priv(TulipPrivate.class);
        assertThat(tp.chip).isEqualTo(TulipChip.DC21140);
        assertThat(tp.mediaLeaf).as("seed %d: the SROM's compact block", seed).isNotNull();
        assertThat(tp.mediaLeaf.type()).isZero();
        m.net().devOpen(eth0);
        m.run(5 * MS);
        assertThat(eth0.carrierOk()).as("seed %d\n%s", seed, m.dmesg()).isTrue();
        assertThat(card.writesTo(TulipRegs.CSR7)).as("seed %d", seed).contains(0x0001_EBEF);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
