package io.jnetdev.runtime.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.Errno;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.klog.Violation;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * D3: a failed probe leaves nothing behind — managed resources are released newest first, and
 * what the driver acquired by hand and kept is reported and reclaimed. D5: "rejects match" lets the
 * next driver try. Bad input: a probe that throws is contained.
 */
class DevresUnwindTest {
    private static final String DEV = "0000:00:03.0";

    private static Machine machine() {
        return Machines.booted(MachineConfig.builder().seed(41).slot(3, () -> TestPciModel.builder().msi(1).build()));
    }

    @Test
    void managedResourcesAreReleasedInReverseOrderWhenProbeFails() throws Exception {
        Machine m = machine();
        long memoryBefore = m.memory().bytesInUse();
        List<String> released = new ArrayList<>();
        TestDriver drv = new TestDriver("unwind", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((dev, id) -> {
            dev.pcimEnableDevice();
            dev.devmAddAction("first", () -> released.add("first"));
            dev.pcimIomapRegions(1, "unwind");
            dev.dmamAllocCoherent(8192);
            dev.devmAddAction("second", () -> released.add("second"));
            dev.allocIrqVectors(1, 1, IrqVectorFlags.MSI);
            dev.devmAddAction("vectors", dev::freeIrqVectors);
            dev.devmRequestIrq(dev.irqVector(0), irq -> IrqReturn.NONE, 0, "unwind", dev);
            dev.devmAddAction("third", () -> released.add("third"));
            return ProbeResult.fail(Errno.EIO, "firmware missing");
        });
        m.modules().addAvailable("unwind", () -> new TestModule("unwind", drv));

        m.modprobe("unwind", Map.of());

        assertThat(released).containsExactly("third", "second", "first");
        List<ProbeTrace.Step> cleanup = m.trace().steps().stream().filter(s -> s.function().equals("device_unbind_cleanup")).toList();
        assertThat(cleanup).hasSize(1);
        assertThat(cleanup.getFirst().note()).isEqualTo("devres_release_all: devm_add_action third, devm_request_irq 24, "
                + "devm_add_action vectors, devm_add_action second, dmam_alloc_coherent 8192@0x100000, "
                + "pcim_iomap_regions BAR0, devm_add_action first, pcim_enable_device");
        assertThat(m.pci().function(DEV).orElseThrow().driver()).isNull();
        assertThat(m.memory().bytesInUse()).isEqualTo(memoryBefore);
        assertThat(m.irqCore().actionsOwnedBy(DEV)).isEmpty();
        assertThat(m.dmesg()).contains("probe with driver unwind failed with error -5 (firmware missing)");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void unmanagedLeftoversAreReportedAsD3AndReclaimed() throws Exception {
        Machine m = machine();
        long memoryBefore = m.memory().bytesInUse();
        TestDriver drv = new TestDriver("leaky", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((dev, id) -> {
            dev.enableDevice();
            dev.dmaAllocCoherent(4096);
            dev.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
            dev.requestIrq(dev.irqVector(0), irq -> IrqReturn.NONE, IrqFlags.SHARED, "leaky", dev);
            return ProbeResult.fail(Errno.ENOMEM, "out of rings");
        });
        m.modules().addAvailable("leaky", () -> new TestModule("leaky", drv));

        m.modprobe("leaky", Map.of());

        List<Violation> d3 = m.violations().ofRule("D3");
        assertThat(d3).hasSize(1);
        assertThat(d3.getFirst().device()).isEqualTo(DEV);
        assertThat(d3.getFirst().driver()).isEqualTo("leaky");
        assertThat(d3.getFirst().message()).contains("coherent DMA buffer 4096 bytes").contains("INTX vector")
                .contains("IRQ 19 (leaky)").contains("pci_enable_device count 1");
        assertThat(m.memory().bytesInUse()).isEqualTo(memoryBefore);
        assertThat(m.irqCore().actionsOwnedBy(DEV)).isEmpty();
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/enable")).isEqualTo("0\n");
    }

    @Test
    void probeThatThrowsIsContainedAndTheMachineGoesOn() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(42)
                .slot(3, () -> TestPciModel.builder().build())
                .slot(4, () -> TestPciModel.builder().ids(0x1AF4, 0x0002).build()));
        TestDriver broken = new TestDriver("broken", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((dev, id) -> {
            dev.pcimEnableDevice();
            throw new NullPointerException("ring is null");
        });
        TestDriver fine = new TestDriver("fine", PciDeviceId.of(0x1AF4, 0x0002));
        m.modules().addAvailable("broken", () -> new TestModule("broken", broken));
        m.modules().addAvailable("fine", () -> new TestModule("fine", fine));

        m.modprobe("broken", Map.of());
        m.modprobe("fine", Map.of());

        assertThat(m.violations().ofRule("BUG")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("probe threw java.lang.NullPointerException: ring is null"));
        assertThat(m.pci().function(DEV).orElseThrow().driver()).isNull();
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/" + DEV + "/enable")).as("pcim enable undone").isEqualTo("0\n");
        assertThat(m.pci().function("0000:00:04.0").orElseThrow().driver().name()).isEqualTo("fine");
    }

    @Test
    void rejectsMatchLetsTheNextDriverBind() throws Exception {
        Machine m = Machines.booted(MachineConfig.builder().seed(43));
        TestDriver picky = new TestDriver("picky", PciDeviceId.of(0x1AF4, 0x0001))
                .onProbe((dev, id) -> ProbeResult.rejectsMatch("revision 1 is not mine"));
        TestDriver generic = new TestDriver("generic", PciDeviceId.ofClass(0x02_0000, 0xFF_0000));
        m.modules().addAvailable("both", () -> new TestModule("both", picky, generic));
        m.modprobe("both", Map.of());

        m.hotplug(3, TestPciModel.builder().build());

        assertThat(picky.events()).containsExactly("probe " + DEV);
        assertThat(m.pci().function(DEV).orElseThrow().driver().name()).isEqualTo("generic");
        assertThat(m.log().lines()).anySatisfy(l -> assertThat(l.text()).contains("rejects match -19"));
        assertThat(m.violations().all()).isEmpty();
    }
}
