package io.jnetdev.runtime.irq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
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
 * IRQ affinity ({@code irq_set_affinity}, {@code /proc/irq/N/smp_affinity_list}): an interrupt is
 * taken on the CPU its affinity names — an MSI-X or MSI message because its address is rewritten,
 * an INTx line because its IO-APIC route is — and {@code /proc/interrupts} counts it in that CPU's
 * column. Managed vectors refuse a move from user space; bad lists and CPUs the machine lacks are
 * refused.
 */
class IrqAffinityTest {
    private final Map<String, PciDev> devs = new HashMap<>();
    private final Map<String, TestPciModel> models = new HashMap<>();
    /** "irq@cpu" for every handler call. */
    private final List<String> taken = new ArrayList<>();
    private Machine m;

    /** Slot 3: 3 MSI-X vectors; slot 4: one MSI message; slot 5: INTx only. Two CPUs. */
    private void boot() throws ErrnoException {
        TestPciModel msix = TestPciModel.builder().ids(0x1AF4, 0x0001).msix(3).build();
        TestPciModel msi = TestPciModel.builder().ids(0x1AF4, 0x0002).msi(1).build();
        TestPciModel intx = TestPciModel.builder().ids(0x1AF4, 0x0003).build();
        models.put("msix", msix);
        models.put("msi", msi);
        models.put("intx", intx);
        m = Machines.booted(MachineConfig.builder().cpus(2).slot(3, () -> msix).slot(4, () -> msi).slot(5, () -> intx));
        TestDriver drv = new TestDriver("affnic", PciDeviceId.of(0x1AF4, 0x0001), PciDeviceId.of(0x1AF4, 0x0002),
                PciDeviceId.of(0x1AF4, 0x0003)).onProbe((d, id) -> {
                    d.enableDevice();
                    devs.put(switch (d.device()) {
                        case 1 -> "msix";
                        case 2 -> "msi";
                        default -> "intx";
                    }, d);
                    return ProbeResult.bound();
                });
        m.modules().addAvailable("affnic", () -> new TestModule("affnic", drv));
        m.modprobe("affnic", Map.of());
    }

    private int request(String name, int flags, int vectors) throws ErrnoException {
        PciDev d = devs.get(name);
        d.allocIrqVectors(vectors, vectors, flags);
        for (int v = 0; v < vectors; v++) {
            d.requestIrq(d.irqVector(v), irq -> {
                taken.add(irq + "@" + m.cpus().current().id());
                if (name.equals("intx")) {
                    models.get("intx").forceIntx(false); // the handler acknowledged the cause
                }
                return IrqReturn.HANDLED;
            }, 0, "aff-" + name + v, d);
        }
        return d.irqVector(0);
    }

    /** The count of {@code irq} in {@code /proc/interrupts}, CPU0 and CPU1 columns. */
    private long[] procColumns(int irq) {
        for (String line : m.procInterrupts().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals(irq + ":")) {
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
            }
        }
        throw new AssertionError("IRQ " + irq + " not in /proc/interrupts:\n" + m.procInterrupts());
    }

    @Test
    void anMsixVectorMovedToCpu1IsTakenThereAndCountedInItsColumn() throws Exception {
        boot();
        int first = request("msix", IrqVectorFlags.MSIX, 3);
        int rx = first + 1;
        assertThat(m.sysfs().cat("/proc/irq/" + rx + "/smp_affinity_list")).isEqualTo("0-1\n");
        assertThat(m.sysfs().cat("/proc/irq/" + rx + "/effective_affinity_list")).isEqualTo("0\n");

        models.get("msix").raise(1, 1);
        m.settle();
        m.sysfs().write("/proc/irq/" + rx + "/smp_affinity_list", "1");
        for (int i = 0; i < 5; i++) {
            models.get("msix").raise(1, 1);
            m.settle();
        }
        models.get("msix").raise(1, 0); // the other vectors stay where they were
        m.settle();

        assertThat(m.sysfs().cat("/proc/irq/" + rx + "/smp_affinity_list")).isEqualTo("1\n");
        assertThat(m.sysfs().cat("/proc/irq/" + rx + "/effective_affinity_list")).isEqualTo("1\n");
        assertThat(m.sysfs().cat("/proc/irq/" + rx + "/smp_affinity")).isEqualTo("2\n");
        assertThat(taken).containsExactly(rx + "@0", rx + "@1", rx + "@1", rx + "@1", rx + "@1", rx + "@1", first + "@0");
        assertThat(procColumns(rx)).containsExactly(1, 5);
        assertThat(procColumns(first)).containsExactly(1, 0);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void anMsiMessageFollowsItsRewrittenAddress() throws Exception {
        boot();
        int irq = request("msi", IrqVectorFlags.MSI, 1);

        m.sysfs().write("/proc/irq/" + irq + "/smp_affinity", "2");
        models.get("msi").raise(1, 0);
        m.settle();
        m.irqCore().irqSetAffinity(irq, 0b01);
        models.get("msi").raise(1, 0);
        m.settle();

        assertThat(taken).containsExactly(irq + "@1", irq + "@0");
        assertThat(procColumns(irq)).containsExactly(1, 1);
    }

    @Test
    void anIntxLineIsRoutedToTheChosenCpu() throws Exception {
        boot();
        int irq = request("intx", IrqVectorFlags.INTX, 1);
        assertThat(irq).isBetween(InterruptController.FIRST_PCI_GSI, InterruptController.FIRST_PCI_GSI + 3);

        m.sysfs().write("/proc/irq/" + irq + "/smp_affinity_list", "1");
        for (int i = 0; i < 3; i++) {
            models.get("intx").raise(1, 0);
            m.settle();
        }

        assertThat(taken).containsExactly(irq + "@1", irq + "@1", irq + "@1");
        assertThat(procColumns(irq)).containsExactly(0, 3);
        assertThat(m.sysfs().ls("/proc/irq")).contains(Integer.toString(irq));
        assertThat(m.sysfs().ls("/proc/irq/" + irq)).containsExactly("effective_affinity_list", "smp_affinity", "smp_affinity_list");
    }

    @Test
    void aManagedVectorCannotBeMovedFromUserSpace() throws Exception {
        boot();
        int first = request("msix", IrqVectorFlags.MSIX | IrqVectorFlags.AFFINITY, 3);

        assertThat(m.sysfs().cat("/proc/irq/" + (first + 1) + "/smp_affinity_list")).isEqualTo("1\n");
        assertThatThrownBy(() -> m.sysfs().write("/proc/irq/" + first + "/smp_affinity_list", "1"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO))
                .hasMessageContaining("managed");
        models.get("msix").raise(1, 1);
        m.settle();
        assertThat(taken).containsExactly((first + 1) + "@1");
    }

    @Test
    void listsNamingNoCpuOrACpuTheMachineLacksAreRefused() throws Exception {
        boot();
        int irq = request("msi", IrqVectorFlags.MSI, 1);
        String path = "/proc/irq/" + irq + "/smp_affinity_list";

        assertThatThrownBy(() -> m.sysfs().write(path, "2"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("online CPUs 0-1");
        assertThatThrownBy(() -> m.sysfs().write(path, "one"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessageContaining("not a CPU list");
        assertThatThrownBy(() -> m.sysfs().write(path, ""))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> m.sysfs().cat("/proc/irq/99/smp_affinity_list"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
        assertThat(m.sysfs().cat(path)).as("a refused write changes nothing").isEqualTo("0-1\n");
    }

    @Test
    void cpuListsReadAndPrintAsLinuxWritesThem() {
        assertThat(CpuList.parse("0-2, 5,7-8")).isEqualTo(0b1_1010_0111L);
        assertThat(CpuList.format(0b1_1010_0111L)).isEqualTo("0-2,5,7-8");
        assertThat(CpuList.format(1L << 63)).isEqualTo("63");
        assertThat(CpuList.formatMask(0b11, 2)).isEqualTo("3");
        assertThat(CpuList.formatMask(0xF00000000L, 40)).isEqualTo("0f,00000000");
        assertThat(CpuList.parseMask("0f,00000000")).isEqualTo(0xF00000000L);
        assertThatThrownBy(() -> CpuList.parse("3-1")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CpuList.parse("64")).hasMessageContaining("beyond");
    }
}
