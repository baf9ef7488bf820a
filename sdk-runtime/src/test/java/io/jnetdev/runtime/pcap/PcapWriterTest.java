package io.jnetdev.runtime.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes {@link PcapWriter} writes, field by field against the libpcap file format (file header
 * magic 0xa1b23c4d for nanosecond timestamps, version 2.4, snapshot length, LINKTYPE_ETHERNET;
 * record header seconds, nanoseconds, captured and original length), without any pcap reader.
 */
class PcapWriterTest {
    @TempDir
    Path dir;

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] frame(int length, int seed) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) {
            f[i] = (byte) (seed * 31 + i);
        }
        return f;
    }

    @Test
    void fileHeaderCarriesTheNanosecondMagicVersionSnaplenAndEthernetLinkType() throws IOException {
        Path file = dir.resolve("empty.pcap");
        PcapWriter.create(file).close();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).hasSize(PcapWriter.FILE_HEADER_BYTES);
        // little-endian: the magic's bytes reversed, which is how readers tell the byte order
        assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x4d, 0x3c, 0xb2, 0xa1);
        ByteBuffer b = le(bytes);
        assertThat(b.getInt(0)).isEqualTo(0xa1b23c4d);
        assertThat(b.getShort(4)).isEqualTo((short) 2);
        assertThat(b.getShort(6)).isEqualTo((short) 4);
        assertThat(b.getInt(8)).as("thiszone").isZero();
        assertThat(b.getInt(12)).as("sigfigs").isZero();
        assertThat(b.getInt(16)).as("snaplen").isEqualTo(262_144);
        assertThat(b.getInt(20)).as("LINKTYPE_ETHERNET").isEqualTo(1);
    }

    @Test
    void recordsCarrySecondsNanosecondsLengthsAndTheFrameBytes() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] a = frame(60, 1);
        byte[] b = frame(1514, 2);
        long t1 = 3_000_000_123L;  // 3 s + 123 ns
        long t2 = 4_999_999_999L;
        try (PcapWriter w = new PcapWriter(Channels.newChannel(sink), PcapWriter.DEFAULT_SNAPLEN)) {
            // a frame sitting in the middle of a larger segment, as in an skb's slot
            byte[] slot = new byte[200];
            System.arraycopy(a, 0, slot, 66, a.length);
            w.write(t1, MemorySegment.ofArray(slot), 66, a.length);
            w.write(t2, MemorySegment.ofArray(b), 0, b.length);
            assertThat(w.records()).isEqualTo(2);
        }
        byte[] bytes = sink.toByteArray();
        assertThat(bytes).hasSize(24 + 16 + 60 + 16 + 1514);
        ByteBuffer r = le(bytes);
        assertThat(r.getInt(24)).isEqualTo(3);
        assertThat(r.getInt(28)).isEqualTo(123);
        assertThat(r.getInt(32)).as("captured length").isEqualTo(60);
        assertThat(r.getInt(36)).as("length on the wire").isEqualTo(60);
        assertThat(Arrays.copyOfRange(bytes, 40, 100)).isEqualTo(a);
        int second = 100;
        assertThat(r.getInt(second)).isEqualTo(4);
        assertThat(r.getInt(second + 4)).isEqualTo(999_999_999);
        assertThat(r.getInt(second + 8)).isEqualTo(1514);
        assertThat(r.getInt(second + 12)).isEqualTo(1514);
        assertThat(Arrays.copyOfRange(bytes, second + 16, bytes.length)).isEqualTo(b);
    }

    @Test
    void framesLongerThanTheSnapshotLengthAreCutButKeepTheirLength() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] f = frame(300, 3);
        try (PcapWriter w = new PcapWriter(Channels.newChannel(sink), 128)) {
            w.write(7, MemorySegment.ofArray(f), 0, f.length);
        }
        ByteBuffer r = le(sink.toByteArray());
        assertThat(r.getInt(16)).as("snaplen in the file header").isEqualTo(128);
        assertThat(r.getInt(32)).as("captured length").isEqualTo(128);
        assertThat(r.getInt(36)).as("length on the wire").isEqualTo(300);
        assertThat(sink.toByteArray()).hasSize(24 + 16 + 128);
        assertThat(Arrays.copyOfRange(sink.toByteArray(), 40, 168)).isEqualTo(Arrays.copyOf(f, 128));
    }

    @Test
    void nothingIsLostWhenTheBufferFillsAndFlushMakesTheFileCompleteSoFar() throws IOException {
        Path file = dir.resolve("many.pcap");
        int frames = 300; // 300 × (16 + 1514) bytes: several times the writer's buffer
        try (PcapWriter w = PcapWriter.create(file)) {
            for (int i = 0; i < frames; i++) {
                w.write(i * 1000L, MemorySegment.ofArray(frame(1514, i)), 0, 1514);
            }
            w.flush();
            assertThat(Files.size(file)).as("after flush, before close").isEqualTo(24L + frames * (16L + 1514));
        }
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer r = le(bytes);
        for (int i = 0; i < frames; i++) {
            int at = 24 + i * (16 + 1514);
            assertThat(r.getInt(at + 4)).as("record %d nanoseconds", i).isEqualTo(i * 1000);
            assertThat(Arrays.copyOfRange(bytes, at + 16, at + 16 + 1514)).as("record %d bytes", i).isEqualTo(frame(1514, i));
        }
    }

    @Test
    void refusesABadSnaplenAndWritesAfterClose() throws IOException {
        assertThatThrownBy(() -> new PcapWriter(Channels.newChannel(new ByteArrayOutputStream()), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot length");
        PcapWriter w = new PcapWriter(Channels.newChannel(new ByteArrayOutputStream()), 64);
        w.close();
        w.close(); // a second close does nothing
        assertThatThrownBy(() -> w.write(0, MemorySegment.ofArray(new byte[60]), 0, 60))
                .isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
