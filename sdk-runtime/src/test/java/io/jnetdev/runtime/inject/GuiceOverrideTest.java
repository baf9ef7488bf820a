package io.jnetdev.runtime.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.inject.AbstractModule;
import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.fault.FaultInjector;
import io.jnetdev.runtime.irq.IrqCore;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.pci.PciCore;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code Machine.create(config, overrides...)} replaces bindings of the runtime's Guice module:
 * a test can hand the whole machine its own {@link FaultInjector}, and every subsystem that
 * injects one (the PCI core's D13 vector allocation, the IRQ core's D14 request, the driver
 * core's probe) uses it.
 */
class GuiceOverrideTest {
    /** One device with MSI-X (2), MSI (1) and INTA in slot 3; no modules loaded at boot. */
    private static MachineConfig config() {
        return MachineConfig.builder().slot(3, () -> TestPciModel.builder().msix(2).msi(1).build()).modules(Map.of()).build();
    }

    /** Boots {@code m} without ServiceLoader modules and binds a driver that keeps its device. */
    private static PciDev bind(Machine m) throws ErrnoException {
        m.boot(new ClassLoader(null) { });
        PciDev[] dev = new PciDev[1];
        TestDriver drv = new TestDriver("guicenic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            dev[0] = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("guicenic", () -> new TestModule("guicenic", drv));
        m.modprobe("guicenic", Map.of());
        return dev[0];
    }

    @Test
    void aMockedFaultInjectorBoundThroughALambdaModuleMakesMsixFail() throws Exception {
        FaultInjector injector = mock(FaultInjector.class);
        when(injector.shouldFailMsix()).thenReturn(true);
        when(injector.probeFault(anyString())).thenReturn(Optional.empty());
        Machine m = Machine.create(config(),
                binder -> binder.bind(FaultInjector.class).toInstance(injector));

        PciDev dev = bind(m);
        int n = dev.allocIrqVectors(1, 2, IrqVectorFlags.ALL_TYPES);

        assertThat(m.faults()).isSameAs(injector);
        assertThat(n).isEqualTo(1);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.MSI);
        verify(injector).shouldFailMsix();
        verify(injector).shouldFailMsi();
        verify(injector, atLeastOnce()).probeFault("guicenic");
        assertThat(m.dmesg()).contains("MSI-X allocation failed (injected fault)");
    }

    @Test
    void anAbstractModuleOverrideReachesTheIrqCore() throws Exception {
        FaultInjector injector = mock(FaultInjector.class);
        when(injector.shouldFailRequestIrq()).thenReturn(true, false);
        when(injector.probeFault(anyString())).thenReturn(Optional.empty());
        Machine m = Machine.create(config(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(FaultInjector.class).toInstance(injector);
            }
        });

        PciDev dev = bind(m);
        dev.allocIrqVectors(1, 2, IrqVectorFlags.MSIX);
        int irq = dev.irqVector(0);
        Throwable first = catchThrowable(() -> dev.requestIrq(irq, i -> IrqReturn.HANDLED, 0, "guicenic", dev));
        dev.requestIrq(irq, i -> IrqReturn.HANDLED, 0, "guicenic", dev);

        assertThat(first).isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBUSY));
        assertThat(m.irqCore().desc(irq).actions()).hasSize(1);
        verify(injector, times(2)).shouldFailRequestIrq();
        verify(injector).shouldFailMsix();
        verify(injector, never()).shouldFailMsi();
    }

    @Test
    void everySubsystemOfOneMachineSharesTheOneOverriddenInstance() {
        FaultInjector injector = new FaultInjector();
        Machine m = Machine.create(config(),
                binder -> binder.bind(FaultInjector.class).toInstance(injector));
        Machine other = Machine.create(config());

        assertThat(m.get(FaultInjector.class)).isSameAs(injector).isSameAs(m.faults());
        assertThat(other.faults()).isNotSameAs(injector).isSameAs(other.get(FaultInjector.class));
        assertThat(m.get(IrqCore.class)).isSameAs(m.irqCore()).isNotSameAs(other.irqCore());
        assertThat(m.get(PciCore.class)).isSameAs(m.pci());
    }

    @Test
    void withoutOverridesTheDefaultInjectorInjectsNothing() throws Exception {
        Machine m = Machine.create(config());

        PciDev dev = bind(m);

        assertThat(m.faults().getClass()).isEqualTo(FaultInjector.class);
        assertThat(dev.allocIrqVectors(1, 2, IrqVectorFlags.ALL_TYPES)).isEqualTo(2);
        assertThat(dev.irqMode()).isEqualTo(IrqMode.MSIX);
    }
}
