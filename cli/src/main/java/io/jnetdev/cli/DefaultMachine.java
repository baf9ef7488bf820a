package io.jnetdev.cli;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.NicModel;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.models.edu.EduDevice;
import io.jnetdev.hw.models.tulip.Tulip;
import io.jnetdev.hw.models.vortex.Vortex;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;

/**
 * The machine used when no machine file is given: 2 CPUs and a PCI bus with two of QEMU's
 * {@code edu} teaching devices, in slots whose INTx pins share one IO-APIC line; two Intel 82574L
 * cards (driven by e1000e) joined by a crossover cable; a 3Com 3c595 Vortex and a 3c905C Tornado
 * (driven by 3c59x) joined by a cable, in slots that share one INTx line; and a DEC 21143 (driven
 * by tulip) with its cable in and nothing at the other end but what a traffic generator offers.
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
    static final long ETH0_MAC = E1000e.DEFAULT_MAC;
    /** eth1's address: the next one. */
    static final long ETH1_MAC = E1000e.DEFAULT_MAC + 1;
    /** The 3c595's address, in 3Com's block 00:04:75. */
    static final long VORTEX_MAC = 0x0004_7512_3456L;
    /** The 3c905C's address: the next one. */
    static final long BOOMERANG_MAC = VORTEX_MAC + 1;
    /** The 21143's address, in DEC's block 08:00:2b. */
    static final long TULIP_MAC = 0x0800_2B12_3456L;

    private DefaultMachine() {}

    static MachineConfig config(MachineOptions options) {
        MachineConfig.Builder b = MachineConfig.builder().cpus(options.cpus).seed(options.seed);
        for (int slot : EDU_SLOTS) {
            b.slot(slot, EduDevice::new);
        }
        b.slot(ETH0_SLOT, () -> new E1000e(ETH0_MAC));
        b.slot(ETH1_SLOT, () -> new E1000e(ETH1_MAC));
        b.slot(VORTEX_SLOT, () -> Vortex.c3c595(VORTEX_MAC));
        b.slot(TULIP_SLOT, () -> Tulip.dec21143(TULIP_MAC));
        b.slot(BOOMERANG_SLOT, () -> Vortex.c3c905c(BOOMERANG_MAC));
        return b.build();
    }

    static Machine boot(MachineOptions options) {
        Machine m = Machine.create(config(options));
        // A stand-in for ip_rcv until the machine has an IP stack: IPv4 frames are delivered (and
        // cost the protocol work of the cost model), then freed.
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.boot(DefaultMachine.class.getClassLoader());
        Cable.connect(m.wireContext(), card(m, ETH0_SLOT).port(), card(m, ETH1_SLOT).port());
        Cable.connect(m.wireContext(), card(m, VORTEX_SLOT).port(), card(m, BOOMERANG_SLOT).port());
        return m;
    }

    /** The card model in {@code slot} (the cables join the cards, whether or not a driver bound them). */
    private static NicModel card(Machine m, int slot) {
        return (NicModel) m.pci().function(slot).orElseThrow(() -> new IllegalStateException("no card in slot " + slot)).model();
    }
}
