package io.jnetdev.drivers.edu;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.hw.models.edu.EduDevice;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.irq.InterruptController;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.pci.PciFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edu driver, found by ServiceLoader, against the edu model: probe, interrupt modes, shared
 * INTx, and teardown that leaves nothing behind.
 */
class EduDriverTest {
    private static final String DEV_A = "0000:00:03.0";
    private static final String DEV_B = "0000:00:07.0";

    private static Machine boot(MachineConfig.Builder b, Map<String, String> params) {
        Machine m = Machine.create(b.slot(3, EduDevice::new).slot(7, EduDevice::new)
                .modules(Map.of("edu", params)).build());
        return m.boot(EduDriverTest.class.getClassLoader());
    }

    private static PciFunction fn(Machine m, String name) {
        return m.pci().function(name).orElseThrow();
    }

    private static EduDevState state(Machine m, String name) {
        return fn(m, name).handle().drvData(EduDevState.class);
    }

    @Test
    void serviceLoaderFindsTheModuleAndProbeBindsBothDevicesOnMsi() {
        Machine m = boot(MachineConfig.builder().seed(11), Map.of());

        assertThat(m.modules().available()).contains("edu");
        for (String dev : new String[] {DEV_A, DEV_B}) {
            assertThat(fn(m, dev).driver().name()).as(dev).isEqualTo("edu");
            assertThat(fn(m, dev).irqMode()).isEqualTo(IrqMode.MSI);
            assertThat(state(m, dev).interruptsHandled()).as("self-test interrupt of %s", dev).isEqualTo(1);
        }
        assertThat(m.procInterrupts()).contains("PCI-MSI-" + DEV_A).contains("PCI-MSI-" + DEV_B);
        assertThat(m.dmesg()).contains("edu " + DEV_A + ": edu 1.0, MSI, IRQ");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void withoutMsiBothDevicesShareOneIntxLine() {
        Machine m = boot(MachineConfig.builder().seed(12), Map.of("use_msi", "N"));

        int gsi = InterruptController.intxGsi(3, 1);
        assertThat(InterruptController.intxGsi(7, 1)).isEqualTo(gsi);
        assertThat(fn(m, DEV_A).irqMode()).isEqualTo(IrqMode.INTX);
        assertThat(state(m, DEV_A).irq()).isEqualTo(gsi);
        assertThat(state(m, DEV_B).irq()).isEqualTo(gsi);
        assertThat(m.irqCore().desc(gsi).actions()).hasSize(2);
        // Each self-test interrupt reached both handlers; only the raiser claimed it.
        assertThat(state(m, DEV_A).interruptsHandled()).isEqualTo(1);
        assertThat(state(m, DEV_B).interruptsHandled()).isEqualTo(1);
        assertThat(m.irqCore().desc(gsi).totalCount()).isEqualTo(2);
        assertThat(m.irqCore().desc(gsi).unhandledTotal()).isZero();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void injectedMsiFailureFallsBackToIntx() throws Exception {
        Machine m = Machine.create(MachineConfig.builder().slot(3, EduDevice::new).modules(Map.of()).build());
        m.boot(EduDriverTest.class.getClassLoader());
        m.faults().failMsiAllocation(1);

        m.modprobe("edu", Map.of());

        assertThat(fn(m, DEV_A).irqMode()).isEqualTo(IrqMode.INTX);
        assertThat(state(m, DEV_A).interruptsHandled()).isEqualTo(1);
        assertThat(m.dmesg()).contains("MSI allocation failed (injected fault)");
    }

    @Test
    void factorialInterruptArrivesAfterItsVirtualTime() {
        Machine m = boot(MachineConfig.builder().seed(13), Map.of());
        EduDevState s = state(m, DEV_A);

        s.regs().write32(0x20, 0x80); // interrupt when the factorial is done
        s.regs().write32(0x08, 10);
        assertThat(s.regs().read32(0x20) & 0x1).as("computing").isEqualTo(1);
        m.run(9 * EduDevice.NANOS_PER_MULTIPLY);
        assertThat(s.interruptsHandled()).isEqualTo(1);
        m.run(2 * EduDevice.NANOS_PER_MULTIPLY);

        assertThat(s.regs().read32(0x08)).isEqualTo(3_628_800);
        assertThat(s.interruptsHandled()).isEqualTo(2);
        assertThat(s.lastStatus()).isEqualTo(0x1);
    }

    @Test
    void rmmodAndHotUnplugLeaveNothingBehind() throws Exception {
        Machine m = boot(MachineConfig.builder().seed(14), Map.of());
        long memoryBefore = m.memory().bytesInUse();

        m.unplug(7);
        assertThat(m.dmesg()).contains("edu " + DEV_B + ": removed after 1 interrupt(s)");
        assertThat(m.irqCore().actionsOwnedBy(DEV_B)).isEmpty();

        m.rmmod("edu");
        assertThat(m.irqCore().actionsOwnedBy(DEV_A)).isEmpty();
        assertThat(fn(m, DEV_A).driver()).isNull();
        assertThat(fn(m, DEV_A).irqMode()).isEqualTo(IrqMode.NONE);
        assertThat(m.memory().bytesInUse()).isEqualTo(memoryBefore);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void survivesDebugKernelChecks() throws Exception {
        // CONFIG_DEBUG_TEST_DRIVER_REMOVE probes, removes and probes again; CONFIG_DEBUG_SHIRQ calls
        // the shared handler once more after free_irq. The driver must take both without a warning.
        Machine m = boot(MachineConfig.builder().seed(15).testDriverRemove(true).debugShirq(true), Map.of("use_msi", "N"));
        assertThat(fn(m, DEV_A).driver().name()).isEqualTo("edu");
        assertThat(m.trace().functionsFor(DEV_A)).contains("test_remove");

        m.rmmod("edu");

        assertThat(m.violations().all()).isEmpty();
    }
}
