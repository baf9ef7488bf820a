package io.jnetdev.cli.shell;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test's own reader of a little-endian, nanosecond pcap file, for the checks that need no tshark:
 * it insists on a complete file (header, then whole records, nothing trailing).
 */
record PcapRecords(int snaplen, int linkType, List<Frame> frames) {
    record Frame(long nanos, int length, byte[] bytes) {}

    static PcapRecords read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 24 || b.getInt(0) != 0xa1b23c4d) {
            throw new IOException(file + ": not a nanosecond pcap file (" + all.length + " bytes)");
        }
        List<Frame> frames = new ArrayList<>();
        int at = 24;
        while (at < all.length) {
            if (at + 16 > all.length) {
                throw new IOException(file + ": a record header cut short at byte " + at);
            }
            long nanos = (b.getInt(at) & 0xFFFF_FFFFL) * 1_000_000_000L + b.getInt(at + 4);
            int caplen = b.getInt(at + 8);
            int length = b.getInt(at + 12);
            if (at + 16 + caplen > all.length) {
                throw new IOException(file + ": a record cut short at byte " + at);
            }
            frames.add(new Frame(nanos, length, Arrays.copyOfRange(all, at + 16, at + 16 + caplen)));
            at += 16 + caplen;
        }
        return new PcapRecords(b.getInt(16), b.getInt(20), frames);
    }
}
