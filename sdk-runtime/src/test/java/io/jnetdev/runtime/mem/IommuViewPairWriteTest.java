package io.jnetdev.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.hw.DmaFaultException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IommuView#write64Pair}, a descriptor write-back as one 16-byte access: both words land
 * little-endian where two {@code write64}s would put them, and whatever would refuse either word
 * (bus mastering off, a closed window, a window ending inside the 16 bytes) refuses the pair,
 * reported, with neither word written.
 */
class IommuViewPairWriteTest {
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PhysicalMemory memory;
    private final List<DmaFaultException> reported = new ArrayList<>();
    private IommuView view;
    private PhysicalMemory.Block ring;

    @BeforeEach
    void setUp() throws Exception {
        memory = new PhysicalMemory(1L << 20);
        view = new IommuView("0000:00:04.0", reported::add);
        view.busMastering(true);
        ring = memory.allocate(4096, Long.MAX_VALUE, "ring");
    }

    @Test
    void writesBothWordsLittleEndianAtTheAddressAndEightAfter() {
        view.open(ring, 0, 4096, "ring");
        view.write64Pair(ring.address() + 32, 0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L);
        assertThat(ring.segment().get(LE_LONG, 32)).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(ring.segment().get(LE_LONG, 40)).isEqualTo(0x1112_1314_1516_1718L);
        assertThat(ring.segment().get(ValueLayout.JAVA_BYTE, 32)).isEqualTo((byte) 0x08);
        assertThat(view.read64(ring.address() + 40)).isEqualTo(0x1112_1314_1516_1718L);
        assertThat(reported).isEmpty();
    }

    @Test
    void aWindowEndingInsideThePairRefusesBothWords() {
        view.open(ring, 0, 24, "ring"); // the second word, bytes 16..23 past 8, would run out at 24
        assertThatThrownBy(() -> view.write64Pair(ring.address() + 16, -1L, -1L))
                .isInstanceOf(DmaFaultException.class);
        assertThat(ring.segment().get(LE_LONG, 16)).as("the first word is not written either").isZero();
        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst().getMessage()).contains("0000:00:04.0");
    }

    @Test
    void busMasteringOffRefusesThePairEvenRightAfterTheWindowWasUsed() {
        view.open(ring, 0, 4096, "ring");
        view.write64Pair(ring.address(), 1L, 2L); // the window is remembered now
        view.busMastering(false);
        assertThatThrownBy(() -> view.write64Pair(ring.address(), 3L, 4L)).isInstanceOf(DmaFaultException.class);
        assertThat(ring.segment().get(LE_LONG, 0)).isEqualTo(1L);
        assertThat(ring.segment().get(LE_LONG, 8)).isEqualTo(2L);
        assertThat(reported).hasSize(1);
    }

    @Test
    void aClosedWindowRefusesThePair() {
        IommuView.Window w = view.open(ring, 0, 4096, "ring");
        view.write64Pair(ring.address() + 16, 5L, 6L);
        view.close(w);
        assertThatThrownBy(() -> view.write64Pair(ring.address() + 16, 7L, 8L)).isInstanceOf(DmaFaultException.class);
        assertThat(ring.segment().get(LE_LONG, 16)).isEqualTo(5L);
        assertThat(reported).hasSize(1);
    }
}
