package io.jnetdev.cli;

import io.jnetdev.hw.models.edu.EduDevice;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;

/**
 * The machine used when no machine file is given: 2 CPUs and a PCI bus with the device models
 * this project has so far. Until the NIC models land that is two of QEMU's {@code edu} teaching
 * devices, in slots whose INTx pins share one IO-APIC line.
 */
final class DefaultMachine {
    /** Slots 3 and 7 swizzle to the same PCI interrupt line (PIRQ D, IRQ 19). */
    static final int[] EDU_SLOTS = {3, 7};

    private DefaultMachine() {}

    static MachineConfig config(MachineOptions options) {
        MachineConfig.Builder b = MachineConfig.builder().cpus(options.cpus).seed(options.seed);
        for (int slot : EDU_SLOTS) {
            b.slot(slot, EduDevice::new);
        }
        return b.build();
    }

    static Machine boot(MachineOptions options) {
        return Machine.create(config(options)).boot(DefaultMachine.class.getClassLoader());
    }
}
