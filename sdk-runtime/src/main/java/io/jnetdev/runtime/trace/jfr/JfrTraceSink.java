package io.jnetdev.runtime.trace.jfr;

import io.jnetdev.runtime.base.ProbeTrace;
import io.jnetdev.runtime.softirq.SoftirqType;
import io.jnetdev.runtime.trace.TraceSink;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;
import java.util.function.Consumer;

/**
 * Turns the machine's tracepoints and probe steps into JDK Flight Recorder events, one event type
 * per {@link Tracepoint} ({@code jnetdev.napi_poll}, ...) and {@code jnetdev.probe} for
 * {@link ProbeTrace} steps. Every tracepoint event starts with the machine's virtual time (ns) and
 * the virtual CPU that fired it, as ftrace prefixes each line, then the tracepoint's fields under
 * Linux's names. An event's JFR start time is the host's wall clock at commit and says nothing
 * about the simulated machine; there are no stack traces, since the simulator's Java stack is not
 * the machine's call chain.
 *
 * <p>Zero cost when not recording: this sink is attached to the machine's {@link Tracepoints} hub
 * only while a {@link MachineRecording} runs, so otherwise the frame path pays the hub's one
 * branch on an empty sink array and never reaches JFR.
 *
 * <p>Each hub event builds a new JFR event object: JFR documents filling and committing an event
 * once, not committing one object again (a committed event keeps its start time), and an event
 * that does not leave this method is the shape the JIT's escape analysis removes. Either way the
 * allocation happens only while recording.
 */
public final class JfrTraceSink implements TraceSink, Consumer<ProbeTrace.Step> {
    /** Linux's {@code softirq_to_name}, which are {@link SoftirqType}'s names. */
    private static final String[] SOFTIRQ_NAMES = softirqNames();

    @Override
    public void event(long timeNanos, int cpu, Tracepoint point, String device, long a, long b) {
        switch (point) {
            case IRQ_HANDLER_ENTRY -> {
                IrqHandlerEntryEvent e = new IrqHandlerEntryEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.irq = (int) a;
                e.name = device;
                e.commit();
            }
            case IRQ_HANDLER_EXIT -> {
                IrqHandlerExitEvent e = new IrqHandlerExitEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.irq = (int) a;
                e.name = device;
                e.ret = (int) b;
                e.commit();
            }
            case SOFTIRQ_ENTRY -> {
                SoftirqEntryEvent e = new SoftirqEntryEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.vec = (int) a;
                e.action = softirqName(a);
                e.commit();
            }
            case SOFTIRQ_EXIT -> {
                SoftirqExitEvent e = new SoftirqExitEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.vec = (int) a;
                e.action = softirqName(a);
                e.commit();
            }
            case NAPI_POLL -> {
                NapiPollEvent e = new NapiPollEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.device = device;
                e.work = (int) a;
                e.budget = (int) b;
                e.commit();
            }
            case NETIF_RX -> {
                NetifRxEvent e = new NetifRxEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.device = device;
                e.len = (int) a;
                e.commit();
            }
            case NETIF_RECEIVE_SKB -> {
                NetifReceiveSkbEvent e = new NetifReceiveSkbEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.device = device;
                e.len = (int) a;
                e.protocol = (int) b;
                e.commit();
            }
            case NET_DEV_XMIT -> {
                NetDevXmitEvent e = new NetDevXmitEvent();
                e.virtualTime = timeNanos;
                e.cpu = cpu;
                e.device = device;
                e.len = (int) a;
                // The hub says 1 for busy; the event carries Linux's netdev_tx_t value.
                e.rc = b == 0 ? NetDevXmitEvent.NETDEV_TX_OK : NetDevXmitEvent.NETDEV_TX_BUSY;
                e.commit();
            }
        }
    }

    /** A completed probe step, from {@link ProbeTrace#listen}. */
    @Override
    public void accept(ProbeTrace.Step step) {
        ProbeStepEvent e = new ProbeStepEvent();
        e.virtualTime = step.timeNanos();
        e.depth = step.depth();
        e.step = step.function();
        e.device = step.device();
        e.driver = step.driver();
        e.result = step.note();
        e.commit();
    }

    private static String softirqName(long vec) {
        return vec >= 0 && vec < SOFTIRQ_NAMES.length ? SOFTIRQ_NAMES[(int) vec] : Long.toString(vec);
    }

    private static String[] softirqNames() {
        SoftirqType[] types = SoftirqType.values();
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].name();
        }
        return names;
    }
}
