package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexMachines.MAC_A;
import static io.jnetdev.drivers.vortex.VortexMachines.MS;
import static io.jnetdev.drivers.vortex.VortexMachines.SECOND;
import static io.jnetdev.drivers.vortex.VortexMachines.boot;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c595;
import static io.jnetdev.drivers.vortex.VortexMachines.c3c905c;
import static io.jnetdev.drivers.vortex.VortexMachines.dev;
import static io.jnetdev.drivers.vortex.VortexMachines.function;
import static io.jnetdev.drivers.vortex.VortexMachines.vp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.hw.models.vortex.Vortex;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.irq.IrqDesc;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 3c59x driver against the 3c595 and 3c905C models on a booted machine: probe (the EEPROM's
 * address, PIO or bus master by capability, the register BAR), the module and its parameters,
 * the shared INTx line once up, the link from the media timer, and a command that never completes.
 */
class VortexDriverTest {

    private static Supplier<PciFunctionModel> chip(String name) {
        return name.equals("3c595") ? c3c595(MAC_A) : c3c905c(MAC_A);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"3c595, false, true, 0", "3c905C, true, false, 1"})
    void probeReadsTheEepromAddressChoosesPioOrBusMasterAndOpensOnASharedIntxLine(String chip, boolean busMaster,
            boolean ioBar, int bar) throws ErrnoException {
        long seed = chip.hashCode() & 0xFF;
        Machine m = boot(seed, Map.of(), chip(chip), null);
        NetDeviceImpl dev = dev(m, "eth0");
        VortexPrivate vp = vp(m, "eth0");
        assertThat(function(m, 3).driver().name()).as("seed %d\n%s", seed, m.dmesg()).isEqualTo("3c59x");
        assertThat(dev.macAddress()).as("seed %d: MAC from EEPROM words 10..12", seed).isEqualTo(new MacAddress(MAC_A));
        assertThat(vp.fullBusMasterTx).as("seed %d: bus master from the EEPROM capabilities", seed).isEqualTo(busMaster);
        assertThat(vp.fullBusMasterRx != 0).as("seed %d", seed).isEqualTo(busMaster);
        assertThat(vp.tx).as("seed %d", seed).isInstanceOf(busMaster ? BoomerangTx.class : VortexTx.class);
        assertThat(vp.io.ioaddr.isIo()).as("seed %d: Linux maps BAR1 (MMIO) on Tornado, the I/O BAR0 on Vortex", seed).isEqualTo(ioBar);
        assertThat(vp.io.ioaddr.bar()).as("seed %d", seed).isEqualTo(bar);

        assertThat(m.modules().lsmod()).as("seed %d", seed).contains("3c59x");
        assertThat(m.sysfs().cat("/sys/module/3c59x/parameters/max_interrupt_work").strip()).isEqualTo("32");
        assertThat(m.sysfs().cat("/sys/module/3c59x/parameters/rx_copybreak").strip()).isEqualTo("200");
        assertThat(m.sysfs().cat("/sys/module/3c59x/parameters/watchdog").strip()).isEqualTo("5000");

        m.net().devOpen(dev);
        IrqDesc desc = m.irqCore().desc(vp.irq);
        assertThat(desc.actions()).as("seed %d", seed).singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo("eth0"))
                .satisfies(a -> assertThat(a.shared()).as("IRQF_SHARED").isTrue());
        assertThat(m.procInterrupts()).as("seed %d", seed).containsPattern("IO-APIC\\s+" + vp.irq + "-fasteoi\\s+eth0");
        // the media timer's first check (1.4 s for 100baseTX, 3 s for NWay) follows the link
        m.run(3500 * MS);
        assertThat(dev.carrierOk()).as("seed %d: carrier from the media timer\n%s", seed, m.dmesg()).isTrue();
        assertThat(vp.linkSpeed).as("seed %d", seed).isEqualTo(100);
        assertThat(vp.timer.runs).as("seed %d", seed).isPositive();

        m.net().devClose(dev);
        assertThat(m.irqCore().desc(vp.irq).actions()).as("seed %d: free_irq at close", seed).isEmpty();
        m.rmmod("3c59x");
        assertThat(m.net().skbsInUse()).as("seed %d: the ring's skbs are freed", seed).isZero();
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }

    @Test
    void maxInterruptWorkSetAtModprobeReachesTheDriver() throws ErrnoException {
        long seed = 7;
        Machine m = boot(seed, Map.of("max_interrupt_work", "5", "rx_copybreak", "1600", "watchdog", "2000"), c3c905c(MAC_A), null);
        VortexPrivate vp = vp(m, "eth0");
        assertThat(vp.maxInterruptWork).as("seed %d", seed).isEqualTo(5);
        assertThat(vp.rxCopybreak).as("seed %d", seed).isEqualTo(1600);
        assertThat(m.sysfs().cat("/sys/module/3c59x/parameters/max_interrupt_work").strip()).isEqualTo("5");
    }

    @Test
    void aCommandThatNeverCompletesFailsOpenWithALogLineInsteadOfSpinning() throws ErrnoException {
        long seed = 8;
        Machine m = boot(seed, Map.of(), chip("3c905C"), null);
        NetDeviceImpl dev = dev(m, "eth0");
        Vortex card = (Vortex) function(m, 3).model();
        card.stickCommands(true);
        long before = m.engine().now();
        assertThatThrownBy(() -> m.net().devOpen(dev)).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));
        long waited = m.engine().now() - before;
        // the status word names CmdInProgress (bit 12) still set; bits 15:13 are the window
        assertThat(m.dmesg()).as("seed %d", seed).containsPattern("eth0: command 0x5800 did not complete! Status=0x[13579bdf][0-9a-f]{3}\n");
        assertThat(vp(m, "eth0").io.commandTimeouts).as("seed %d", seed).isEqualTo(1);
        // about a second of polling, not more
        assertThat(waited).as("seed %d: virtual time spent polling", seed).isBetween(SECOND, 3 * SECOND);
        assertThat(dev.running()).as("seed %d", seed).isFalse();
        assertThat(m.irqCore().desc(vp(m, "eth0").irq).actions()).as("seed %d: IRQ released after the failed open", seed).isEmpty();
        card.stickCommands(false);
        m.net().devOpen(dev);
        assertThat(dev.running()).as("seed %d: the card works again once the command unit does", seed).isTrue();
        m.net().devClose(dev);
        assertThat(m.violations().all()).as("seed %d", seed).isEmpty();
    }
}
