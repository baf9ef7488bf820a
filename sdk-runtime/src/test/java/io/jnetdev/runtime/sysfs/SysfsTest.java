package io.jnetdev.runtime.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sysfs files a driver developer reads and writes, with Linux's contents and errors. */
class SysfsTest {
    private Machine m;

    @BeforeEach
    void boot() throws Exception {
        m = Machines.booted(MachineConfig.builder().seed(81)
                .slot(3, () -> TestPciModel.builder().ids(0x8086, 0x10D3).subsystem(0x8086, 0x0000).build()));
        m.modules().addAvailable("nic", () -> new TestModule("nic", new TestDriver("nic", PciDeviceId.of(0x8086, 0x10D3))));
        m.modprobe("nic", Map.of());
    }

    private static Errno errno(ThrowableAssertCall call) {
        try {
            call.run();
        } catch (ErrnoException e) {
            return e.errno();
        }
        throw new AssertionError("no error");
    }

    @FunctionalInterface
    private interface ThrowableAssertCall {
        void run() throws ErrnoException;
    }

    @Test
    void deviceAttributes() throws Exception {
        String dev = "/sys/bus/pci/devices/0000:00:03.0/";
        assertThat(m.sysfs().ls("/sys/bus/pci/devices")).containsExactly("0000:00:03.0");
        assertThat(m.sysfs().cat(dev + "vendor")).isEqualTo("0x8086\n");
        assertThat(m.sysfs().cat(dev + "device")).isEqualTo("0x10d3\n");
        assertThat(m.sysfs().cat(dev + "subsystem_vendor")).isEqualTo("0x8086\n");
        assertThat(m.sysfs().cat(dev + "class")).isEqualTo("0x020000\n");
        assertThat(m.sysfs().cat(dev + "driver_override")).isEqualTo("(null)\n");
        assertThat(m.sysfs().cat(dev + "driver")).isEqualTo("../../../bus/pci/drivers/nic\n");
        assertThat(m.sysfs().ls("/sys/bus/pci/drivers/nic")).contains("bind", "unbind", "new_id", "0000:00:03.0");
        assertThat(m.sysfs().cat("/sys/bus/pci/drivers/nic/module")).isEqualTo("../../../../module/nic\n");
    }

    @Test
    void errorsCarryLinuxErrnosAndThePath() {
        assertThat(errno(() -> m.sysfs().cat("/sys/bus/pci/devices/0000:00:09.0/vendor"))).isEqualTo(Errno.ENOENT);
        assertThatThrownBy(() -> m.sysfs().ls("/sys/bus/usb")).hasMessageContaining("/sys/bus/usb");
        assertThat(errno(() -> m.sysfs().cat("/sys/bus/pci/drivers/nic/bind"))).isEqualTo(Errno.EPERM);
        assertThat(errno(() -> m.sysfs().write("/sys/bus/pci/devices/0000:00:03.0/vendor", "0x1234"))).isEqualTo(Errno.ENOENT);
        assertThat(errno(() -> m.sysfs().write("/sys/module/nic/parameters/x", "1"))).isEqualTo(Errno.EPERM);
        assertThat(errno(() -> m.sysfs().write("/sys/bus/pci/devices/0000:00:03.0/driver_override", "a b"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(() -> m.sysfs().cat("relative/path"))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void driversAutoprobeOffStopsHotplugBinding() throws Exception {
        m.sysfs().write("/sys/bus/pci/drivers_autoprobe", "0");
        assertThat(m.sysfs().cat("/sys/bus/pci/drivers_autoprobe")).isEqualTo("0\n");

        m.hotplug(4, TestPciModel.builder().ids(0x8086, 0x10D3).build());
        assertThat(m.pci().function("0000:00:04.0").orElseThrow().driver()).isNull();

        m.sysfs().write("/sys/bus/pci/drivers/nic/bind", "0000:00:04.0");
        assertThat(m.pci().function("0000:00:04.0").orElseThrow().driver().name()).isEqualTo("nic");
    }
}
