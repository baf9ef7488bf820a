package io.jnetdev.runtime.irq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqFlags;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Two devices whose INTA swizzles onto the same IO-APIC pin share the line: every handler on it
 * runs for each interrupt, and the request and free rules of D14 hold (dev_id, flag agreement,
 * DEBUG_SHIRQ's extra call after {@code free_irq}, claiming only what one's device raised).
 */
class SharedIntxTest {
    private static final int SLOT_A = 3;
    private static final int SLOT_B = 7;
    private static final String DEV_A = "0000:00:03.0";
    private static final String DEV_B = "0000:00:07.0";

    private final TestPciModel modelA = TestPciModel.builder().ids(0x1AF4, 0x00A0).build();
    private final TestPciModel modelB = TestPciModel.builder().ids(0x1AF4, 0x00B0).build();
    private final List<String> calls = new ArrayList<>();
    private Machine m;
    private Nic a;
    private Nic b;

    /** What one driver holds: its device, its registers, its INTx line and its dev_id cookie. */
    record Nic(PciDev dev, IoRegion regs, int irq, Object cookie) {}

    /** A shared handler done right: reads its own cause, claims only when set, acknowledges it. */
    private IrqHandlerFactory wellBehaved() {
        return (name, regs) -> irq -> {
            int cause = regs.read32(TestPciModel.REG_CAUSE);
            calls.add(name + (cause == 0 ? " NONE" : " HANDLED"));
            if (cause == 0) {
                return IrqReturn.NONE;
            }
            regs.write32(TestPciModel.REG_CAUSE, cause);
            return IrqReturn.HANDLED;
        };
    }

    /** Builds a handler for a driver once its registers are mapped. */
    @FunctionalInterface
    interface IrqHandlerFactory {
        io.jnetdev.api.irq.IrqHandler make(String name, IoRegion regs);
    }

    private void boot(MachineConfig.Builder config, IrqHandlerFactory handlerA, IrqHandlerFactory handlerB) throws ErrnoException {
        m = Machines.booted(config.slot(SLOT_A, () -> modelA).slot(SLOT_B, () -> modelB));
        a = load("nica", 0x00A0, handlerA);
        b = load("nicb", 0x00B0, handlerB);
    }

    private Nic load(String name, int deviceId, IrqHandlerFactory handler) throws ErrnoException {
        Nic[] nic = new Nic[1];
        TestDriver drv = new TestDriver(name, PciDeviceId.of(0x1AF4, deviceId)).onProbe((d, id) -> {
            d.enableDevice();
            IoRegion regs = d.iomap(0);
            d.allocIrqVectors(1, 1, IrqVectorFlags.INTX);
            int irq = d.irqVector(0);
            Object cookie = new Object();
            if (handler != null) {
                d.requestIrq(irq, handler.make(name, regs), IrqFlags.SHARED, name, cookie);
            }
            nic[0] = new Nic(d, regs, irq, cookie);
            return ProbeResult.bound();
        });
        m.modules().addAvailable(name, () -> new TestModule(name, drv));
        m.modprobe(name, Map.of());
        return nic[0];
    }

    private static Errno errnoOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ErrnoException.class);
        return ((ErrnoException) t).errno();
    }

    @Test
    void slotsThreeAndSevenShareOneLine() {
        assertThat(InterruptController.intxGsi(SLOT_A, 1)).isEqualTo(InterruptController.intxGsi(SLOT_B, 1)).isEqualTo(19);
        assertThat(InterruptController.intxGsi(4, 1)).isEqualTo(16);
    }

    @Test
    void bothHandlersRunAndOnlyTheRaisersClaims() throws Exception {
        boot(MachineConfig.builder(), wellBehaved(), wellBehaved());
        assertThat(a.irq()).isEqualTo(b.irq()).isEqualTo(19);

        modelA.raise(1, 0);
        m.settle();

        assertThat(calls).containsExactly("nica HANDLED", "nicb NONE");
        assertThat(modelA.cause()).isZero();
        IrqDesc desc = m.irqCore().desc(19);
        assertThat(desc.totalCount()).as("one delivery, the line dropped after the ack").isEqualTo(1);
        assertThat(desc.unhandledTotal()).isZero();
        assertThat(m.procInterrupts()).containsPattern("(?m)^\\s*19:\\s+1\\s+0\\s+IO-APIC\\s+19-fasteoi\\s+nica, nicb$");

        calls.clear();
        modelB.raise(2, 0);
        m.settle();
        assertThat(calls).containsExactly("nica NONE", "nicb HANDLED");
        assertThat(desc.totalCount()).isEqualTo(2);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void bothDevicesRaisingAtOnceTakeOneDelivery() throws Exception {
        boot(MachineConfig.builder(), wellBehaved(), wellBehaved());

        modelA.raise(1, 0);
        modelB.raise(1, 0);
        m.settle();

        assertThat(calls).containsExactly("nica HANDLED", "nicb HANDLED");
        assertThat(m.irqCore().desc(19).totalCount()).isEqualTo(1);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void claimingAnInterruptOneDidNotRaiseIsAD14Violation() throws Exception {
        IrqHandlerFactory greedy = (name, regs) -> irq -> {
            calls.add(name + " HANDLED");
            return IrqReturn.HANDLED;
        };
        boot(MachineConfig.builder(), wellBehaved(), greedy);

        modelA.raise(1, 0);
        m.settle();

        assertThat(calls).containsExactly("nica HANDLED", "nicb HANDLED");
        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("D14");
            assertThat(v.device()).isEqualTo(DEV_B);
            assertThat(v.driver()).isEqualTo("nicb");
            assertThat(v.message()).contains("claimed IRQ 19 that its device did not raise");
        });
    }

    @Test
    void requestWithoutSharedOnALineInUseIsEbusy() throws Exception {
        boot(MachineConfig.builder(), wellBehaved(), null);

        assertThat(errnoOf(() -> b.dev().requestIrq(19, irq -> IrqReturn.NONE, 0, "nicb", b.cookie()))).isEqualTo(Errno.EBUSY);
        assertThat(m.dmesg()).contains("genirq: Flags mismatch irq 19. 00000000 (nicb) vs. 00000080 (nica)");
        assertThat(m.irqCore().desc(19).actions()).extracting(IrqAction::name).containsExactly("nica");
    }

    @Test
    void sharedRequestJoiningANonSharedHandlerIsEbusy() throws Exception {
        boot(MachineConfig.builder(), null, null);
        a.dev().requestIrq(19, irq -> IrqReturn.NONE, 0, "nica", a.cookie());

        assertThat(errnoOf(() -> b.dev().requestIrq(19, irq -> IrqReturn.NONE, IrqFlags.SHARED, "nicb", b.cookie())))
                .isEqualTo(Errno.EBUSY);
    }

    @Test
    void sharersMustAgreeOnOneshot() throws Exception {
        boot(MachineConfig.builder(), null, null);
        a.dev().requestThreadedIrq(19, irq -> IrqReturn.NONE, irq -> IrqReturn.HANDLED, IrqFlags.SHARED | IrqFlags.ONESHOT,
                "nica", a.cookie());

        assertThat(errnoOf(() -> b.dev().requestIrq(19, irq -> IrqReturn.NONE, IrqFlags.SHARED, "nicb", b.cookie())))
                .isEqualTo(Errno.EBUSY);
        assertThat(m.dmesg()).contains("genirq: Flags mismatch irq 19. 00000080 (nicb) vs. 00002080 (nica)");
        b.dev().requestThreadedIrq(19, irq -> IrqReturn.NONE, irq -> IrqReturn.HANDLED, IrqFlags.SHARED | IrqFlags.ONESHOT,
                "nicb", b.cookie());
        assertThat(m.irqCore().desc(19).actions()).extracting(IrqAction::name).containsExactly("nica", "nicb");
    }

    @Test
    void sharedWithoutDevIdIsEinval() throws Exception {
        boot(MachineConfig.builder(), null, null);

        assertThat(errnoOf(() -> a.dev().requestIrq(19, irq -> IrqReturn.NONE, IrqFlags.SHARED, "nica", null)))
                .isEqualTo(Errno.EINVAL);
        assertThat(m.irqCore().desc(19).actions()).isEmpty();
    }

    @Test
    void sharedWithNoAutoenIsEinval() throws Exception {
        boot(MachineConfig.builder(), null, null);

        assertThat(errnoOf(() -> a.dev().requestIrq(19, irq -> IrqReturn.NONE, IrqFlags.SHARED | IrqFlags.NO_AUTOEN,
                "nica", a.cookie()))).isEqualTo(Errno.EINVAL);
        assertThat(m.irqCore().desc(19).actions()).isEmpty();
    }

    @Test
    void injectedRequestIrqFailureIsEbusyOnce() throws Exception {
        boot(MachineConfig.builder(), null, null);
        m.faults().failRequestIrq(1);

        assertThat(errnoOf(() -> a.dev().requestIrq(19, irq -> IrqReturn.NONE, IrqFlags.SHARED, "nica", a.cookie())))
                .isEqualTo(Errno.EBUSY);
        a.dev().requestIrq(19, irq -> IrqReturn.NONE, IrqFlags.SHARED, "nica", a.cookie());
        assertThat(m.irqCore().desc(19).actions()).extracting(IrqAction::name).containsExactly("nica");
    }

    @Test
    void debugShirqCallsTheFreedHandlerOnceMore() throws Exception {
        boot(MachineConfig.builder().debugShirq(true), wellBehaved(), wellBehaved());

        b.dev().freeIrq(19, b.cookie());

        assertThat(calls).containsExactly("nicb NONE");
        assertThat(m.irqCore().desc(19).actions()).extracting(IrqAction::name).containsExactly("nica");
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void withoutDebugShirqFreeDoesNotCallTheHandler() throws Exception {
        boot(MachineConfig.builder(), wellBehaved(), wellBehaved());

        b.dev().freeIrq(19, b.cookie());

        assertThat(calls).isEmpty();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void claimingTheDebugShirqCallIsAD14Violation() throws Exception {
        boolean[] inHardIrq = new boolean[1];
        IrqHandlerFactory greedy = (name, regs) -> irq -> {
            calls.add(name + " HANDLED");
            inHardIrq[0] = m.cpus().current().inHardIrq();
            return IrqReturn.HANDLED;
        };
        boot(MachineConfig.builder().debugShirq(true), wellBehaved(), greedy);

        b.dev().freeIrq(19, b.cookie());

        assertThat(calls).containsExactly("nicb HANDLED");
        assertThat(inHardIrq[0]).as("the extra call runs as a hard-IRQ handler").isTrue();
        assertThat(m.violations().ofRule("D14")).singleElement().satisfies(v -> {
            assertThat(v.device()).isEqualTo(DEV_B);
            assertThat(v.message()).contains("DEBUG_SHIRQ call after free_irq");
        });
    }

    @Test
    void freeingAnIrqThatIsNotRequestedIsAD14Violation() throws Exception {
        boot(MachineConfig.builder(), wellBehaved(), null);

        b.dev().freeIrq(19, b.cookie());

        assertThat(m.violations().ofRule("D14")).singleElement().satisfies(v -> {
            assertThat(v.message()).isEqualTo("Trying to free already-free IRQ 19");
            assertThat(v.device()).isEqualTo(DEV_B);
            assertThat(v.driver()).isEqualTo("nicb");
        });
        assertThat(m.irqCore().desc(19).actions()).extracting(IrqAction::name).containsExactly("nica");
        assertThat(a.dev().name()).isEqualTo(DEV_A);
    }
}
