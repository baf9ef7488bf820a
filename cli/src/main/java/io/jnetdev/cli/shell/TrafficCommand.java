package io.jnetdev.cli.shell;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.hw.EthernetPort;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.FrameSizeMix;
import io.jnetdev.hw.wire.TrafficGenerator;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.net.Conservation;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell's {@code traffic}: starts a constant-rate generator on an interface's wire (what
 * {@code pktgen} or a hardware tester does), and reports what every generator offered and what
 * became of it. Frames are offered as virtual time advances ({@code run}).
 */
final class TrafficCommand {
    static final String USAGE = """
            Usage: traffic                                  show generators and per-device accounting
                   traffic DEV [rate=FPS] [size=BYTES|imix] [for=DURATION] [burst=N] [bad=N]
              rate  frames per second, k and M allowed (default 100k); at most the port's line rate
              size  frame length without FCS, 60..1514 bytes (default 60: 64 bytes on the wire),
                    or imix: 60, 590 and 1514 bytes as 7:4:1
              for   how long to send, e.g. 10ms, 1s (default 100ms)
              burst frames sent back to back at line rate, bursts spaced to keep the rate (default 1)
              bad   every N-th frame is bad, in turn a runt, an oversize frame, a bad-FCS frame (default none)
            Frames go out as time advances: follow with 'run DURATION'.""";

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kM]?)");

    private final Machine machine;
    private final PrintWriter out;
    /** The generators started in this shell, oldest first, with the interface each feeds. */
    private final List<Started> started;

    record Started(String device, TrafficGenerator generator) {}

    TrafficCommand(Machine machine, PrintWriter out, List<Started> started) {
        this.machine = machine;
        this.out = out;
        this.started = started;
    }

    void run(List<String> words) throws ErrnoException {
        if (words.isEmpty()) {
            show();
            return;
        }
        String ifname = words.getFirst();
        Map<String, String> settings = settings(words.subList(1, words.size()));
        long fps = rate(settings.getOrDefault("rate", "100k"));
        String sizeText = settings.getOrDefault("size", "60");
        FrameSizeMix mix = sizeText.equals("imix") ? FrameSizeMix.imix() : null;
        int size = mix == null ? number("size", sizeText) : -1;
        long nanos = Durations.parseNanos("traffic for=", settings.getOrDefault("for", "100ms"));
        int burst = number("burst", settings.getOrDefault("burst", "1"));
        int badEvery = settings.containsKey("bad") ? number("bad", settings.get("bad")) : 0;
        EthernetPort port = machine.portOf(ifname);
        TrafficGenerator g;
        try {
            TrafficGenerator.Builder b = TrafficGenerator.builder(machine.wireContext(), port).fps(fps).durationNanos(nanos)
                    .burst(burst).name("traffic " + ifname);
            b = mix != null ? b.sizeMix(mix) : b.frameSize(size);
            if (badEvery != 0) {
                b.badFrames(BadFrameMix.everyNth(badEvery));
            }
            g = b.build();
        } catch (IllegalArgumentException e) {
            throw new ErrnoException(Errno.EINVAL, "traffic: " + e.getMessage());
        }
        g.start();
        started.add(new Started(ifname, g));
        out.printf("traffic %s: %d fps of %s for %s from t=%.6fs: %d frames%s%s; advance time with 'run'%n",
                ifname, fps, g.sizeMix(), settings.getOrDefault("for", "100ms"), g.startNanos() / 1e9, g.total(),
                burst > 1 ? " in bursts of " + burst : "", badEvery > 0 ? ", every " + badEvery + "th bad" : "");
    }

    /** Every word is {@code key=value} with a known key; all are checked before anything starts. */
    private static Map<String, String> settings(List<String> words) throws ErrnoException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (eq < 0 || !List.of("rate", "size", "for", "burst", "bad").contains(key)) {
                throw new ErrnoException(Errno.EINVAL, "traffic: '" + w + "' is not rate=FPS, size=BYTES, for=DURATION, burst=N or bad=N\n" + USAGE);
            }
            if (settings.put(key, w.substring(eq + 1)) != null) {
                throw new ErrnoException(Errno.EINVAL, "traffic: " + key + " given twice");
            }
        }
        return settings;
    }

    private static long rate(String text) throws ErrnoException {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw new ErrnoException(Errno.EINVAL, "traffic: rate '" + text + "' is not a number of frames per second like 100000, 250k, 1.2M");
        }
        double scale = switch (m.group(2)) {
            case "k" -> 1e3;
            case "M" -> 1e6;
            default -> 1;
        };
        double fps = Double.parseDouble(m.group(1)) * scale;
        if (fps < 1 || fps > Long.MAX_VALUE) {
            throw new ErrnoException(Errno.EINVAL, "traffic: rate '" + text + "' must be at least 1 frame per second");
        }
        return Math.round(fps);
    }

    private static int number(String key, String text) throws ErrnoException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ErrnoException(Errno.EINVAL, "traffic: " + key + " '" + text + "' is not a number"
                    + (key.equals("size") ? " of bytes or imix" : ""));
        }
    }

    private void show() throws ErrnoException {
        if (started.isEmpty()) {
            out.println("no traffic started (traffic DEV rate=FPS size=BYTES for=DURATION)");
            return;
        }
        Map<String, Long> offered = new LinkedHashMap<>();
        for (Started s : started) {
            TrafficGenerator g = s.generator();
            out.printf("%s: %d fps, %s, %.3f ms from t=%.6fs: offered %d of %d%s%s%n", s.device(), g.fps(), g.sizeMix(),
                    g.durationNanos() / 1e6, g.startNanos() / 1e9, g.offered(), g.total(),
                    g.badFrames() == null ? "" : String.format(" (%d runts, %d oversize, %d bad FCS)",
                            g.offeredRunts(), g.offeredOversize(), g.offeredBadFcs()),
                    g.done() ? " (done)" : "");
            offered.merge(s.device(), g.offered(), Long::sum);
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Long> e : offered.entrySet()) {
            NetDeviceImpl dev = machine.net().device(e.getKey()).orElse(null);
            if (dev == null) {
                gone.add(e.getKey());
                continue;
            }
            Conservation c = machine.net().conservation(dev, e.getValue());
            // A frame the card stored but no poll has reached yet is neither delivered nor dropped: say so
            // rather than let a check taken mid-flight read as a loss.
            out.println(c + (c.unaccounted() > 0 ? " (frames still in the card's ring are not counted until a poll"
                    + " takes them: 'run 10ms' and look again)" : ""));
        }
        if (!gone.isEmpty()) {
            out.println("no longer registered, not accounted: " + String.join(", ", gone));
        }
    }
}
