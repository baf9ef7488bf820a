package io.jnetdev.runtime.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** D1/D2: a deferred device waits on the pending list and is probed again after every successful bind. */
class DeferredProbeRetryTest {

    @Test
    void deferredDeviceBindsOnceAnotherBindSucceeds() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(31)
                .slot(3, () -> TestPciModel.builder().ids(0x1AF4, 0x0001).build())
                .slot(4, () -> TestPciModel.builder().ids(0x1AF4, 0x0002).build()));
        AtomicBoolean supplierReady = new AtomicBoolean(false);
        TestDriver consumer = new TestDriver("consumer", PciDeviceId.of(0x1AF4, 0x0001))
                .onProbe((dev, id) -> supplierReady.get() ? ProbeResult.bound() : ProbeResult.defer("supplier not bound yet"));
        TestDriver supplier = new TestDriver("supplier", PciDeviceId.of(0x1AF4, 0x0002))
                .onProbe((dev, id) -> {
                    supplierReady.set(true);
                    return ProbeResult.bound();
                });
        m.modules().addAvailable("consumer", () -> new TestModule("consumer", consumer));
        m.modules().addAvailable("supplier", () -> new TestModule("supplier", supplier));

        m.modprobe("consumer", Map.of());
        assertThat(m.driverCore().deferredDevices()).extracting(Device::name).containsExactly("0000:00:03.0");
        assertThat(m.pci().function("0000:00:03.0").orElseThrow().driver()).isNull();

        m.modprobe("supplier", Map.of());

        assertThat(consumer.events()).containsExactly("probe 0000:00:03.0", "probe 0000:00:03.0");
        assertThat(m.pci().function("0000:00:03.0").orElseThrow().driver().name()).isEqualTo("consumer");
        assertThat(m.driverCore().deferredDevices()).isEmpty();
        assertThat(m.trace().functionsFor("0000:00:03.0")).contains("driver_deferred_probe_add", "deferred_probe_work_func");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void throwingEprobeDeferAndInjectedDeferralBothDefer() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(32).slot(3, () -> TestPciModel.builder().build()));
        int[] calls = {0};
        TestDriver drv = new TestDriver("d", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((dev, id) -> {
            if (calls[0]++ == 0) {
                throw new ErrnoException(Errno.EPROBE_DEFER, "clock not ready");
            }
            return ProbeResult.bound();
        });
        m.modules().addAvailable("d", () -> new TestModule("d", drv));
        m.modprobe("d", Map.of());
        assertThat(m.driverCore().deferredDevices()).hasSize(1);

        // Any successful bind triggers the retry; a hot-plugged device bound by another driver will do.
        m.faults().deferProbe("late", 1);
        TestDriver late = new TestDriver("late", PciDeviceId.of(0x1AF4, 0x0005));
        m.modules().addAvailable("late", () -> new TestModule("late", late));
        m.modprobe("late", Map.of());
        m.hotplug(9, TestPciModel.builder().ids(0x1AF4, 0x0005).build());

        assertThat(late.events()).as("the injected deferral kept the driver's probe from running").isEmpty();
        assertThat(m.driverCore().deferredDevices()).extracting(Device::name)
                .containsExactlyInAnyOrder("0000:00:03.0", "0000:00:09.0");
        assertThat(calls[0]).as("0000:00:03.0 is still waiting: nothing bound yet").isEqualTo(1);

        m.hotplug(10, TestPciModel.builder().ids(0x1AF4, 0x0005).build());

        assertThat(m.pci().function("0000:00:0a.0").orElseThrow().driver().name()).isEqualTo("late");
        assertThat(m.pci().function("0000:00:03.0").orElseThrow().driver().name()).isEqualTo("d");
        assertThat(m.pci().function("0000:00:09.0").orElseThrow().driver().name()).isEqualTo("late");
        assertThat(m.driverCore().deferredDevices()).isEmpty();
    }
}
