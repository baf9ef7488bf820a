package io.jnetdev.runtime.irq;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqHandler;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code disable_irq}/{@code enable_irq} nest; an edge that arrives while the line is off is
 * replayed once on enable, a level line is delivered on enable only if still asserted;
 * {@code IRQF_NO_AUTOEN} requests the line off; an unbalanced enable is a WARN; and the first
 * request of a line starts it afresh whatever its previous user left (D14, {@code __setup_irq}).
 */
class IrqEnableDisableTest {
    private Machine m;
    private TestPciModel model;
    private PciDev dev;
    private IoRegion regs;
    private int calls;

    private void boot(TestPciModel built, int vectorFlags) throws ErrnoException {
        model = built;
        m = Machines.booted(MachineConfig.builder().slot(3, () -> built));
        TestDriver drv = new TestDriver("ednic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            regs = d.iomap(0);
            d.allocIrqVectors(1, 1, vectorFlags);
            dev = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("ednic", () -> new TestModule("ednic", drv));
        m.modprobe("ednic", Map.of());
    }

    /** Counts calls and acknowledges whatever the device raised. */
    private IrqHandler counting() {
        return irq -> {
            calls++;
            regs.write32(TestPciModel.REG_CAUSE, regs.read32(TestPciModel.REG_CAUSE));
            return IrqReturn.HANDLED;
        };
    }

    @Test
    void disableNestsAndEdgesThatCameMeanwhileAreReplayedOnce() throws Exception {
        boot(TestPciModel.builder().msi(1).build(), IrqVectorFlags.MSI);
        int irq = dev.irqVector(0);
        dev.requestIrq(irq, counting(), 0, "ednic", dev);

        dev.disableIrq(irq);
        dev.disableIrq(irq);
        model.raise(1, 0);
        model.raise(2, 0);
        model.raise(4, 0);
        m.settle();
        assertThat(calls).isZero();
        assertThat(m.irqCore().desc(irq).depth()).isEqualTo(2);

        dev.enableIrq(irq);
        m.settle();
        assertThat(calls).as("still disabled once").isZero();

        dev.enableIrq(irq);
        m.settle();
        assertThat(calls).as("three messages while off, one replay").isEqualTo(1);
        assertThat(model.cause()).isZero();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void aLevelLineIsDeliveredOnEnableOnlyWhileStillAsserted() throws Exception {
        boot(TestPciModel.builder().build(), IrqVectorFlags.INTX);
        int irq = dev.irqVector(0);
        dev.requestIrq(irq, counting(), IrqFlags.SHARED, "ednic", dev);

        dev.disableIrq(irq);
        model.raise(1, 0);
        m.settle();
        assertThat(calls).isZero();
        dev.enableIrq(irq);
        m.settle();
        assertThat(calls).isEqualTo(1);

        dev.disableIrq(irq);
        model.raise(1, 0);
        m.settle();
        regs.write32(TestPciModel.REG_CAUSE, 1); // the driver polls and acks with the line off
        dev.enableIrq(irq);
        m.settle();
        assertThat(calls).as("nothing asserted any more").isEqualTo(1);
        assertThat(m.irqCore().desc(irq).unhandledTotal()).isZero();
    }

    @Test
    void anUnbalancedEnableIsAD14Warning() throws Exception {
        boot(TestPciModel.builder().msi(1).build(), IrqVectorFlags.MSI);
        int irq = dev.irqVector(0);
        dev.requestIrq(irq, counting(), 0, "ednic", dev);

        dev.enableIrq(irq);

        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("D14");
            assertThat(v.device()).isEqualTo("0000:00:03.0");
            assertThat(v.driver()).isEqualTo("ednic");
            assertThat(v.message()).isEqualTo("Unbalanced enable for IRQ " + irq);
        });
        assertThat(m.irqCore().desc(irq).depth()).isZero();
    }

    @Test
    void noAutoenRequestsTheLineOffUntilEnableIrq() throws Exception {
        boot(TestPciModel.builder().msi(1).build(), IrqVectorFlags.MSI);
        int irq = dev.irqVector(0);

        dev.requestIrq(irq, counting(), IrqFlags.NO_AUTOEN, "ednic", dev);
        model.raise(1, 0);
        m.settle();

        assertThat(m.irqCore().desc(irq).enabled()).isFalse();
        assertThat(calls).isZero();
        dev.enableIrq(irq);
        m.settle();
        assertThat(calls).isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void theFirstRequestStartsALineItsPreviousUserLeftDisabled() throws Exception {
        boot(TestPciModel.builder().build(), IrqVectorFlags.INTX);
        int irq = dev.irqVector(0);
        Object first = new Object();
        dev.requestIrq(irq, counting(), 0, "ednic-old", first);
        dev.disableIrq(irq);
        dev.freeIrq(irq, first);
        assertThat(m.irqCore().desc(irq).enabled()).as("shut down with no handler").isFalse();

        dev.requestIrq(irq, counting(), 0, "ednic", dev);
        model.raise(1, 0);
        m.settle();

        assertThat(m.irqCore().desc(irq).enabled()).isTrue();
        assertThat(calls).isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void aLineAssertedBeforeTheRequestIsDeliveredOnceTheHandlerIsIn() throws Exception {
        boot(TestPciModel.builder().build(), IrqVectorFlags.INTX);
        int irq = dev.irqVector(0);
        model.raise(1, 0);
        m.settle();

        dev.requestIrq(irq, counting(), 0, "ednic", dev);
        m.settle();

        assertThat(calls).isEqualTo(1);
        assertThat(model.cause()).isZero();
        assertThat(m.irqCore().desc(irq).totalCount()).isEqualTo(1);
    }
}
