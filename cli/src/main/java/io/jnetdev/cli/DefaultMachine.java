package io.jnetdev.cli;

import io.jnetdev.cli.machine.MachineFile;
import io.jnetdev.runtime.Machine;

/**
 * The machine used when no machine file is given, described by {@code machines/default.yaml}:
 * 2 CPUs and a PCI bus with two of QEMU's {@code edu} teaching devices, in slots whose INTx pins
 * share one IO-APIC line; two Intel 82574L cards (driven by e1000e) joined by a crossover cable; a
 * 3Com 3c595 Vortex and a 3c905C Tornado (driven by 3c59x) joined by a cable, in slots that share
 * one INTx line; and a DEC 21143 (driven by tulip) with its cable in and nothing at the other end
 * but what a traffic generator offers. The constants say where things are, for code and tests
 * that look at them; the file is what builds the machine.
 */
final class DefaultMachine {
    /** Slots 3 and 7 swizzle to the same PCI interrupt line (PIRQ D, IRQ 19). */
    static final int[] EDU_SLOTS = {3, 7};
    /** The first 82574L: 0000:00:04.0, eth0. */
    static final int ETH0_SLOT = 4;
    /** The second 82574L: 0000:00:05.0, eth1, cabled to eth0. */
    static final int ETH1_SLOT = 5;
    /** The 3c595 Vortex: 0000:00:06.0, INTx on PIRQ C (IRQ 18). */
    static final int VORTEX_SLOT = 6;
    /** The 3c905C: 0000:00:0a.0, cabled to the 3c595; slot 10 swizzles to IRQ 18 as well. */
    static final int BOOMERANG_SLOT = 10;
    /** The 21143: 0000:00:08.0, INTx on PIRQ A (IRQ 16). */
    static final int TULIP_SLOT = 8;
    /** eth0's address: QEMU's default 52:54:00:12:34:56. */
    static final long ETH0_MAC = 0x5254_0012_3456L;
    /** eth1's address: the next one. */
    static final long ETH1_MAC = ETH0_MAC + 1;
    /** The 3c595's address, in 3Com's block 00:04:75. */
    static final long VORTEX_MAC = 0x0004_7512_3456L;
    /** The 3c905C's address: the next one. */
    static final long BOOMERANG_MAC = VORTEX_MAC + 1;
    /** The 21143's address, in DEC's block 08:00:2b. */
    static final long TULIP_MAC = 0x0800_2B12_3456L;

    private DefaultMachine() {}

    /** Boots the default machine, or with {@code options} the machine they name. */
    static Machine boot(MachineOptions options) {
        try {
            return options.boot().machine();
        } catch (io.jnetdev.cli.machine.MachineFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The default machine's description, read from {@value MachineFile#DEFAULT_RESOURCE}. */
    static io.jnetdev.cli.machine.MachineDescription description() {
        return MachineFile.defaultMachine();
    }
}
