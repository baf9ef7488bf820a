package io.jnetdev.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.testing.NetBench;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture's tap on the frame path: it writes received frames from their MAC header (which
 * {@code eth_type_trans} pulled) and transmitted ones as {@code dev_queue_xmit_nit} shows them,
 * byte for byte; without a capture the device has no tap; going down ends the capture.
 */
class PacketCaptureTest {
    private static final long SEED = 81;

    @TempDir
    Path dir;

    /** The frames of a nanosecond pcap file, in order (headers checked by PcapWriterTest). */
    private static List<byte[]> frames(Path file) throws java.io.IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> frames = new ArrayList<>();
        for (int at = 24; at < all.length; ) {
            int caplen = b.getInt(at + 8);
            frames.add(Arrays.copyOfRange(all, at + 16, at + 16 + caplen));
            at += 16 + caplen;
        }
        return frames;
    }

    @Test
    void receivedAndTransmittedFramesAreWrittenWholeFromTheirMacHeader() throws Exception {
        NetBench b = NetBench.create(SEED).up();
        NetDeviceImpl dev = b.devImpl();
        assertThat(dev.ptypeAll).as("no capture, no tap").isEmpty();
        Path file = dir.resolve("bench.pcap");
        PacketCapture c = PacketCapture.start(b.machine.net(), dev, file, 0, true);
        assertThat(dev.ptypeAll).containsExactly(c);

        byte[] rx = NetBench.frame(98, NetBench.MAC, EtherType.IPV4);
        b.receiveFrame(rx);
        b.machine.settle();
        byte[] tx = NetBench.frame(142, MacAddress.parse("02:00:00:00:00:09"), EtherType.IPV4);
        Skb skb = b.machine.net().allocSkb(tx.length);
        skb.put(tx.length).copyFrom(MemorySegment.ofArray(tx));
        b.machine.net().devQueueXmit(dev, skb);
        b.machine.settle();
        assertThat(b.deliveredIpv4()).isEqualTo(1);
        assertThat(b.transmitted).hasSize(1);

        c.close();
        assertThat(c.end()).isEqualTo(PacketCapture.End.STOPPED);
        assertThat(c.captured()).isEqualTo(2);
        assertThat(dev.ptypeAll).as("the tap is gone").isEmpty();
        assertThat(dev.promiscuity()).isZero();
        assertThat(frames(file)).containsExactly(rx, tx);
        assertThat(b.transmitted.getFirst()).as("the driver got the frame untouched").isEqualTo(tx);
        assertThat(b.machine.net().skbsInUse()).isZero();
        assertThat(b.machine.violations().all()).isEmpty();
    }

    @Test
    void goingDownEndsTheCaptureAndLetsGoOfTheDevice() throws Exception {
        NetBench b = NetBench.create(SEED).up();
        NetDeviceImpl dev = b.devImpl();
        PacketCapture c = PacketCapture.start(b.machine.net(), dev, dir.resolve("down.pcap"), 0, true);
        b.receive(3, 64);
        b.machine.settle();
        assertThat(dev.promiscuity()).isEqualTo(1);
        b.down();
        assertThat(c.end()).isEqualTo(PacketCapture.End.INTERFACE_DOWN);
        assertThat(c.error()).contains("The interface went down");
        assertThat(c.closed()).isTrue();
        assertThat(dev.ptypeAll).isEmpty();
        assertThat(dev.promiscuity()).isZero();
        assertThat(frames(dir.resolve("down.pcap"))).hasSize(3);
    }

    @Test
    void aDownInterfaceIsRefusedBeforeTheFileIsMade() {
        NetBench b = NetBench.create(SEED);
        Path file = dir.resolve("never.pcap");
        assertThatThrownBy(() -> PacketCapture.start(b.machine.net(), b.devImpl(), file, 0, true))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("That device is not up");
        assertThat(file).doesNotExist();
        assertThat(b.devImpl().promiscuity()).isZero();
    }
}
