package io.jnetdev.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The line of plain words after each phase of the demo: what changed and why, built from the
 * phase's measured increments. Every claim is a clause chosen by a condition on the numbers
 * (frames per interrupt, the interrupt rate against the throttling ceiling, which counters moved),
 * so a different result reads differently; what the sentence says about a driver's mechanism
 * (NAPI, {@code max_interrupt_work}, CSR11 mitigation) is the mechanism whose counter moved.
 */
public final class PhaseStory {
    /** e1000e's ceiling in dynamic-conservative mode (InterruptThrottleRate=3): the "low latency" class, 20,000/s. */
    static final long ITR_CONSERVATIVE_CEILING = 20_000;

    private PhaseStory() {}

    /** The explanation of {@code p}, one sentence of clauses joined by semicolons. */
    public static String explain(Phase p) {
        List<String> clauses = switch (p.driver()) {
            case "e1000e" -> e1000e(p);
            case "3c59x" -> vortex(p);
            case "tulip" -> tulip(p);
            default -> generic(p);
        };
        clauses.addAll(drops(p));
        long squeezed = p.delta().softnet().columnTotal("time_squeeze");
        if (squeezed > 0) {
            clauses.add(f("net_rx_action ended %,d run(s) with work left, its budget or time spent (time_squeeze)", squeezed));
        }
        return String.join("; ", clauses) + ".";
    }

    /** e1000e in MSI-X mode: the rx vector, NAPI, interrupt throttling per vector, and the ring. */
    private static List<String> e1000e(Phase p) {
        String rxVector = p.ifname() + "-rx-0";
        boolean msix = p.now().interruptsByLine(p.ifname()).containsKey(rxVector);
        if (!msix) {
            return generic(p);
        }
        Map<String, Long> vectors = p.delta().interruptsByLine(p.ifname());
        long all = vectors.values().stream().mapToLong(Long::longValue).sum();
        long rx = vectors.getOrDefault(rxVector, 0L);
        List<String> c = new ArrayList<>();
        c.add(f("%s: %,d of %,d frames delivered in %,d interrupts (%s%s)", p.ifname(), p.delivered(), p.offered(), all,
                perInterrupt(p.delivered(), all), vectors.isEmpty() ? "" : "; by vector: " + String.join(", ",
                        vectors.entrySet().stream().map(e -> f("%s %,d", e.getKey(), e.getValue())).toList())));
        if (rx > 0) {
            double perRx = p.delivered() / (double) rx;
            c.add(perRx >= 2 ? f("NAPI polled the ring with the rx interrupt masked, %,.1f frames per rx interrupt", perRx)
                    : "about one frame per rx interrupt: each poll emptied the ring and re-enabled the interrupt");
        }
        Map.Entry<String, Long> busiest = vectors.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        if (busiest != null && "3".equals(p.params().get("InterruptThrottleRate"))) {
            double rate = busiest.getValue() / p.seconds();
            String who = f("the busiest vector, %s, fired %,.0f times a second", busiest.getKey(), rate);
            if (rate > ITR_CONSERVATIVE_CEILING * 1.05) {
                c.add(f("%s, above InterruptThrottleRate=3's ceiling of %,d/s", who, ITR_CONSERVATIVE_CEILING));
            } else if (rate >= ITR_CONSERVATIVE_CEILING * 0.8) {
                c.add(f("%s: its EITR held it at InterruptThrottleRate=3's ceiling of %,d/s", who, ITR_CONSERVATIVE_CEILING));
            } else {
                c.add(f("%s, under InterruptThrottleRate=3's ceiling of %,d/s%s", who, ITR_CONSERVATIVE_CEILING,
                        busiest.getKey().equals(rxVector) && rx >= p.delivered() * 0.9 ? ", so interrupts followed the load" : ""));
            }
        }
        long other = vectors.getOrDefault(p.ifname(), 0L);
        if (other > 0 && p.drops().getOrDefault("rx_missed_errors", 0L) > 0) {
            c.add(f("the 'other' vector (%s) carries the receive overrun (RXO) that a full ring raises", p.ifname()));
        }
        return c;
    }

    /** 3c59x: one interrupt per frame through netif_rx, the shared line, max_interrupt_work and FakeIntr. */
    private static List<String> vortex(Phase p) {
        long irqs = p.delta().interruptsOf(p.ifname());
        List<String> c = new ArrayList<>();
        c.add(f("%s: %,d of %,d frames delivered in %,d interrupts on IRQ %s (%s)", p.ifname(), p.delivered(),
                p.offered(), irqs, irqList(p), perInterrupt(p.delivered(), irqs)));
        List<String> sharers = p.now().sharers(p.ifname());
        if (!sharers.isEmpty()) {
            long notOurs = sharers.stream().mapToLong(s -> p.delta().stat(s, "interrupts_not_ours")).sum();
            c.add(f("the line is shared with %s%s", String.join(", ", sharers),
                    notOurs > 0 ? f(", whose handler answered IRQ_NONE %,d times", notOurs) : ""));
        }
        if (irqs > 0) {
            c.add(p.delivered() / (double) irqs < 1.5
                    ? "about one interrupt per frame: the handler reads each frame and hands it to netif_rx"
                    : "the handler's loop found several frames waiting per interrupt");
        }
        long trips = p.delta().stat(p.ifname(), "max_interrupt_work_trips");
        if (trips > 0) {
            c.add(f("the handler hit max_interrupt_work (%s passes) %s and hid the pending sources (SetStatusEnb)",
                    p.params().getOrDefault("max_interrupt_work", "?"), times(trips)));
            long restored = p.delta().stat(p.ifname(), "deferred_restored");
            if (restored >= trips) {
                c.add(f("the media timer's FakeIntr restored them %s", times(restored)));
            } else {
                c.add(f("the media timer's FakeIntr restored them %,d of %s: the rest are still hidden", restored, times(trips)));
            }
        }
        return c;
    }

    /** tulip: NAPI polls and the 21143's CSR11 mitigation, switched by how much each poll took. */
    private static List<String> tulip(Phase p) {
        long irqs = p.delta().interruptsOf(p.ifname());
        long polls = p.delta().stat(p.ifname(), "polls");
        List<String> c = new ArrayList<>();
        c.add(f("%s: %,d of %,d frames delivered in %,d interrupts and %,d NAPI polls (%s)", p.ifname(),
                p.delivered(), p.offered(), irqs, polls, perInterrupt(p.delivered(), irqs)));
        long on = p.delta().stat(p.ifname(), "mitigation_switched_on");
        long off = p.delta().stat(p.ifname(), "mitigation_switched_off");
        long nowOn = p.now().stat(p.ifname(), "mitigation_on");
        long wasOn = nowOn - p.delta().stat(p.ifname(), "mitigation_on");
        if (on > 0 || off > 0) {
            c.add(f("mitigation turned on %s (a poll took more than one frame: CSR11 = 0x80F10000, the card holds"
                    + " its interrupt back) and off %s (a poll took one); mitigation_on=%d now", times(on), times(off), nowOn));
        } else if (nowOn == 1) {
            c.add("mitigation stayed on (mitigation_on=1)");
        } else if (wasOn == 0 && polls > 0) {
            c.add("mitigation stayed off: no poll took more than one frame (mitigation_on=0)");
        }
        long tooMuch = p.delta().stat(p.ifname(), "too_much_work");
        if (tooMuch > 0) {
            c.add(f("the handler hit max_interrupt_work (%s passes) %s", p.params().getOrDefault("max_interrupt_work", "?"),
                    times(tooMuch)));
        }
        return c;
    }

    private static List<String> generic(Phase p) {
        long irqs = p.delta().interruptsOf(p.ifname());
        List<String> c = new ArrayList<>();
        c.add(f("%s: %,d of %,d frames delivered in %,d interrupts (%s)", p.ifname(), p.delivered(), p.offered(),
                irqs, perInterrupt(p.delivered(), irqs)));
        return c;
    }

    /** Each drop counter that moved, in words; "nothing was dropped" when none did. */
    private static List<String> drops(Phase p) {
        List<String> c = new ArrayList<>();
        if (p.dropped() == 0) {
            c.add("nothing was dropped");
            return c;
        }
        for (Map.Entry<String, Long> d : p.drops().entrySet()) {
            long n = d.getValue();
            c.add(switch (d.getKey()) {
                case "rx_missed_errors" -> f("the ring ran out of free descriptors and the card missed %,d frames (rx_missed_errors)", n);
                case "rx_fifo_errors" -> f("%,d frames overran the card's receive FIFO (rx_fifo_errors)", n);
                case "backlog_dropped" -> f("%,d frames found the CPU's backlog full (netdev_max_backlog; softnet_stat's dropped column)", n);
                default -> f("%,d frames dropped (%s)", n, d.getKey());
            });
        }
        return c;
    }

    private static String irqList(Phase p) {
        return String.join(", ", p.now().irqsOf(p.ifname()).stream().map(String::valueOf).toList());
    }

    private static String perInterrupt(long frames, long irqs) {
        return irqs == 0 ? "no interrupt" : f("%.1f per interrupt", frames / (double) irqs);
    }

    /** "1 time", "2 times". */
    private static String times(long n) {
        return f("%,d %s", n, n == 1 ? "time" : "times");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
