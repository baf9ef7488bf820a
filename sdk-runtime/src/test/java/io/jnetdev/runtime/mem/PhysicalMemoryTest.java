package io.jnetdev.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Physical memory hands out page-aligned blocks first-fit from the lowest address, honours an
 * address limit (what a DMA mask needs), fails with ENOMEM when nothing fits, and closes a freed
 * block's memory so a use after free fails at once (the memory behind D3's "free everything").
 */
class PhysicalMemoryTest {
    private static final long PAGE = PhysicalMemory.PAGE;
    private static final long BASE = PhysicalMemory.BASE;

    @Test
    void blocksArePageAlignedAndHandedOutFirstFitFromTheBottom() throws Exception {
        PhysicalMemory mem = new PhysicalMemory(64 * PAGE);

        PhysicalMemory.Block a = mem.allocate(100, Long.MAX_VALUE, "a");
        PhysicalMemory.Block b = mem.allocate(PAGE + 1, Long.MAX_VALUE, "b");
        PhysicalMemory.Block c = mem.allocate(PAGE, Long.MAX_VALUE, "c");

        assertThat(a.address()).isEqualTo(BASE);
        assertThat(a.length()).isEqualTo(PAGE);
        assertThat(a.size()).isEqualTo(100);
        assertThat(a.segment().byteSize()).isEqualTo(100);
        assertThat(b.address()).isEqualTo(BASE + PAGE);
        assertThat(b.length()).isEqualTo(2 * PAGE);
        assertThat(c.address()).isEqualTo(BASE + 3 * PAGE);
        assertThat(mem.bytesInUse()).isEqualTo(4 * PAGE);
        assertThat(mem.blockCount()).isEqualTo(3);

        // Freeing b leaves a two-page hole: a one-page request takes its start, a three-page one goes above c.
        mem.free(b);
        PhysicalMemory.Block d = mem.allocate(PAGE, Long.MAX_VALUE, "d");
        PhysicalMemory.Block e = mem.allocate(3 * PAGE, Long.MAX_VALUE, "e");
        PhysicalMemory.Block f = mem.allocate(PAGE, Long.MAX_VALUE, "f");
        assertThat(d.address()).isEqualTo(BASE + PAGE);
        assertThat(e.address()).isEqualTo(BASE + 4 * PAGE);
        assertThat(f.address()).as("the rest of the hole").isEqualTo(BASE + 2 * PAGE);
    }

    @Test
    void memoryIsZeroedAndBlockAtFindsTheOwner() throws Exception {
        PhysicalMemory mem = new PhysicalMemory(16 * PAGE);
        PhysicalMemory.Block a = mem.allocate(256, Long.MAX_VALUE, "ring");

        for (long off = 0; off < 256; off += 4) {
            assertThat(a.segment().get(ValueLayout.JAVA_INT_UNALIGNED, off)).isZero();
        }
        assertThat(mem.blockAt(BASE)).isSameAs(a);
        assertThat(mem.blockAt(BASE + 255)).isSameAs(a);
        assertThat(mem.blockAt(BASE + 256)).as("past the bytes asked for").isNull();
        assertThat(mem.blockAt(BASE - 1)).isNull();
        assertThat(a.contains(BASE + 200, 56)).isTrue();
        assertThat(a.contains(BASE + 200, 57)).isFalse();
        assertThat(a.owner()).isEqualTo("ring");
    }

    @Test
    void nothingFitsBelowTheLimitIsEnomem() throws Exception {
        PhysicalMemory mem = new PhysicalMemory(8 * PAGE);
        mem.allocate(6 * PAGE, Long.MAX_VALUE, "big");

        assertThatThrownBy(() -> mem.allocate(3 * PAGE, Long.MAX_VALUE, "too big"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOMEM))
                .hasMessageContaining("too big");
        assertThat(mem.allocate(2 * PAGE, Long.MAX_VALUE, "fits").address()).isEqualTo(BASE + 6 * PAGE);
        assertThat(mem.bytesInUse()).isEqualTo(8 * PAGE);
    }

    @Test
    void theAddressLimitIsExclusiveAndHonoured() throws Exception {
        PhysicalMemory mem = new PhysicalMemory(64 * PAGE);
        mem.allocate(2 * PAGE, Long.MAX_VALUE, "low");
        long limit = BASE + 4 * PAGE;

        PhysicalMemory.Block ok = mem.allocate(2 * PAGE, limit, "ends at the limit");
        assertThat(ok.address() + ok.length()).isEqualTo(limit);
        assertThatThrownBy(() -> mem.allocate(PAGE, limit, "over"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOMEM));
        assertThat(mem.allocate(PAGE, Long.MAX_VALUE, "no limit").address()).isEqualTo(limit);
    }

    @Test
    void badSizesAreEinval() {
        PhysicalMemory mem = new PhysicalMemory(8 * PAGE);

        assertThatThrownBy(() -> mem.allocate(0, Long.MAX_VALUE, "zero"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> mem.allocate(-4, Long.MAX_VALUE, "negative"))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> new PhysicalMemory(PAGE - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFreedBlockIsClosedAndCannotBeFreedAgain() throws Exception {
        PhysicalMemory mem = new PhysicalMemory(8 * PAGE);
        PhysicalMemory.Block a = mem.allocate(64, Long.MAX_VALUE, "a");

        mem.free(a);

        assertThatThrownBy(() -> a.segment().get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> mem.free(a)).isInstanceOf(IllegalStateException.class).hasMessageContaining("double free");
        // The same address handed out again is a different block: the stale one still cannot be freed.
        PhysicalMemory.Block b = mem.allocate(64, Long.MAX_VALUE, "b");
        assertThat(b.address()).isEqualTo(a.address());
        assertThatThrownBy(() -> mem.free(a)).isInstanceOf(IllegalStateException.class);
        assertThat(mem.blockCount()).isEqualTo(1);
        assertThat(mem.bytesInUse()).isEqualTo(PAGE);
    }
}
