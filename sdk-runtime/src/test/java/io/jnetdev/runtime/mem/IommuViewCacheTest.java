package io.jnetdev.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.hw.DmaFaultException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IOMMU view remembers the last two windows that resolved an access, so that a model
 * alternating between its ring and its buffers skips the search. Remembering must never let an
 * access through that the search would refuse: a closed window, bus mastering off, an access
 * that runs past the remembered window's end.
 */
class IommuViewCacheTest {
    private PhysicalMemory memory;
    private final List<DmaFaultException> reported = new ArrayList<>();
    private IommuView view;
    private PhysicalMemory.Block a;
    private PhysicalMemory.Block b;
    private PhysicalMemory.Block c;

    @BeforeEach
    void setUp() throws Exception {
        memory = new PhysicalMemory(1L << 20);
        view = new IommuView("0000:00:03.0", reported::add);
        view.busMastering(true);
        a = memory.allocate(4096, Long.MAX_VALUE, "ring");
        b = memory.allocate(8192, Long.MAX_VALUE, "buffers");
        c = memory.allocate(4096, Long.MAX_VALUE, "other");
    }

    @Test
    void alternatingWindowsReachTheirOwnBytes() {
        view.open(a, 0, 4096, "ring");
        view.open(b, 0, 8192, "buffers");
        for (int i = 0; i < 4; i++) {
            view.write64(a.address() + 8L * i, 0x1000L + i);
            view.write64(b.address() + 4096 + 8L * i, 0x2000L + i);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(view.read64(a.address() + 8L * i)).isEqualTo(0x1000L + i);
            assertThat(view.read64(b.address() + 4096 + 8L * i)).isEqualTo(0x2000L + i);
        }
        assertThat(a.segment().get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 8)).isEqualTo(0x1001L);
        assertThat(reported).isEmpty();
    }

    @Test
    void aClosedWindowFaultsEvenRightAfterItWasUsed() {
        IommuView.Window ring = view.open(a, 0, 4096, "ring");
        IommuView.Window buffers = view.open(b, 0, 8192, "buffers");
        view.write32(a.address(), 1);
        view.write32(b.address(), 2); // both remembered now
        view.close(ring);
        assertThatThrownBy(() -> view.read32(a.address())).isInstanceOf(DmaFaultException.class);
        assertThat(view.read32(b.address())).as("the other remembered window stays usable").isEqualTo(2);
        view.close(buffers);
        assertThatThrownBy(() -> view.read32(b.address())).isInstanceOf(DmaFaultException.class);
        assertThat(reported).hasSize(2);
    }

    @Test
    void aThirdWindowEvictsTheOldestAndEveryWindowStillResolves() {
        view.open(a, 0, 4096, "ring");
        view.open(b, 0, 8192, "buffers");
        IommuView.Window other = view.open(c, 0, 4096, "other");
        view.write32(a.address(), 1);
        view.write32(b.address(), 2);
        view.write32(c.address(), 3); // evicts the ring
        assertThat(view.read32(a.address())).isEqualTo(1);
        assertThat(view.read32(b.address())).isEqualTo(2);
        assertThat(view.read32(c.address())).isEqualTo(3);
        view.close(other);
        assertThatThrownBy(() -> view.read32(c.address())).isInstanceOf(DmaFaultException.class);
    }

    @Test
    void aRememberedWindowDoesNotCoverAnAccessPastItsEndOrWithoutBusMastering() {
        view.open(a, 0, 4096, "ring");
        view.write64(a.address() + 4088, 7);
        assertThatThrownBy(() -> view.read64(a.address() + 4092)).as("straddles the window's end")
                .isInstanceOf(DmaFaultException.class);
        view.busMastering(false);
        assertThatThrownBy(() -> view.read64(a.address() + 4088)).as("bus mastering off")
                .isInstanceOf(DmaFaultException.class);
        view.busMastering(true);
        assertThat(view.read64(a.address() + 4088)).isEqualTo(7);
    }

    @Test
    void aStallAndTheBusMasterBitEachRefuseAndTheBusOpensOnlyWhenBothAllow() {
        view.open(a, 0, 4096, "ring");
        view.write64(a.address(), 9);
        view.stall();
        view.busMastering(true); // a config write during the stall must not open the bus
        assertThat(view.mastering()).isFalse();
        assertThatThrownBy(() -> view.read64(a.address())).hasMessageContaining("withheld");
        view.busMastering(false);
        view.resume(); // the stall ends with bus mastering off: still refused, for that reason
        assertThat(view.mastering()).isFalse();
        assertThatThrownBy(() -> view.read64(a.address())).hasMessageContaining("bus mastering is off");
        view.busMastering(true);
        assertThat(view.mastering()).isTrue();
        assertThat(view.read64(a.address())).isEqualTo(9);
    }

    @Test
    void aPartialWindowMapsOnlyItsBytesAtTheRightOffset() {
        view.open(b, 4096, 64, "one buffer");
        view.write32(b.address() + 4096 + 60, 0x55);
        assertThat(b.segment().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 4156))
                .isEqualTo(0x55);
        assertThatThrownBy(() -> view.write32(b.address() + 4096 + 62, 1)).isInstanceOf(DmaFaultException.class);
        assertThatThrownBy(() -> view.write32(b.address(), 1)).isInstanceOf(DmaFaultException.class);
    }
}
