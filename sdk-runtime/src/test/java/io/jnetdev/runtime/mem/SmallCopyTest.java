package io.jnetdev.runtime.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SmallCopy} does what {@code MemorySegment.copy} does: bytes, overlap, bounds, read-only. */
class SmallCopyTest {
    private static final long SEED = 7;

    private static MemorySegment patterned(MemorySegment seg, Random rnd) {
        for (long i = 0; i < seg.byteSize(); i++) {
            seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt());
        }
        return seg;
    }

    @Test
    void copiesLikeMemorySegmentCopyBetweenHeapAndNativeSegments() {
        Random rnd = new Random(SEED);
        try (Arena arena = Arena.ofConfined()) {
            for (int round = 0; round < 200; round++) {
                boolean srcNative = rnd.nextBoolean();
                boolean dstNative = rnd.nextBoolean();
                MemorySegment src = patterned(srcNative ? arena.allocate(300) : MemorySegment.ofArray(new byte[300]), rnd);
                MemorySegment dst = patterned(dstNative ? arena.allocate(300) : MemorySegment.ofArray(new byte[300]), rnd);
                MemorySegment expected = MemorySegment.ofArray(dst.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                int n = rnd.nextInt(150);
                long so = rnd.nextInt(150);
                long dof = rnd.nextInt(150);
                MemorySegment.copy(src, so, expected, dof, n);
                SmallCopy.copy(src, so, dst, dof, n);
                assertThat(dst.mismatch(expected)).as("seed %d round %d: %d bytes %d -> %d", SEED, round, n, so, dof)
                        .isEqualTo(-1L);
            }
        }
    }

    @Test
    void overlappingRangesCopyAsIfThroughATemporary() {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 100; round++) {
            byte[] bytes = new byte[200];
            rnd.nextBytes(bytes);
            MemorySegment seg = MemorySegment.ofArray(bytes.clone());
            MemorySegment expected = MemorySegment.ofArray(bytes.clone());
            int n = 1 + rnd.nextInt(100);
            long so = rnd.nextInt(100);
            long dof = rnd.nextInt(100);
            MemorySegment.copy(expected, so, expected, dof, n);
            SmallCopy.copy(seg, so, seg, dof, n);
            assertThat(seg.mismatch(expected)).as("seed %d round %d: %d bytes %d -> %d", SEED, round, n, so, dof)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void outOfBoundsOrReadOnlyIsRefusedAndWritesNothing() {
        MemorySegment src = MemorySegment.ofArray(new byte[64]);
        src.fill((byte) 1);
        MemorySegment dst = MemorySegment.ofArray(new byte[64]);
        assertThatThrownBy(() -> SmallCopy.copy(src, 10, dst, 0, 60)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SmallCopy.copy(src, 0, dst, 10, 60)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SmallCopy.copy(src, 0, dst.asReadOnly(), 0, 60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dst.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
    }
}
