package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.net.PacketCapture;
import io.jnetdev.runtime.pcap.PcapWriter;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * The shell's {@code tcpdump}: starts a capture of an interface's frames into a pcap file and
 * returns at once, as a tcpdump left running in the background would; the frames are written as
 * virtual time advances. A capture ends after {@code -c N} frames, at {@code tcpdump stop}, when
 * its interface goes down or away, or when the shell ends; its summary is printed after the command
 * during which it ended, as tcpdump prints its counts when it exits.
 */
final class TcpdumpCommand {
    static final String USAGE = """
            Usage: tcpdump -i DEV [-c N] [-p] -w FILE   capture DEV's frames into FILE
                   tcpdump stop                          end the captures, close the files
                   tcpdump                               list the running captures
              -i  the interface; it must be up
              -c  stop after N frames (default: until 'tcpdump stop')
              -p  do not put the interface into promiscuous mode
              -w  the pcap file: Ethernet, snapshot length 262144,
                  nanosecond timestamps in virtual time
            Received frames are taken as they reach the stack, before protocol
            dispatch; transmitted ones as the driver is handed them. Frames go by
            as time advances: follow with 'run DURATION'. The capture also ends
            when the interface goes down and when the shell ends. Read the file
            with 'tshark -r FILE'.""";

    private final Machine machine;
    private final PrintWriter out;
    /** The captures started in this shell and not yet reported as ended, oldest first. */
    private final List<PacketCapture> captures;

    TcpdumpCommand(Machine machine, PrintWriter out, List<PacketCapture> captures) {
        this.machine = machine;
        this.out = out;
        this.captures = captures;
    }

    /** {@code tcpdump -i DEV [-c N] [-p] -w FILE}, {@code tcpdump stop} or {@code tcpdump}. */
    void run(String ifname, String countText, String fileName, boolean noPromisc, List<String> words) throws ErrnoException {
        boolean options = ifname != null || countText != null || fileName != null || noPromisc;
        if (words.equals(List.of("stop")) && !options) {
            stop();
            return;
        }
        if (!words.isEmpty()) {
            throw new ErrnoException(Errno.EINVAL, "tcpdump: '" + String.join(" ", words)
                    + "' is not understood: filter expressions are not supported; 'tcpdump stop' ends the captures");
        }
        if (!options) {
            list();
            return;
        }
        start(ifname, countText, fileName, !noPromisc);
    }

    /** Checks every argument before anything changes; only then opens the file and taps the interface. */
    private void start(String ifname, String countText, String fileName, boolean promisc) throws ErrnoException {
        if (ifname == null) {
            throw new ErrnoException(Errno.EINVAL, "tcpdump: -i DEV is required (the interface to capture on)");
        }
        NetDeviceImpl dev = machine.net().device(ifname).orElseThrow(
                () -> new ErrnoException(Errno.ENODEV, "tcpdump: " + ifname + ": No such device exists"));
        long count = 0;
        if (countText != null) {
            try {
                count = Long.parseLong(countText);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count <= 0) {
                throw new ErrnoException(Errno.EINVAL, "tcpdump: invalid packet count " + countText);
            }
        }
        if (fileName == null) {
            throw new ErrnoException(Errno.EINVAL, "tcpdump: -w FILE is required (this shell writes captures to pcap files only)");
        }
        Path file;
        try {
            file = Path.of(fileName).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ErrnoException(Errno.EINVAL, "tcpdump: " + fileName + ": not a file name (" + e.getReason() + ")");
        }
        for (PacketCapture c : captures) {
            if (c.running() && c.file().equals(file)) {
                throw new ErrnoException(Errno.EBUSY, "tcpdump: " + fileName + " is being written by the capture on "
                        + c.device().name() + " ('tcpdump stop' ends it)");
            }
        }
        PacketCapture c;
        try {
            c = PacketCapture.start(machine.net(), dev, file, count, promisc);
        } catch (ErrnoException e) {
            throw new ErrnoException(e.errno(), "tcpdump: " + e.getMessage().replaceFirst("^" + e.errno() + ": ", ""), e);
        }
        captures.add(c);
        out.printf("tcpdump: listening on %s, link-type EN10MB (Ethernet), snapshot length %d bytes%s%n",
                dev.name(), PcapWriter.DEFAULT_SNAPLEN, count > 0 ? ", stopping after " + count + plural(count, " packet") : "");
    }

    private void stop() throws ErrnoException {
        boolean any = false;
        for (PacketCapture c : captures) {
            if (c.running()) {
                c.close();
                any = true;
            }
        }
        if (!any) {
            throw new ErrnoException(Errno.ENOENT, "tcpdump: no capture is running");
        }
        report(out, captures);
    }

    private void list() {
        boolean any = false;
        for (PacketCapture c : captures) {
            if (c.running()) {
                out.printf("tcpdump -i %s%s%s -w %s: %d captured so far%n", c.device().name(),
                        c.count() > 0 ? " -c " + c.count() : "", c.promiscuous() ? "" : " -p", c.file(), c.captured());
                any = true;
            }
        }
        if (!any) {
            out.println("no capture running (tcpdump -i DEV [-c N] -w FILE starts one)");
        }
    }

    /**
     * After every command: each capture that has ended is closed (its promiscuity reference given
     * back) and its summary printed; the running ones write out what they hold, so the files are
     * complete captures between commands.
     */
    static void report(PrintWriter out, List<PacketCapture> captures) {
        for (Iterator<PacketCapture> it = captures.iterator(); it.hasNext(); ) {
            PacketCapture c = it.next();
            if (c.running()) {
                c.flush();
            }
            if (c.running()) {
                continue;
            }
            c.close();
            it.remove();
            if (c.error() != null) {
                out.println("tcpdump: " + c.error());
            }
            out.printf("%d%s captured on %s to %s%n", c.captured(), plural(c.captured(), " packet"), c.device().name(), c.file());
        }
    }

    /** Closes every capture, as the shell ends (tcpdump killed with its terminal), and reports them. */
    static void closeAll(PrintWriter out, List<PacketCapture> captures) {
        captures.forEach(PacketCapture::close);
        report(out, captures);
    }

    private static String plural(long n, String word) {
        return word + (n == 1 ? "" : "s");
    }
}
