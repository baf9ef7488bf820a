package io.jnetdev.runtime.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.mem.IommuView;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link FaultInjector#stallDma}: the device's DMA is refused and its model sees bus mastering
 * off, while the config space the driver reads still says bus mastering is on; {@link
 * FaultInjector#resumeDma} (or a reset of the injector) gives the bus back and tells the model, as
 * bus mastering switched on again would.
 */
class DmaStallTest {
    private Machine m;
    private PciDev dev;
    private final TestPciModel inner = TestPciModel.builder().build();
    /** The command values the model was told about (config writes and the end of a stall). */
    private final List<Integer> commands = new ArrayList<>();

    /** The test model, counting what {@link PciFunctionModel#commandWritten} it is told. */
    private final PciFunctionModel model = new PciFunctionModel() {
        @Override
        public PciConfigLayout layout() {
            return inner.layout();
        }

        @Override
        public void attach(DeviceContext context) {
            inner.attach(context);
        }

        @Override
        public long read(int bar, long offset, int size) {
            return inner.read(bar, offset, size);
        }

        @Override
        public void write(int bar, long offset, int size, long value) {
            inner.write(bar, offset, size, value);
        }

        @Override
        public void commandWritten(int command) {
            commands.add(command);
        }
    };

    private void boot() throws ErrnoException {
        m = Machines.booted(MachineConfig.builder().seed(5).slot(3, () -> model));
        TestDriver drv = new TestDriver("stallnic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            d.setMaster();
            dev = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("stallnic", () -> new TestModule("stallnic", drv));
        m.modprobe("stallnic", Map.of());
    }

    private IommuView view() {
        return m.pci().function(3).orElseThrow().iommu();
    }

    @Test
    void aStalledDeviceIsRefusedAndSeesNoBusMasteringWhileConfigSpaceIsUnchanged() throws ErrnoException {
        boot();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        DeviceContext ctx = inner.context();
        ctx.dma().write32(buf.dmaAddress(), 0x1234_5678);
        int command = dev.configRead16(PciRegs.COMMAND);
        int told = commands.size();

        m.faults().stallDma(view());
        Throwable t = catchThrowable(() -> ctx.dma().write32(buf.dmaAddress(), 0x0BAD_0BAD));
        assertThat(t).as("a write while stalled is refused").isInstanceOf(DmaFaultException.class)
                .hasMessageContaining("injected DMA stall");
        assertThat(catchThrowable(() -> ctx.dma().read32(buf.dmaAddress()))).as("and a read")
                .isInstanceOf(DmaFaultException.class);
        assertThat(buf.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED
                .withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0)).as("memory is untouched").isEqualTo(0x1234_5678);
        assertThat(ctx.busMasterEnabled()).as("the model sees bus mastering off").isFalse();
        assertThat(dev.configRead16(PciRegs.COMMAND)).as("the driver's config space still has it on").isEqualTo(command)
                .matches(c -> (c & PciRegs.COMMAND_MASTER) != 0, "has COMMAND_MASTER");
        assertThat(commands).as("nothing told to the model while it stalls").hasSize(told);

        m.faults().resumeDma(view());
        assertThat(ctx.busMasterEnabled()).as("bus mastering back").isTrue();
        assertThat(commands).as("the model is told once, with the command register as it is")
                .hasSize(told + 1).endsWith(command);
        ctx.dma().write32(buf.dmaAddress(), 0x0600_0D00);
        assertThat(ctx.dma().read32(buf.dmaAddress())).as("DMA works again").isEqualTo(0x0600_0D00);

        m.faults().resumeDma(view());
        assertThat(commands).as("resuming a device that is not stalled tells nobody").hasSize(told + 1);
        assertThat(view().faults()).as("the two refused accesses are on the view's record").hasSize(2);
    }

    @Test
    void resettingTheInjectorGivesTheBusBack() throws ErrnoException {
        boot();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        DeviceContext ctx = inner.context();
        m.faults().stallDma(view()).stallDma(view());
        assertThat(view().stalled()).isTrue();
        m.faults().reset();
        assertThat(view().stalled()).as("reset ends every stall").isFalse();
        assertThat(ctx.busMasterEnabled()).isTrue();
        ctx.dma().write32(buf.dmaAddress(), 7);
        assertThat(ctx.dma().read32(buf.dmaAddress())).isEqualTo(7);
    }

    @Test
    void aStallDoesNotHideBusMasteringTheDriverTurnedOff() throws ErrnoException {
        boot();
        DeviceContext ctx = inner.context();
        dev.clearMaster();
        m.faults().stallDma(view());
        m.faults().resumeDma(view());
        assertThat(ctx.busMasterEnabled()).as("the end of a stall gives back only what config space allows").isFalse();
        assertThat(view().mastering()).isFalse();
    }
}
