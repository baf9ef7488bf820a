package io.jnetdev.runtime.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.pci.PciFunction;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * D12 ({@code pci_match_one_device}), D7 (override, then dynamic IDs, then the static table) and
 * D8 ({@code driver_override}): a match table in the style of Fuchsia's bind tests, then the same
 * rules through a running machine.
 */
class IdTableMatchTest {
    private static final int ANY = PciDeviceId.ANY;
    // The device every case is matched against: 8086:10d3, subsystem 8086:0000, class 0x020000.
    private static final int V = 0x8086, D = 0x10D3, SV = 0x8086, SD = 0x0000, CLASS = 0x02_0000;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("exact vendor/device", PciDeviceId.of(0x8086, 0x10D3), true),
                Arguments.of("other device", PciDeviceId.of(0x8086, 0x10D4), false),
                Arguments.of("other vendor", PciDeviceId.of(0x10B7, 0x10D3), false),
                Arguments.of("vendor wildcard", new PciDeviceId(ANY, 0x10D3, ANY, ANY, 0, 0, 0), true),
                Arguments.of("all wildcards", new PciDeviceId(ANY, ANY, ANY, ANY, 0, 0, 0), true),
                Arguments.of("subsystem exact", new PciDeviceId(0x8086, 0x10D3, 0x8086, 0x0000, 0, 0, 0), true),
                Arguments.of("subsystem device differs", new PciDeviceId(0x8086, 0x10D3, 0x8086, 0x0001, 0, 0, 0), false),
                Arguments.of("subvendor differs", new PciDeviceId(0x8086, 0x10D3, 0x1AF4, ANY, 0, 0, 0), false),
                Arguments.of("class, full mask", new PciDeviceId(ANY, ANY, ANY, ANY, 0x02_0000, 0xFF_FFFF, 0), true),
                Arguments.of("class base only", PciDeviceId.ofClass(0x02_0000, 0xFF_0000), true),
                Arguments.of("class base+sub", PciDeviceId.ofClass(0x02_0000, 0xFF_FF00), true),
                Arguments.of("other base class", PciDeviceId.ofClass(0x01_0000, 0xFF_0000), false),
                Arguments.of("other subclass", PciDeviceId.ofClass(0x02_8000, 0xFF_FF00), false),
                Arguments.of("prog-if ignored by mask", PciDeviceId.ofClass(0x02_0000, 0xFF_FF00), true),
                Arguments.of("mask 0 ignores class", new PciDeviceId(0x8086, 0x10D3, ANY, ANY, 0, 0, 0), true),
                Arguments.of("ids match, class does not", new PciDeviceId(0x8086, 0x10D3, ANY, ANY, 0x03_0000, 0xFF_0000, 0), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchTable(String name, PciDeviceId id, boolean expected) {
        assertThat(id.matches(V, D, SV, SD, CLASS)).as(name + ": " + id).isEqualTo(expected);
    }

    @Test
    void malformedEntriesAreRefused() {
        assertThatThrownBy(() -> new PciDeviceId(0x1_0000, 1, ANY, ANY, 0, 0, 0)).hasMessageContaining("vendor");
        assertThatThrownBy(() -> new PciDeviceId(1, 1, ANY, ANY, 0x02_0001, 0xFF_0000, 0)).hasMessageContaining("outside its mask");
        assertThatThrownBy(() -> new PciDeviceId(1, 1, ANY, ANY, 0x1_000000, 0xFFFFFF, 0)).hasMessageContaining("24 bits");
    }

    private static Machine machineWith(TestPciModel... models) {
        MachineConfig.Builder b = MachineConfig.builder().seed(21);
        int slot = 3;
        for (TestPciModel m : models) {
            b.slot(slot++, () -> m);
        }
        return Machines.booted(b);
    }

    private static String bound(Machine m, String dev) {
        PciFunction fn = m.pci().function(dev).orElseThrow();
        return fn.driver() == null ? null : fn.driver().name();
    }

    @Test
    void newIdBindsAnUnboundDeviceAndWinsOverTheStaticTable() throws Exception {
        Machine m = machineWith(TestPciModel.builder().ids(0x1AF4, 0x0002).build());
        List<Long> driverData = new ArrayList<>();
        TestDriver drv = new TestDriver("dyn", PciDeviceId.of(0x1AF4, 0x0002, 7))
                .onProbe((dev, id) -> {
                    driverData.add(id.driverData());
                    return ProbeResult.bound();
                });
        m.modules().addAvailable("dyn", () -> new TestModule("dyn", drv));
        m.modprobe("dyn", Map.of());
        assertThat(driverData).containsExactly(7L);

        m.sysfs().write("/sys/bus/pci/drivers/dyn/unbind", "0000:00:03.0");
        // new_id runs driver_attach: the unbound device binds at once, through the dynamic entry.
        m.sysfs().write("/sys/bus/pci/drivers/dyn/new_id", "1af4 0002 ffffffff ffffffff 0 0 99");

        assertThat(driverData).as("new_id fields are hex, as sscanf %lx reads them").containsExactly(7L, 0x99L);
        assertThat(bound(m, "0000:00:03.0")).isEqualTo("dyn");
    }

    @Test
    void newIdAloneBindsADeviceTheTableDoesNotKnow() throws Exception {
        Machine m = machineWith(TestPciModel.builder().ids(0x1AF4, 0x0042).build());
        TestDriver drv = new TestDriver("dyn", PciDeviceId.of(0x1AF4, 0x0002));
        m.modules().addAvailable("dyn", () -> new TestModule("dyn", drv));
        m.modprobe("dyn", Map.of());
        assertThat(bound(m, "0000:00:03.0")).isNull();

        m.sysfs().write("/sys/bus/pci/drivers/dyn/new_id", "1af4 0042");
        m.settle();

        assertThat(bound(m, "0000:00:03.0")).isEqualTo("dyn");
        assertThatThrownBy(() -> m.sysfs().write("/sys/bus/pci/drivers/dyn/new_id", "zz 1"))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("not hex");
    }

    @Test
    void driverOverrideIsExclusiveAndDoesNotUnbind() throws Exception {
        Machine m = machineWith(TestPciModel.builder().build(), TestPciModel.builder().build());
        TestDriver a = new TestDriver("drv_a", PciDeviceId.of(0x1AF4, 0x0001));
        TestDriver b = new TestDriver("drv_b"); // empty table: binds only when forced
        m.modules().addAvailable("mods", () -> new TestModule("mods", b, a));
        m.sysfs().write("/sys/bus/pci/devices/0000:00:04.0/driver_override", "drv_b");
        m.sysfs().write("/sys/bus/pci/devices/0000:00:03.0/driver_override", "none");

        m.modprobe("mods", Map.of());

        assertThat(bound(m, "0000:00:03.0")).as("'none' opts out").isNull();
        assertThat(bound(m, "0000:00:04.0")).as("override wins over drv_a's table").isEqualTo("drv_b");
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/0000:00:04.0/driver_override")).isEqualTo("drv_b\n");

        m.sysfs().write("/sys/bus/pci/devices/0000:00:04.0/driver_override", "drv_a");
        assertThat(bound(m, "0000:00:04.0")).as("writing the override does not unbind").isEqualTo("drv_b");

        m.sysfs().write("/sys/bus/pci/devices/0000:00:03.0/driver_override", "");
        assertThat(m.sysfs().cat("/sys/bus/pci/devices/0000:00:03.0/driver_override")).isEqualTo("(null)\n");
        m.sysfs().write("/sys/bus/pci/drivers/drv_a/bind", "0000:00:03.0");
        assertThat(bound(m, "0000:00:03.0")).isEqualTo("drv_a");
    }

    @Test
    void bindRequiresAMatchAndUnbindRequiresTheBoundDriver() throws Exception {
        Machine m = machineWith(TestPciModel.builder().build());
        TestDriver other = new TestDriver("other", PciDeviceId.of(0x10B7, 0x9200));
        TestDriver mine = new TestDriver("mine", PciDeviceId.of(0x1AF4, 0x0001));
        m.modules().addAvailable("mods", () -> new TestModule("mods", other, mine));
        m.modprobe("mods", Map.of());

        assertThatThrownBy(() -> m.sysfs().write("/sys/bus/pci/drivers/other/unbind", "0000:00:03.0"))
                .isInstanceOf(ErrnoException.class).satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.ENODEV));
        m.sysfs().write("/sys/bus/pci/drivers/mine/unbind", "0000:00:03.0");
        assertThatThrownBy(() -> m.sysfs().write("/sys/bus/pci/drivers/other/bind", "0000:00:03.0"))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("does not match");
        assertThat(bound(m, "0000:00:03.0")).isNull();
    }
}
