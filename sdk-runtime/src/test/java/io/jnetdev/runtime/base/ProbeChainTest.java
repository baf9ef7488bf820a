package io.jnetdev.runtime.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe call chain is Linux's, step by step, from both sides. */
class ProbeChainTest {

    @Test
    void driverSideChainFromModuleInitToDriverBound() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().slot(3, () -> TestPciModel.builder().build()));
        TestDriver drv = new TestDriver("testnic", PciDeviceId.of(0x1AF4, 0x0001));
        m.modules().addAvailable("testnic", () -> new TestModule("testnic", drv));

        m.modprobe("testnic", Map.of());

        assertThat(drv.events()).containsExactly("probe 0000:00:03.0");
        assertThat(m.trace().functionsFor("0000:00:03.0")).containsSubsequence(
                "module_init", "__pci_register_driver", "driver_register", "bus_add_driver", "driver_attach",
                "bus_for_each_dev", "__driver_attach", "driver_match_device", "driver_probe_device", "really_probe",
                "call_driver_probe", "pci_device_probe", "local_pci_probe", "drv->probe", "driver_bound");
        assertThat(m.pci().function("0000:00:03.0").orElseThrow().driver().name()).isEqualTo("testnic");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void deviceSideChainForHotplug() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder());
        TestDriver drv = new TestDriver("testnic", PciDeviceId.of(0x1AF4, 0x0001));
        m.modules().addAvailable("testnic", () -> new TestModule("testnic", drv));
        m.modprobe("testnic", Map.of());
        m.trace().clear();

        m.hotplug(5, TestPciModel.builder().build());

        assertThat(m.trace().functionsFor("0000:00:05.0")).containsSubsequence(
                "device_add", "bus_probe_device", "__device_attach", "__device_attach_driver", "driver_match_device",
                "driver_probe_device", "really_probe", "call_driver_probe", "pci_device_probe", "driver_bound");
        assertThat(drv.events()).containsExactly("probe 0000:00:05.0");
    }
}
