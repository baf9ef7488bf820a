package io.jnetdev.runtime.pci;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Multiple-message MSI: the device ORs the vector number into the low bits of the message data,
 * so the block of IRQs behind it must be a power of two, aligned to its size; and
 * {@code pci_alloc_irq_vectors} never returns fewer than {@code min} (rule D13).
 */
class MsiMultiMessageTest {
    private final Map<String, PciDev> devs = new HashMap<>();
    private final Map<String, TestPciModel> models = new HashMap<>();
    private Machine m;

    /** Slot 3: a device with 3 MSI-X vectors; slot 4: a device with 4 MSI messages. */
    private void boot() throws ErrnoException {
        TestPciModel msix = TestPciModel.builder().ids(0x1AF4, 0x0001).msix(3).build();
        TestPciModel msi = TestPciModel.builder().ids(0x1AF4, 0x0002).msi(4).build();
        models.put("msix", msix);
        models.put("msi", msi);
        m = Machines.booted(MachineConfig.builder().slot(3, () -> msix).slot(4, () -> msi));
        TestDriver drv = new TestDriver("mmnic", PciDeviceId.of(0x1AF4, 0x0001), PciDeviceId.of(0x1AF4, 0x0002))
                .onProbe((d, id) -> {
                    d.enableDevice();
                    devs.put(d.device() == 1 ? "msix" : "msi", d);
                    return ProbeResult.bound();
                });
        m.modules().addAvailable("mmnic", () -> new TestModule("mmnic", drv));
        m.modprobe("mmnic", Map.of());
    }

    @Test
    void eachMsiMessageReachesItsOwnVectorAfterAnotherDeviceTookIrqs() throws Exception {
        boot();
        PciDev a = devs.get("msix");
        PciDev b = devs.get("msi");
        assertThat(a.allocIrqVectors(3, 3, IrqVectorFlags.MSIX)).isEqualTo(3);
        assertThat(b.allocIrqVectors(4, 4, IrqVectorFlags.MSI)).isEqualTo(4);
        assertThat(b.irqMode()).isEqualTo(IrqMode.MSI);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int q = i;
            a.requestIrq(a.irqVector(i), irq -> {
                seen.add("msix" + q);
                return IrqReturn.HANDLED;
            }, 0, "mm-msix" + i, a);
        }
        for (int i = 0; i < 4; i++) {
            int q = i;
            b.requestIrq(b.irqVector(i), irq -> {
                seen.add("msi" + q + "@" + irq);
                return IrqReturn.HANDLED;
            }, 0, "mm-msi" + i, b);
        }
        int first = b.irqVector(0);

        for (int v = 0; v < 4; v++) {
            models.get("msi").raise(1, v);
            m.settle();
        }

        assertThat(seen).containsExactly("msi0@" + first, "msi1@" + (first + 1), "msi2@" + (first + 2), "msi3@" + (first + 3));
        assertThat(first % 4).as("MSI block base %d aligned to 4", first).isZero();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void msiAllocationHonoursMinWhenTheRangeIsNotAPowerOfTwo() throws Exception {
        boot();
        PciDev b = devs.get("msi");

        int n = b.allocIrqVectors(3, 3, IrqVectorFlags.MSI);

        assertThat(n).as("vectors for min=3 max=3").isEqualTo(3);
        int cap = b.findCapability(PciRegs.CAP_ID_MSI);
        int enabled = 1 << ((b.configRead16(cap + PciRegs.MSI_FLAGS) & PciRegs.MSI_FLAGS_QSIZE) >> 4);
        assertThat(enabled).as("messages enabled in the capability (a power of two)").isEqualTo(4);
        List<Integer> handled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            b.requestIrq(b.irqVector(i), irq -> {
                handled.add(irq);
                return IrqReturn.HANDLED;
            }, 0, "mm-msi" + i, b);
        }
        models.get("msi").raise(1, 2);
        m.settle();
        assertThat(handled).containsExactly(b.irqVector(2));

        // The fourth message the device may send has no vector behind it, and no other device gets it.
        PciDev a = devs.get("msix");
        a.allocIrqVectors(3, 3, IrqVectorFlags.MSIX);
        assertThat(List.of(a.irqVector(0), a.irqVector(1), a.irqVector(2))).doesNotContain(b.irqVector(0) + 3);

        for (int i = 0; i < 3; i++) {
            b.freeIrq(b.irqVector(i), b);
        }
        b.freeIrqVectors();
        assertThat(m.violations().all()).isEmpty();
        assertThat(b.allocIrqVectors(4, 4, IrqVectorFlags.MSI)).as("the whole block came back").isEqualTo(4);
    }
}
