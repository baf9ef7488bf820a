package io.jnetdev.cli;

import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.edu.EduDevice;
import io.jnetdev.hw.models.testnic.TestNic;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;

/**
 * The machine used when no machine file is given: 2 CPUs and a PCI bus with the device models
 * this project has so far: two of QEMU's {@code edu} teaching devices, in slots whose INTx pins
 * share one IO-APIC line, and the jnetdev test NIC (eth0) until the models of real cards land.
 */
final class DefaultMachine {
    /** Slots 3 and 7 swizzle to the same PCI interrupt line (PIRQ D, IRQ 19). */
    static final int[] EDU_SLOTS = {3, 7};
    /** The test NIC: 0000:00:04.0, eth0. */
    static final int TESTNIC_SLOT = 4;

    private DefaultMachine() {}

    static MachineConfig config(MachineOptions options) {
        MachineConfig.Builder b = MachineConfig.builder().cpus(options.cpus).seed(options.seed);
        for (int slot : EDU_SLOTS) {
            b.slot(slot, EduDevice::new);
        }
        b.slot(TESTNIC_SLOT, TestNic::new);
        return b.build();
    }

    static Machine boot(MachineOptions options) {
        Machine m = Machine.create(config(options));
        // A stand-in for ip_rcv until the machine has an IP stack: IPv4 frames are delivered (and
        // cost the protocol work of the cost model), then freed.
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        return m.boot(DefaultMachine.class.getClassLoader());
    }
}
