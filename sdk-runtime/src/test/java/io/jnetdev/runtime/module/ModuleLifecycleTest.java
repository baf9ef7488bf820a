package io.jnetdev.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleContext;
import io.jnetdev.api.module.ModuleParam;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * modprobe / rmmod / lsmod with Linux's meanings: parameters with defaults and checked values,
 * init failures that leave nothing registered, exits that forget to unregister (D3, D4).
 */
class ModuleLifecycleTest {
    private Machine m;

    @BeforeEach
    void boot() {
        m = Machines.booted(MachineConfig.builder().seed(71).slot(3, () -> TestPciModel.builder().build()));
    }

    private static final List<ModuleParam> PARAMS = List.of(
            ModuleParam.ofInt("max_interrupt_work", 32, 1, 1000, "passes per interrupt"),
            ModuleParam.ofBool("use_msi", true, "use MSI"),
            ModuleParam.ofString("media", "auto", "media type"));

    @Test
    void parametersHaveDefaultsAndModprobeSetsThem() throws Exception {
        TestModule mod = new TestModule("params", PARAMS);
        m.modules().addAvailable("params", () -> mod);

        m.modprobe("params", Map.of("max_interrupt_work", "0x10", "use_msi", "n"));

        assertThat(mod.lastContext().intParam("max_interrupt_work")).isEqualTo(16);
        assertThat(mod.lastContext().boolParam("use_msi")).isFalse();
        assertThat(mod.lastContext().stringParam("media")).isEqualTo("auto");
        assertThat(m.sysfs().cat("/sys/module/params/parameters/max_interrupt_work")).isEqualTo("16\n");
        assertThat(m.sysfs().cat("/sys/module/params/parameters/use_msi")).isEqualTo("N\n");
        assertThat(m.sysfs().ls("/sys/module/params/parameters")).containsExactly("max_interrupt_work", "media", "use_msi");
        assertThat(m.modules().lsmod()).containsPattern("(?m)^params +16384  0 +max_interrupt_work=16 use_msi=N media=auto$");
    }

    @Test
    void badParameterValuesRefuseTheLoadAndNameTheParameter() {
        m.modules().addAvailable("params", () -> new TestModule("params", PARAMS));

        assertThatThrownBy(() -> m.modprobe("params", Map.of("max_interrupt_work", "5000")))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("max_interrupt_work").hasMessageContaining("1..1000");
        assertThatThrownBy(() -> m.modprobe("params", Map.of("use_msi", "perhaps")))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("use_msi");
        assertThatThrownBy(() -> m.modprobe("params", Map.of("max_interrupt_work", "many")))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("an integer");
        assertThat(m.modules().loaded()).isEmpty();
    }

    @Test
    void unknownParameterIsIgnoredWithAWarningAsLinuxDoes() throws Exception {
        m.modules().addAvailable("params", () -> new TestModule("params", PARAMS));
        m.modprobe("params", Map.of("debug", "1"));
        assertThat(m.dmesg()).contains("params: unknown parameter 'debug' ignored");
        assertThat(m.modules().module("params")).isPresent();
    }

    @Test
    void rmmodUnbindsEveryDevice() throws Exception {
        TestDriver drv = new TestDriver("nic", PciDeviceId.of(0x1AF4, 0x0001));
        m.modules().addAvailable("nic", () -> new TestModule("nic", drv));
        m.modprobe("nic", Map.of());
        m.rmmod("nic");
        assertThat(drv.events()).containsExactly("probe 0000:00:03.0", "remove 0000:00:03.0");
        assertThat(m.modules().lsmod()).doesNotContain("nic");
        assertThatThrownBy(() -> m.rmmod("nic")).hasMessageContaining("is not currently loaded");
    }

    /** A module whose init registers a driver and then fails, as a buggy module_init might. */
    private static final class HalfInit implements KernelModule {
        private final PciDriver driver = new TestDriver("half", PciDeviceId.of(0x1AF4, 0x0001));
        private final boolean throwUnchecked;

        HalfInit(boolean throwUnchecked) {
            this.throwUnchecked = throwUnchecked;
        }

        @Override
        public String name() {
            return "half";
        }

        @Override
        public void init(ModuleContext context) throws ErrnoException {
            context.pciRegisterDriver(driver);
            if (throwUnchecked) {
                throw new IllegalStateException("table corrupt");
            }
            throw new ErrnoException(Errno.ENOMEM, "cannot allocate the stats area");
        }

        @Override
        public void exit(ModuleContext context) {
            context.pciUnregisterDriver(driver);
        }
    }

    @Test
    void initThatFailsAfterRegisteringLeavesNoDriverBehind() {
        m.modules().addAvailable("half", () -> new HalfInit(false));
        assertThatThrownBy(() -> m.modprobe("half", Map.of())).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("cannot allocate the stats area");
        assertThat(m.pci().drivers()).isEmpty();
        assertThat(m.pci().function("0000:00:03.0").orElseThrow().driver()).isNull();
        assertThat(m.violations().ofRule("D3")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("left PCI driver half registered"));
        assertThat(m.modules().loaded()).isEmpty();
    }

    @Test
    void initThatThrowsIsContained() {
        m.modules().addAvailable("half", () -> new HalfInit(true));
        assertThatThrownBy(() -> m.modprobe("half", Map.of())).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("table corrupt");
        assertThat(m.violations().ofRule("BUG")).hasSize(1);
        assertThat(m.pci().drivers()).isEmpty();
    }

    @Test
    void exitThatForgetsToUnregisterIsReportedAndCleanedUp() throws Exception {
        TestDriver drv = new TestDriver("sloppy", PciDeviceId.of(0x1AF4, 0x0001));
        m.modules().addAvailable("sloppy", () -> new KernelModule() {
            @Override
            public String name() {
                return "sloppy";
            }

            @Override
            public void init(ModuleContext context) throws ErrnoException {
                context.pciRegisterDriver(drv);
            }

            @Override
            public void exit(ModuleContext context) {
                // forgets pci_unregister_driver
            }
        });
        m.modprobe("sloppy", Map.of());
        m.rmmod("sloppy");

        assertThat(m.violations().ofRule("D4")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("module exit left PCI driver sloppy registered"));
        assertThat(drv.events()).containsExactly("probe 0000:00:03.0", "remove 0000:00:03.0");
        assertThat(m.pci().drivers()).isEmpty();
    }

    @Test
    void malformedIdTableFailsTheLoadClearly() {
        PciDriver bad = new PciDriver() {
            @Override
            public String name() {
                return "bad";
            }

            @Override
            public List<PciDeviceId> idTable() {
                // an entry whose class has bits outside its mask: PciDeviceId refuses to exist
                return List.of(new PciDeviceId(0x1AF4, 0x0001, PciDeviceId.ANY, PciDeviceId.ANY, 0x02_0001, 0xFF_0000, 0));
            }

            @Override
            public io.jnetdev.api.driver.ProbeResult probe(io.jnetdev.api.pci.PciDev dev, PciDeviceId id) {
                throw new AssertionError("never probed");
            }

            @Override
            public void remove(io.jnetdev.api.pci.PciDev dev) {
            }
        };
        m.modules().addAvailable("bad", () -> new TestModule("bad", bad));
        assertThatThrownBy(() -> m.modprobe("bad", Map.of())).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("ID table of driver bad is malformed").hasMessageContaining("outside its mask");
        assertThat(m.pci().drivers()).isEmpty();
        assertThat(m.modules().loaded()).isEmpty();
    }

    @Test
    void duplicateDriverNameIsEbusy() throws Exception {
        m.modules().addAvailable("one", () -> new TestModule("one", new TestDriver("same", PciDeviceId.of(1, 1))));
        m.modules().addAvailable("two", () -> new TestModule("two", new TestDriver("same", PciDeviceId.of(1, 2))));
        m.modprobe("one", Map.of());
        assertThatThrownBy(() -> m.modprobe("two", Map.of())).isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(Errno.EBUSY));
        assertThat(m.dmesg()).contains("Driver 'same' is already registered");
    }
}
