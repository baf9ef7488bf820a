package io.jnetdev.runtime.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * D4: on every way a device loses its driver — sysfs unbind, rmmod, hot-unplug — remove() runs
 * first and managed resources are released after it returns (a devm IRQ is still installed during
 * remove). A remove that forgets an unmanaged resource is reported and the resource reclaimed.
 */
class RemoveOrderTest {
    private static final String DEV = "0000:00:03.0";

    private record Setup(Machine machine, List<String> order) {}

    private static Setup bound() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(51).slot(3, () -> TestPciModel.builder().build()));
        List<String> order = new ArrayList<>();
        TestDriver drv = new TestDriver("ordered", PciDeviceId.of(0x1AF4, 0x0001))
                .onProbe((dev, id) -> {
                    dev.pcimEnableDevice();
                    dev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
                    dev.devmAddAction("vectors", dev::freeIrqVectors);
                    dev.devmRequestIrq(dev.irqVector(0), irq -> IrqReturn.NONE, IrqFlags.SHARED, "ordered", dev);
                    dev.devmAddAction("devm action", () -> order.add("devres"));
                    return ProbeResult.bound();
                })
                .onRemove(dev -> order.add("remove, irq handlers installed: " + m.irqCore().actionsOwnedBy(DEV).size()));
        m.modules().addAvailable("ordered", () -> new TestModule("ordered", drv));
        m.modprobe("ordered", Map.of());
        return new Setup(m, order);
    }

    private static void assertRemovedInOrder(Setup s) {
        assertThat(s.order()).containsExactly("remove, irq handlers installed: 1", "devres");
        assertThat(s.machine().irqCore().actionsOwnedBy(DEV)).isEmpty();
        assertThat(s.machine().violations().all()).isEmpty();
    }

    @Test
    void sysfsUnbind() throws Exception {
        Setup s = bound();
        s.machine().sysfs().write("/sys/bus/pci/drivers/ordered/unbind", DEV);
        assertRemovedInOrder(s);
        assertThat(s.machine().pci().function(DEV).orElseThrow().driver()).isNull();
    }

    @Test
    void rmmod() throws Exception {
        Setup s = bound();
        s.machine().rmmod("ordered");
        assertRemovedInOrder(s);
        assertThat(s.machine().pci().drivers()).isEmpty();
    }

    @Test
    void hotUnplug() throws Exception {
        Setup s = bound();
        s.machine().unplug(3);
        assertRemovedInOrder(s);
        assertThat(s.machine().pci().functions()).isEmpty();
        assertThat(s.machine().trace().functionsFor(DEV)).containsSubsequence("device_del", "__device_release_driver",
                "device_remove", "device_unbind_cleanup");
    }

    @Test
    void removeThatForgetsAnUnmanagedResourceIsReportedAsD4() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(52).slot(3, () -> TestPciModel.builder().build()));
        Consumer<io.jnetdev.api.pci.PciDev> forgetful = dev -> { };
        TestDriver drv = new TestDriver("forgetful", PciDeviceId.of(0x1AF4, 0x0001))
                .onProbe((dev, id) -> {
                    dev.enableDevice();
                    dev.requestRegions("forgetful");
                    return ProbeResult.bound();
                })
                .onRemove(forgetful);
        m.modules().addAvailable("forgetful", () -> new TestModule("forgetful", drv));
        m.modprobe("forgetful", Map.of());

        m.unplug(3);

        assertThat(m.violations().ofRule("D4")).singleElement().satisfies(v -> {
            assertThat(v.device()).isEqualTo(DEV);
            assertThat(v.message()).contains("region BAR0 (forgetful)").contains("pci_enable_device count 1");
        });
    }

    @Test
    void debugTestDriverRemoveProbesRemovesAndProbesAgain() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(53).testDriverRemove(true)
                .slot(3, () -> TestPciModel.builder().build()));
        TestDriver drv = new TestDriver("twice", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((dev, id) -> {
            dev.pcimEnableDevice();
            return ProbeResult.bound();
        });
        m.modules().addAvailable("twice", () -> new TestModule("twice", drv));

        m.modprobe("twice", Map.of());

        assertThat(drv.events()).containsExactly("probe " + DEV, "remove " + DEV, "probe " + DEV);
        assertThat(m.pci().function(DEV).orElseThrow().driver().name()).isEqualTo("twice");
        assertThat(m.violations().all()).isEmpty();
    }
}
