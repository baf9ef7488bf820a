package io.jnetdev.cli;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.models.edu.EduDevice;
import io.jnetdev.hw.wire.Cable;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;

/**
 * The machine used when no machine file is given: 2 CPUs and a PCI bus with two of QEMU's
 * {@code edu} teaching devices, in slots whose INTx pins share one IO-APIC line, and two Intel
 * 82574L cards (eth0 and eth1, driven by e1000e) joined by a crossover cable.
 */
final class DefaultMachine {
    /** Slots 3 and 7 swizzle to the same PCI interrupt line (PIRQ D, IRQ 19). */
    static final int[] EDU_SLOTS = {3, 7};
    /** The first 82574L: 0000:00:04.0, eth0. */
    static final int ETH0_SLOT = 4;
    /** The second 82574L: 0000:00:05.0, eth1, cabled to eth0. */
    static final int ETH1_SLOT = 5;
    /** eth0's address: QEMU's default 52:54:00:12:34:56. */
    static final long ETH0_MAC = E1000e.DEFAULT_MAC;
    /** eth1's address: the next one. */
    static final long ETH1_MAC = E1000e.DEFAULT_MAC + 1;

    private DefaultMachine() {}

    static MachineConfig config(MachineOptions options) {
        MachineConfig.Builder b = MachineConfig.builder().cpus(options.cpus).seed(options.seed);
        for (int slot : EDU_SLOTS) {
            b.slot(slot, EduDevice::new);
        }
        b.slot(ETH0_SLOT, () -> new E1000e(ETH0_MAC));
        b.slot(ETH1_SLOT, () -> new E1000e(ETH1_MAC));
        return b.build();
    }

    static Machine boot(MachineOptions options) {
        Machine m = Machine.create(config(options));
        // A stand-in for ip_rcv until the machine has an IP stack: IPv4 frames are delivered (and
        // cost the protocol work of the cost model), then freed.
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.boot(DefaultMachine.class.getClassLoader());
        Cable.connect(m.wireContext(), card(m, ETH0_SLOT).port(), card(m, ETH1_SLOT).port());
        return m;
    }

    /** The 82574L model in {@code slot} (the cable joins the cards, whether or not a driver bound them). */
    private static E1000e card(Machine m, int slot) {
        return (E1000e) m.pci().function(slot).orElseThrow(() -> new IllegalStateException("no card in slot " + slot)).model();
    }
}
