package io.jnetdev.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.DmaDirection;
import io.jnetdev.api.pci.DmaMapping;
import io.jnetdev.api.pci.MemoryBuffer;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.hw.DmaFaultException;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.testing.Machines;
import io.jnetdev.runtime.testing.TestDriver;
import io.jnetdev.runtime.testing.TestModule;
import io.jnetdev.runtime.testing.TestPciModel;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The DMA API and the device's IOMMU view: coherent memory within the DMA mask, streaming
 * mappings of kernel memory, and a device that can reach only what is mapped for it while bus
 * mastering is on. Freeing twice is caught (D3: every resource freed exactly once).
 */
class DmaTest {
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final String DEV = "0000:00:03.0";
    private static final long MIB = 1L << 20;

    private Machine m;
    private TestPciModel model;

    /** A booted machine with one device bound to a driver that enables it and sets bus mastering. */
    private PciDev bound() throws ErrnoException {
        model = TestPciModel.builder().build();
        m = Machines.booted(MachineConfig.builder().slot(3, () -> model));
        PciDev[] dev = new PciDev[1];
        TestDriver drv = new TestDriver("dmanic", PciDeviceId.of(0x1AF4, 0x0001)).onProbe((d, id) -> {
            d.enableDevice();
            d.setMaster();
            dev[0] = d;
            return ProbeResult.bound();
        });
        m.modules().addAvailable("dmanic", () -> new TestModule("dmanic", drv));
        m.modprobe("dmanic", Map.of());
        return dev[0];
    }

    private DmaPort deviceDma() {
        return model.context().dma();
    }

    private static Errno errnoOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ErrnoException.class);
        return ((ErrnoException) t).errno();
    }

    @Test
    void coherentMemoryStaysWithinTheDmaMask() throws Exception {
        PciDev dev = bound();
        dev.setDmaMask(24);
        // Fill low memory up to one page below 16 MiB.
        MemoryBuffer hog = dev.kernel().kmalloc(15 * MIB - 4096);
        assertThat(hog.physAddr()).isEqualTo(PhysicalMemory.BASE);

        assertThat(errnoOf(() -> dev.dmaAllocCoherent(8192))).as("two pages do not fit below 16 MiB").isEqualTo(Errno.ENOMEM);
        DmaBuffer low = dev.dmaAllocCoherent(4096);
        assertThat(low.dmaAddress()).isEqualTo(16 * MIB - 4096);
        assertThat(low.dmaAddress() + low.size()).isLessThanOrEqualTo(1L << 24);

        dev.setDmaMask(28);
        DmaBuffer high = dev.dmaAllocCoherent(8192);
        assertThat(high.dmaAddress()).isGreaterThanOrEqualTo(16 * MIB).isLessThan(1L << 28);
        assertThat(high.dmaAddress() + high.size()).isLessThanOrEqualTo(1L << 28);
        assertThat(errnoOf(() -> dev.setDmaMask(16))).isEqualTo(Errno.EIO);
    }

    @Test
    void theDeviceAndTheDriverSeeTheSameCoherentMemory() throws Exception {
        PciDev dev = bound();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        assertThat(buf.dmaAddress()).isEqualTo(buf.physAddr());

        deviceDma().write32(buf.dmaAddress() + 8, 0xCAFE_BABE);
        buf.segment().set(LE_INT, 16, 0x1234_5678);

        assertThat(buf.segment().get(LE_INT, 8)).isEqualTo(0xCAFE_BABE);
        assertThat(deviceDma().read32(buf.dmaAddress() + 16)).isEqualTo(0x1234_5678);
        assertThat(deviceDma().read64(buf.dmaAddress() + 8) & 0xFFFF_FFFFL).isEqualTo(0xCAFE_BABEL);
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void dmaOutsideAnyMappingFaultsIsLoggedAndTouchesNothing() throws Exception {
        PciDev dev = bound();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        long past = buf.dmaAddress() + 4096;

        Throwable t = catchThrowable(() -> deviceDma().write32(past, 1));
        Throwable straddling = catchThrowable(() -> deviceDma().write64(buf.dmaAddress() + 4092, -1L));

        assertThat(t).isInstanceOfSatisfying(DmaFaultException.class, f -> {
            assertThat(f.device()).isEqualTo(DEV);
            assertThat(f.busAddress()).isEqualTo(past);
            assertThat(f.isWrite()).isTrue();
            assertThat(f.getMessage()).contains("no mapping for this device covers it");
        });
        assertThat(straddling).isInstanceOf(DmaFaultException.class);
        assertThat(buf.segment().get(LE_INT, 4092)).as("memory left untouched").isZero();
        assertThat(m.dmesg()).contains(String.format("%s: DMA fault: %s write 4 bytes at 0x%x", DEV, DEV, past));
        assertThat(m.pci().function(DEV).orElseThrow().iommu().faults()).hasSize(2);
    }

    @Test
    void withoutBusMasteringEveryDmaFaults() throws Exception {
        PciDev dev = bound();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        dev.clearMaster();
        assertThat(model.context().busMasterEnabled()).isFalse();

        assertThatThrownBy(() -> deviceDma().write32(buf.dmaAddress(), 5))
                .isInstanceOf(DmaFaultException.class)
                .hasMessageContaining("bus mastering is off");
        assertThat(buf.segment().get(LE_INT, 0)).isZero();

        dev.setMaster();
        deviceDma().write32(buf.dmaAddress(), 5);
        assertThat(buf.segment().get(LE_INT, 0)).isEqualTo(5);
    }

    @Test
    void freedCoherentMemoryIsGoneForBothSides() throws Exception {
        PciDev dev = bound();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        long bus = buf.dmaAddress();
        long inUse = m.memory().bytesInUse();

        dev.dmaFreeCoherent(buf);

        assertThatThrownBy(() -> buf.segment().get(LE_INT, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> deviceDma().write32(bus, 1)).isInstanceOf(DmaFaultException.class);
        assertThat(m.memory().bytesInUse()).isEqualTo(inUse - 4096);
        assertThat(m.memory().blockAt(bus)).isNull();
        assertThat(m.violations().all()).isEmpty();
    }

    @Test
    void freeingCoherentMemoryTwiceIsAViolation() throws Exception {
        PciDev dev = bound();
        DmaBuffer buf = dev.dmaAllocCoherent(4096);
        dev.dmaFreeCoherent(buf);

        dev.dmaFreeCoherent(buf);

        assertThat(m.violations().all()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("D3");
            assertThat(v.device()).isEqualTo(DEV);
            assertThat(v.driver()).isEqualTo("dmanic");
            assertThat(v.message()).contains("dma_free_coherent").contains("double free");
        });
    }

    @Test
    void aStreamingMappingOpensExactlyTheMappedBytesUntilUnmapped() throws Exception {
        PciDev dev = bound();
        MemoryBuffer skb = dev.kernel().kmalloc(2048);

        DmaMapping map = dev.dmaMapSingle(skb, 256, 512, DmaDirection.FROM_DEVICE);

        assertThat(map.dmaAddress()).isEqualTo(skb.physAddr() + 256);
        assertThat(map.length()).isEqualTo(512);
        assertThat(map.direction()).isEqualTo(DmaDirection.FROM_DEVICE);
        deviceDma().write32(map.dmaAddress() + 508, 0x0BAD_F00D);
        assertThat(skb.segment().get(LE_INT, 256 + 508)).isEqualTo(0x0BAD_F00D);
        assertThatThrownBy(() -> deviceDma().write32(map.dmaAddress() + 512, 1)).as("just past the mapping")
                .isInstanceOf(DmaFaultException.class);
        assertThatThrownBy(() -> deviceDma().write32(skb.physAddr(), 1)).as("the unmapped head of the buffer")
                .isInstanceOf(DmaFaultException.class);

        dev.dmaUnmapSingle(map);

        assertThatThrownBy(() -> deviceDma().read32(map.dmaAddress())).isInstanceOf(DmaFaultException.class);
        assertThat(skb.segment().get(LE_INT, 256 + 508)).as("the CPU still owns its buffer").isEqualTo(0x0BAD_F00D);
        dev.dmaUnmapSingle(map);
        assertThat(m.violations().ofRule("D3")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("dma_unmap_single").contains("not mapped"));
    }

    @Test
    void streamingMappingsOutsideTheBufferOrTheMaskAreRefused() throws Exception {
        PciDev dev = bound();
        MemoryBuffer skb = dev.kernel().kmalloc(1024);

        assertThat(errnoOf(() -> dev.dmaMapSingle(skb, 1000, 100, DmaDirection.TO_DEVICE))).isEqualTo(Errno.EINVAL);
        assertThat(errnoOf(() -> dev.dmaMapSingle(skb, 0, 0, DmaDirection.TO_DEVICE))).isEqualTo(Errno.EINVAL);

        dev.setDmaMask(24);
        dev.kernel().kmalloc(16 * MIB);
        MemoryBuffer high = dev.kernel().kmalloc(4096);
        assertThat(high.physAddr()).isGreaterThanOrEqualTo(1L << 24);
        assertThat(errnoOf(() -> dev.dmaMapSingle(high, 0, 64, DmaDirection.TO_DEVICE))).isEqualTo(Errno.EIO);
        assertThat(m.pci().function(DEV).orElseThrow().iommu().openWindows()).isEmpty();
    }

    @Test
    void theSameBufferMayBeMappedTwice() throws Exception {
        PciDev dev = bound();
        MemoryBuffer page = dev.kernel().kmalloc(4096);

        DmaMapping whole = dev.dmaMapSingle(page, 0, 4096, DmaDirection.BIDIRECTIONAL);
        DmaMapping header = dev.dmaMapSingle(page, 0, 64, DmaDirection.TO_DEVICE);
        DmaMapping middle = dev.dmaMapSingle(page, 1024, 64, DmaDirection.TO_DEVICE);

        deviceDma().write32(whole.dmaAddress() + 2048, 42);
        assertThat(page.segment().get(LE_INT, 2048)).as("covered by the whole-page mapping").isEqualTo(42);
        dev.dmaUnmapSingle(whole);
        assertThat(deviceDma().read32(header.dmaAddress())).isZero();
        assertThatThrownBy(() -> deviceDma().read32(header.dmaAddress() + 64)).isInstanceOf(DmaFaultException.class);
        deviceDma().write32(middle.dmaAddress() + 60, 7);
        dev.dmaUnmapSingle(header);
        dev.dmaUnmapSingle(middle);
        assertThat(m.pci().function(DEV).orElseThrow().iommu().openWindows()).isEmpty();
        assertThat(m.violations().all()).isEmpty();
    }
}
