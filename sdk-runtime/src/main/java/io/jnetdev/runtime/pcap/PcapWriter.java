package io.jnetdev.runtime.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the classic libpcap file format that tcpdump's {@code -w} writes and tshark, Wireshark
 * and tcpdump {@code -r} read: a 24-byte file header, then per frame a 16-byte record header and
 * the frame's bytes. This writer uses the nanosecond variant (magic {@code 0xa1b23c4d}) so that
 * virtual time is kept to the nanosecond, Ethernet link type ({@code LINKTYPE_ETHERNET}) and
 * tcpdump's default snapshot length of 262144 bytes. Fields are written in little-endian order;
 * readers tell the order from the magic.
 *
 * <p>Records are gathered in one buffer made at creation and written out when it fills, at
 * {@link #flush} and at {@link #close}: writing a frame allocates nothing.
 */
public final class PcapWriter implements Closeable {
    /** The magic of the nanosecond-resolution variant: record timestamps carry nanoseconds. */
    public static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    /** The file format version, 2.4 since libpcap 0.4. */
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    /** {@code LINKTYPE_ETHERNET} (tcpdump's {@code EN10MB}): frames from the destination address on, no FCS. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** tcpdump's default snapshot length ({@code MAXIMUM_SNAPLEN}): longer frames are cut to it. */
    public static final int DEFAULT_SNAPLEN = 262_144;
    /** Bytes of the file header. */
    public static final int FILE_HEADER_BYTES = 24;
    /** Bytes of a record header: seconds, nanoseconds, captured length, length on the wire. */
    public static final int RECORD_HEADER_BYTES = 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MIN_BUFFER = 64 * 1024;

    private final WritableByteChannel out;
    private final int snaplen;
    private final ByteBuffer buffer;
    /** {@link #buffer} as a segment, for copying frames straight from the skb's memory. */
    private final MemorySegment bufferSegment;
    private long records;
    private boolean closed;

    /** Writes the file header into the buffer; nothing reaches {@code out} before the first flush. */
    public PcapWriter(WritableByteChannel out, int snaplen) {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("pcap snapshot length must be positive, not " + snaplen);
        }
        this.out = out;
        this.snaplen = snaplen;
        this.buffer = ByteBuffer.allocate(Math.max(MIN_BUFFER, RECORD_HEADER_BYTES + snaplen)).order(ByteOrder.LITTLE_ENDIAN);
        this.bufferSegment = MemorySegment.ofBuffer(buffer);
        buffer.putInt(MAGIC_NANOSECONDS)
                .putShort((short) VERSION_MAJOR)
                .putShort((short) VERSION_MINOR)
                .putInt(0)            // thiszone: timestamps are UTC (here: virtual time since boot)
                .putInt(0)            // sigfigs: always 0
                .putInt(snaplen)
                .putInt(LINKTYPE_ETHERNET);
    }

    /** Creates (or truncates) {@code file} and writes the file header to it at once. */
    public static PcapWriter create(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        PcapWriter w = new PcapWriter(ch, DEFAULT_SNAPLEN);
        try {
            w.flush();
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return w;
    }

    public int snaplen() {
        return snaplen;
    }

    /** Records written so far (including those still in the buffer). */
    public long records() {
        return records;
    }

    /**
     * Appends one frame seen at {@code nanos}: {@code length} bytes of {@code src} from
     * {@code offset}, of which at most the snapshot length is kept.
     */
    public void write(long nanos, MemorySegment src, long offset, int length) throws IOException {
        if (closed) {
            throw new IOException("pcap writer is closed");
        }
        if (nanos < 0 || length < 0) {
            throw new IllegalArgumentException("pcap record at " + nanos + " ns of " + length + " bytes");
        }
        int caplen = Math.min(length, snaplen);
        if (buffer.remaining() < RECORD_HEADER_BYTES + caplen) {
            flush();
        }
        buffer.putInt((int) (nanos / NANOS_PER_SECOND))  // ts_sec, unsigned 32-bit
                .putInt((int) (nanos % NANOS_PER_SECOND)) // ts_nsec
                .putInt(caplen)
                .putInt(length);
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, offset, bufferSegment, ValueLayout.JAVA_BYTE, buffer.position(), caplen);
        buffer.position(buffer.position() + caplen);
        records++;
    }

    /** Writes out what the buffer holds: the file is then a complete capture of every record so far. */
    public void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } finally {
            buffer.compact();
        }
    }

    /** Flushes and closes the channel; a second close does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
