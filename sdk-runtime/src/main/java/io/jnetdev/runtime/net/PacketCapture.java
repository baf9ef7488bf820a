package io.jnetdev.runtime.net;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.Skb;
import io.jnetdev.runtime.pcap.PcapWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A capture on one interface into a pcap file — what {@code tcpdump -i DEV -w FILE} holds open: a
 * packet socket ({@code net/packet/af_packet.c}) bound to the device. Its tap ({@code packet_rcv})
 * sits on the device's {@code ptype_all}, so it sees each received frame in
 * {@code __netif_receive_skb} before protocol dispatch and each transmitted frame as
 * {@code dev_queue_xmit_nit} shows it, just before the driver is handed it, both from the MAC
 * header on. Unless told otherwise it holds a promiscuity reference as {@code PACKET_MR_PROMISC}
 * does; {@code packet_notifier} ends it when the interface goes down or away, as libpcap then
 * reports "The interface went down".
 *
 * <p>Frames are stamped with the CPU's virtual time. A capture costs the machine no virtual CPU
 * time, so capturing does not change what it observes; with no capture there is no tap and the
 * frame path does not see one.
 */
public final class PacketCapture implements PacketHandler, NetdevNotifier, AutoCloseable {
    /** Why a capture ended. */
    public enum End {
        /** The count given at the start was reached. */
        COUNT,
        /** Stopped by its owner. */
        STOPPED,
        /** The interface went down or was unregistered. */
        INTERFACE_DOWN,
        /** The file could not be written; the capture holds what was written before. */
        WRITE_ERROR
    }

    private final NetCore net;
    private final NetDeviceImpl dev;
    private final Path file;
    private final long count;
    private final boolean promisc;
    private final PcapWriter writer;
    private long captured;
    private End end;
    private String error;
    /** The notifier is off and the promiscuity reference given back. */
    private boolean released;

    private PacketCapture(NetCore net, NetDeviceImpl dev, Path file, long count, boolean promisc, PcapWriter writer) {
        this.net = net;
        this.dev = dev;
        this.file = file;
        this.count = count;
        this.promisc = promisc;
        this.writer = writer;
    }

    /**
     * Starts capturing on {@code dev} into {@code file} (created or truncated): {@code count} frames,
     * or until stopped when 0. Refuses, changing nothing in the machine, an interface that is not up
     * (libpcap's "That device is not up"), a negative count and a file that cannot be created.
     */
    public static PacketCapture start(NetCore net, NetDeviceImpl dev, Path file, long count, boolean promisc)
            throws ErrnoException {
        if (count < 0) {
            throw new ErrnoException(Errno.EINVAL, "invalid packet count " + count);
        }
        if (!dev.registered || !dev.running) {
            throw new ErrnoException(Errno.ENETDOWN, dev.name + ": That device is not up");
        }
        PcapWriter writer;
        try {
            writer = PcapWriter.create(file);
        } catch (NoSuchFileException e) {
            throw new ErrnoException(Errno.ENOENT, file + ": " + Errno.ENOENT.text(), e);
        } catch (AccessDeniedException e) {
            throw new ErrnoException(Errno.EACCES, file + ": " + Errno.EACCES.text(), e);
        } catch (IOException e) {
            throw new ErrnoException(Errno.EIO, file + ": " + e.getMessage(), e);
        }
        PacketCapture c = new PacketCapture(net, dev, file, count, promisc, writer);
        if (promisc) {
            net.devSetPromiscuity(dev, 1);
        }
        net.registerNetdevNotifier(c);
        net.devAddTap(dev, c);
        return c;
    }

    /**
     * {@code packet_rcv}: writes the frame from its MAC header, stamped now. At the count (or a
     * failed write) the tap comes off and the file is closed at once; the promiscuity reference is
     * given back by {@link #close}, from process context, as tcpdump's exit closes its socket —
     * the frame path never reprograms the card's filter.
     */
    @Override
    public void receive(Skb skb) {
        if (end != null) {
            return;
        }
        SkbImpl s = (SkbImpl) skb;
        try {
            writer.write(net.nowNanos(), s.segment(), s.macFrameOffset(), s.macFrameLen());
        } catch (IOException e) {
            finish(End.WRITE_ERROR, file + ": " + e.getMessage());
            return;
        }
        captured++;
        if (count > 0 && captured == count) {
            finish(End.COUNT, null);
        }
    }

    /**
     * {@code packet_notifier}: the capture ends when its interface goes down or away, and lets go
     * of the device at once (this runs in process context, from {@code dev_close}).
     */
    @Override
    public void netdevEvent(Event event, NetDeviceImpl which) {
        if (which != dev) {
            return;
        }
        if (end == null) {
            finish(End.INTERFACE_DOWN, dev.name + ": The interface went down");
        }
        close();
    }

    /** Writes out buffered frames, so the file is a complete capture of what was seen so far. */
    public void flush() {
        if (end != null) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            finish(End.WRITE_ERROR, file + ": " + e.getMessage());
        }
    }

    /**
     * Ends the capture if it still runs (tcpdump interrupted: {@link End#STOPPED}), and lets go of
     * the device: the notifier comes off and the promiscuity reference is given back. A second
     * close does nothing.
     */
    @Override
    public void close() {
        if (end == null) {
            finish(End.STOPPED, null);
        }
        if (released) {
            return;
        }
        released = true;
        net.unregisterNetdevNotifier(this);
        if (promisc) {
            net.devSetPromiscuity(dev, -1);
        }
    }

    /** Takes the tap off and closes the file; what else the capture holds waits for {@link #close}. */
    private void finish(End why, String message) {
        end = why;
        error = message;
        net.devRemoveTap(dev, this);
        try {
            writer.close();
        } catch (IOException e) {
            if (error == null) {
                end = End.WRITE_ERROR;
                error = file + ": " + e.getMessage();
            }
        }
    }

    public NetDeviceImpl device() {
        return dev;
    }

    public Path file() {
        return file;
    }

    /** The frame count asked for, 0 for "until stopped". */
    public long count() {
        return count;
    }

    public boolean promiscuous() {
        return promisc;
    }

    /** Frames written to the file. */
    public long captured() {
        return captured;
    }

    /** Whether frames are still being written. */
    public boolean running() {
        return end == null;
    }

    /** Whether {@link #close} has let go of the device. */
    public boolean closed() {
        return released;
    }

    /** Why the capture ended; null while it runs. */
    public End end() {
        return end;
    }

    /** What went wrong when it ended by an interface going down or a write failing; null otherwise. */
    public String error() {
        return error;
    }
}
