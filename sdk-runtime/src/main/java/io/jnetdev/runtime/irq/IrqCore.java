package io.jnetdev.runtime.irq;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqFlags;
import io.jnetdev.api.irq.IrqHandler;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.engine.Cpu;
import io.jnetdev.runtime.engine.Cpus;
import io.jnetdev.runtime.engine.Engine;
import io.jnetdev.runtime.engine.ExecContext;
import io.jnetdev.runtime.fault.FaultInjector;
import io.jnetdev.runtime.klog.KernelLog;
import io.jnetdev.runtime.klog.Violations;
import io.jnetdev.runtime.trace.Tracepoint;
import io.jnetdev.runtime.trace.Tracepoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The generic IRQ layer: {@code kernel/irq/manage.c} (request and free), {@code chip.c} (the
 * flow handlers) and {@code spurious.c} ({@code note_interrupt}).
 *
 * <p>Level-triggered lines are delivered again after their handlers run for as long as the line
 * stays asserted, as an IO-APIC does after EOI; an unclaimed, asserted line therefore repeats
 * until the spurious detector disables it (D15).
 */
public final class IrqCore {
    private Tracepoints tracepoints = Tracepoints.NONE;
    /** {@code note_interrupt} looks at windows of this many interrupts. */
    public static final int SPURIOUS_WINDOW = 100_000;
    /** More than this many unhandled in a window disables the line. */
    public static final int SPURIOUS_LIMIT = 99_900;
    /** Deliveries of one line at one virtual instant beyond which it is a storm the simulation stops. */
    static final int STORM_LIMIT = 1_000_000;
    /** Continuous re-delivery time after which a stuck line counts as a hard lockup: 10 s, as Linux's watchdog. */
    static final long LOCKUP_NANOS = 10_000_000_000L;

    private final Engine engine;
    private final Cpus cpus;
    private final KernelLog log;
    private final Violations violations;
    private final FaultInjector faults;
    private final int hz;
    private final CostModel costs;
    private final TreeMap<Integer, IrqDesc> descs = new TreeMap<>();
    /** The same descriptors indexed by IRQ number, for delivery: a lookup that boxes nothing. */
    private IrqDesc[] byIrq = new IrqDesc[64];
    private boolean debugShirq;
    private Runnable irqExit = () -> { };
    /** Devices that raised the interrupt being handled, for the "claimed what it did not raise" check. */
    private Set<String> raisers;

    public IrqCore(Engine engine, Cpus cpus, KernelLog log, Violations violations, FaultInjector faults, int hz,
                   CostModel costs) {
        this.costs = costs;
        this.engine = engine;
        this.cpus = cpus;
        this.log = log;
        this.violations = violations;
        this.faults = faults;
        this.hz = hz;
        cpus.irqEntry(this::doIrq);
    }

    /** {@code CONFIG_DEBUG_SHIRQ}: call a shared handler once more right after {@code free_irq}. */
    public void debugShirq(boolean enabled) {
        this.debugShirq = enabled;
    }

    /** Where {@code irq_handler_entry}/{@code exit} fire. */
    public void tracepoints(Tracepoints tp) {
        this.tracepoints = tp;
    }

    /**
     * What runs at {@code irq_exit} (softirq processing, installed by the net core): on the CPU
     * that took the interrupt, after it left hard-IRQ context, and not when the interrupt came in
     * interrupt context. The hook enters {@link ExecContext#SOFTIRQ} itself.
     */
    public void irqExit(Runnable hook) {
        this.irqExit = hook;
    }

    // ---- descriptors ---------------------------------------------------------------------

    /**
     * Creates the descriptor for a level-triggered line, with a way to read its level and the
     * names of the devices asserting it.
     */
    public IrqDesc addLevelLine(int irq, String chip, String hwirq, BooleanSupplier level, Supplier<Set<String>> sources) {
        IrqDesc desc = new IrqDesc(irq, chip, hwirq, IrqDesc.Trigger.LEVEL, cpus.count(), 0);
        put(desc);
        desc.level = level; // read per interrupt: kept on the descriptor, not looked up by number
        desc.sources = sources;
        return desc;
    }

    /** Creates the descriptor for an edge-triggered message interrupt (MSI/MSI-X) aimed at {@code targetCpu}. */
    public IrqDesc addEdge(int irq, String chip, String hwirq, int targetCpu) {
        IrqDesc desc = new IrqDesc(irq, chip, hwirq, IrqDesc.Trigger.EDGE, cpus.count(), targetCpu);
        put(desc);
        return desc;
    }

    /**
     * Creates the descriptor for a message interrupt whose source the chip can re-aim.
     *
     * @param managed         placed by the kernel on {@code targetCpu} alone ({@code PCI_IRQ_AFFINITY}): user
     *                        space cannot move it; otherwise it may go to any CPU and goes to the first
     * @param chipSetAffinity rewrites the message address for a new CPU (the chip's {@code irq_set_affinity})
     */
    public IrqDesc addEdge(int irq, String chip, String hwirq, int targetCpu, boolean managed,
                           java.util.function.IntConsumer chipSetAffinity) {
        IrqDesc desc = addEdge(irq, chip, hwirq, targetCpu);
        desc.managed = managed;
        if (managed) {
            desc.affinity = 1L << targetCpu;
        }
        desc.chipSetAffinity = chipSetAffinity;
        return desc;
    }

    /**
     * {@code irq_set_affinity}: the line may go to the CPUs of {@code cpuMask} (bit n for CPU n) and
     * goes to the first of them; the chip re-aims the source (an MSI or MSI-X message address, an
     * IO-APIC redirection entry). An interrupt already raised stays where it was raised.
     *
     * @throws ErrnoException {@code EINVAL} when the IRQ does not exist or the mask names no CPU or
     *                        a CPU the machine does not have
     */
    public void irqSetAffinity(int irq, long cpuMask) throws ErrnoException {
        IrqDesc desc = descs.get(irq);
        if (desc == null) {
            throw new ErrnoException(Errno.EINVAL, "irq_set_affinity: IRQ " + irq + " does not exist");
        }
        long online = onlineMask();
        if (cpuMask == 0 || (cpuMask & ~online) != 0) {
            throw new ErrnoException(Errno.EINVAL, "irq_set_affinity: IRQ " + irq + ": CPUs " + CpuList.format(cpuMask)
                    + " are not a non-empty subset of the online CPUs " + CpuList.format(online));
        }
        int cpu = Long.numberOfTrailingZeros(cpuMask);
        desc.affinity = cpuMask;
        desc.targetCpu = cpu;
        if (desc.chipSetAffinity != null) {
            desc.chipSetAffinity.accept(cpu);
        }
    }

    /**
     * A line whose source another line's affinity change re-aimed (the messages of one MSI block
     * share an address): it now goes to {@code cpu}, and its affinity says so.
     */
    public void followAffinity(int irq, int cpu) {
        IrqDesc desc = descs.get(irq);
        if (desc != null && desc.targetCpu != cpu) {
            desc.targetCpu = cpu;
            desc.affinity = 1L << cpu;
        }
    }

    /** The machine's CPUs as a mask (all are online). */
    public long onlineMask() {
        int n = cpus.count();
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    private void put(IrqDesc desc) {
        if (descs.putIfAbsent(desc.irq(), desc) != null) {
            throw new IllegalStateException("IRQ " + desc.irq() + " already exists");
        }
        if (desc.irq() >= byIrq.length) {
            byIrq = java.util.Arrays.copyOf(byIrq, Math.max(byIrq.length * 2, desc.irq() + 1));
        }
        byIrq[desc.irq()] = desc;
        // handle_fasteoi_irq / handle_edge_irq in hard-IRQ context; built once per line, run per interrupt
        desc.flow = () -> {
            Cpu cpu = cpus.current();
            desc.countOn(cpu.id());
            cpus.charge(costs.irqEntry());
            handleIrqEvent(desc);
            cpus.charge(costs.irqExit());
        };
    }

    /** The descriptor of {@code irq} for delivery, or null. */
    private IrqDesc lookup(int irq) {
        return irq >= 0 && irq < byIrq.length ? byIrq[irq] : null;
    }

    /** Removes a message-interrupt descriptor (vectors freed). */
    public void remove(int irq) {
        IrqDesc desc = descs.remove(irq);
        if (desc == null) {
            return;
        }
        byIrq[irq] = null;
        if (!desc.actions.isEmpty()) {
            throw new IllegalStateException("IRQ " + irq + " removed with handlers installed: " + desc.actions);
        }
    }

    public IrqDesc desc(int irq) {
        return descs.get(irq);
    }

    public List<IrqDesc> descs() {
        return List.copyOf(descs.values());
    }

    /** Every action a device holds, across lines (for leak checks). */
    public List<String> actionsOwnedBy(String device) {
        List<String> held = new ArrayList<>();
        for (IrqDesc d : descs.values()) {
            for (IrqAction a : d.actions) {
                if (device.equals(a.device())) {
                    held.add("IRQ " + d.irq() + " (" + a.name() + ")");
                }
            }
        }
        return held;
    }

    /** Frees every action a device holds, without the driver (containment after a leak). */
    public void reclaim(String device) {
        for (IrqDesc d : descs.values()) {
            if (d.actions.removeIf(a -> device.equals(a.device()))) {
                d.actionsChanged();
                shutdownIfUnused(d);
            }
        }
    }

    /**
     * {@code irq_shutdown} when the last handler of a line is gone: the line is masked (depth 1)
     * until the next request starts it, so an interrupt still asserted or queued is not delivered
     * to nobody (and not reported as "nobody cared").
     */
    private static void shutdownIfUnused(IrqDesc desc) {
        if (desc.actions.isEmpty()) {
            desc.depth = 1;
        }
    }

    // ---- request / free ------------------------------------------------------------------

    /** {@code request_threaded_irq}, with the argument checks of D14. */
    public void requestThreadedIrq(int irq, IrqHandler handler, IrqHandler thread, int flags, String name, Object devId,
                                   String device, String driver) throws ErrnoException {
        if ((flags & IrqFlags.SHARED) != 0 && devId == null) {
            throw new ErrnoException(Errno.EINVAL, "request_irq " + irq + " (" + name + "): a shared IRQ needs a non-null dev_id");
        }
        if ((flags & IrqFlags.SHARED) != 0 && (flags & IrqFlags.NO_AUTOEN) != 0) {
            throw new ErrnoException(Errno.EINVAL, "request_irq " + irq + " (" + name + "): IRQF_SHARED with IRQF_NO_AUTOEN");
        }
        if (handler == null && thread == null) {
            throw new ErrnoException(Errno.EINVAL, "request_irq " + irq + " (" + name + "): no handler");
        }
        IrqDesc desc = descs.get(irq);
        if (desc == null) {
            throw new ErrnoException(Errno.EINVAL, "request_irq: IRQ " + irq + " does not exist");
        }
        if (handler == null && (flags & IrqFlags.ONESHOT) == 0 && desc.trigger() == IrqDesc.Trigger.LEVEL) {
            // The IO-APIC is not IRQCHIP_ONESHOT_SAFE: with only the default primary the level
            // line would fire again and again until the thread ran.
            log.err("genirq: Threaded irq requested with handler=NULL and !ONESHOT for " + name + " (irq " + irq + ")");
            throw new ErrnoException(Errno.EINVAL, "request_threaded_irq " + irq + " (" + name
                    + "): no primary handler and no IRQF_ONESHOT on a level-triggered line");
        }
        if (faults.shouldFailRequestIrq()) {
            throw new ErrnoException(Errno.EBUSY, "request_irq " + irq + " (" + name + "): injected failure");
        }
        if (!desc.actions.isEmpty()) {
            boolean allShared = desc.actions.stream().allMatch(IrqAction::shared);
            // Handlers sharing a line must also agree on IRQF_ONESHOT (__setup_irq).
            boolean oneshotMismatch = ((desc.actions.getFirst().flags() ^ flags) & IrqFlags.ONESHOT) != 0;
            if (!allShared || (flags & IrqFlags.SHARED) == 0 || oneshotMismatch) {
                log.err("genirq: Flags mismatch irq " + irq + ". " + String.format("%08x", flags) + " (" + name + ") vs. "
                        + String.format("%08x", desc.actions.getFirst().flags()) + " (" + desc.actions.getFirst().name() + ")");
                throw new ErrnoException(Errno.EBUSY, "IRQ " + irq + " is in use by " + desc.actions.getFirst().name()
                        + (oneshotMismatch && allShared && (flags & IrqFlags.SHARED) != 0
                        ? ", which disagrees on IRQF_ONESHOT" : " and not shared by both"));
            }
        }
        IrqHandler primary = handler != null ? handler : i -> IrqReturn.WAKE_THREAD;
        boolean first = desc.actions.isEmpty();
        desc.actions.add(new IrqAction(primary, thread, flags, name, devId, device, driver));
        desc.actionsChanged();
        if (first) {
            // __setup_irq, first handler: irq_startup enables the line afresh, whatever disabled
            // it before (the spurious detector, a handler that threw, an earlier user's
            // disable_irq or the shutdown at its free_irq); NO_AUTOEN leaves it at depth 1.
            desc.depth = (flags & IrqFlags.NO_AUTOEN) != 0 ? 1 : 0;
            desc.spuriousDisabled = false;
            desc.stormCount = 0;
        } else if (desc.spuriousDisabled) {
            // A new shared handler gives a line the detector disabled another chance (__enable_irq).
            desc.spuriousDisabled = false;
            if (desc.depth > 0) {
                desc.depth--;
            }
        }
        // "Reset broken irq detection when installing new handler."
        desc.irqCount = 0;
        desc.irqsUnhandled = 0;
        if (desc.trigger() == IrqDesc.Trigger.LEVEL && desc.enabled() && levelAsserted(desc)) {
            cpus.raise(cpus.get(desc.targetCpu), irq);
        }
    }

    /** {@code free_irq}: removes the action with this dev_id; freeing what is not installed is a WARN. */
    public void freeIrq(int irq, Object devId) {
        freeIrq(irq, devId, null, null);
    }

    /**
     * {@code free_irq} on behalf of {@code device} and {@code driver} (either may be null), who
     * are named in the WARN when nothing with this dev_id is installed.
     */
    public void freeIrq(int irq, Object devId, String device, String driver) {
        IrqDesc desc = descs.get(irq);
        IrqAction action = null;
        if (desc != null) {
            for (IrqAction a : desc.actions) {
                if (a.devId() == devId) {
                    action = a;
                    break;
                }
            }
        }
        if (action == null) {
            violations.warn("D14", device, driver, "Trying to free already-free IRQ " + irq);
            return;
        }
        desc.actions.remove(action);
        desc.actionsChanged();
        shutdownIfUnused(desc);
        if (debugShirq && action.shared()) {
            // A shared handler must cope with a call while its device is idle, even now (D14).
            IrqAction freed = action;
            cpus.runOn(cpus.current(), ExecContext.HARDIRQ, () -> {
                // null: no generic "claimed what it did not raise" check, the warning below says it once
                IrqReturn r = callHandler(desc, freed, null);
                if (r == IrqReturn.HANDLED) {
                    violations.warn("D14", freed.device(), freed.driver(), "handler claimed IRQ " + irq
                            + " in the DEBUG_SHIRQ call after free_irq, with nothing raised");
                }
            });
        }
    }

    /**
     * {@code netif_napi_set_irq}: links a line to the NAPI instance its handler schedules, so
     * that unmasking the line while the instance is still scheduled is recorded (R13/R14).
     *
     * @param busy says what keeps the line masked ("NAPI eth0 is scheduled"), or null when it may be unmasked
     */
    public void linkNapi(int irq, Supplier<String> busy) {
        require(irq).napiLink = busy;
    }

    /** {@code disable_irq}: nests. */
    public void disableIrq(int irq) {
        IrqDesc desc = require(irq);
        desc.depth++;
    }

    /** {@code enable_irq}: undoes one disable; replays an edge that came while disabled. */
    public void enableIrq(int irq, String device, String driver) {
        IrqDesc desc = require(irq);
        if (desc.depth == 0) {
            violations.warn("D14", device, driver, "Unbalanced enable for IRQ " + irq);
            return;
        }
        if (--desc.depth == 0) {
            String busy = desc.napiLink == null ? null : desc.napiLink.get();
            if (busy != null) {
                violations.warn("R13", device, driver, "enable_irq(" + irq + ") while " + busy
                        + ": unmask only after napi_complete_done returned true");
            }
            boolean replay = desc.trigger() == IrqDesc.Trigger.LEVEL ? levelAsserted(desc) : desc.pendingWhileDisabled;
            desc.pendingWhileDisabled = false;
            if (replay) {
                cpus.raise(cpus.get(desc.targetCpu), irq);
            }
        }
    }

    private IrqDesc require(int irq) {
        IrqDesc desc = descs.get(irq);
        if (desc == null) {
            throw new IllegalArgumentException("IRQ " + irq + " does not exist");
        }
        return desc;
    }

    // ---- delivery ------------------------------------------------------------------------

    /** The interrupt controller signals {@code irq} (a line went up, or a message arrived). */
    public void signal(int irq) {
        IrqDesc desc = lookup(irq);
        if (desc == null) {
            log.err("irq " + irq + ": message to a vector with no descriptor, dropped");
            return;
        }
        if (!desc.enabled()) {
            desc.pendingWhileDisabled = true;
            return;
        }
        cpus.raise(cpus.get(desc.targetCpu), irq);
    }

    /**
     * A message interrupt for {@code irq} arrived at {@code cpu}, the CPU its message address names
     * (where the chip aimed it); a CPU the machine does not have gets nothing.
     */
    public void signal(int irq, int cpu) {
        IrqDesc desc = lookup(irq);
        if (desc == null || cpu < 0 || cpu >= cpus.count()) {
            log.err("irq " + irq + ": message to " + (desc == null ? "a vector with no descriptor" : "CPU " + cpu
                    + ", which does not exist") + ", dropped");
            return;
        }
        if (!desc.enabled()) {
            desc.pendingWhileDisabled = true;
            return;
        }
        cpus.raise(cpus.get(cpu), irq);
    }

    /** {@code do_IRQ} on the current CPU: the flow handler, then {@code irq_exit}. */
    private void doIrq(int irq) {
        IrqDesc desc = lookup(irq);
        if (desc == null) {
            return;
        }
        Cpu cpu = cpus.current();
        if (!desc.enabled()) {
            desc.pendingWhileDisabled = true;
            return;
        }
        if (desc.trigger() == IrqDesc.Trigger.LEVEL && !levelAsserted(desc)) {
            return; // the line dropped before the CPU got to it: nothing to deliver
        }
        cpus.runOn(cpu, ExecContext.HARDIRQ, desc.flow);
        // EOI: a level line still asserted fires again.
        if (desc.trigger() == IrqDesc.Trigger.LEVEL && desc.enabled() && levelAsserted(desc)) {
            if (stormCheck(desc)) {
                cpus.raise(cpu, irq);
            }
        } else {
            desc.stormCount = 0;
        }
        // irq_exit: hard-IRQ context is left first, and softirqs run only when the interrupt did
        // not arrive in interrupt context (!in_interrupt()), so hard IRQs can preempt them.
        if (!cpu.inHardIrq() && !cpu.inSoftIrq()) {
            irqExit.run();
        }
    }

    private boolean levelAsserted(IrqDesc desc) {
        BooleanSupplier level = desc.level;
        return level != null && level.getAsBoolean();
    }

    /**
     * A level line that never deasserts keeps its CPU in interrupts for ever. Stop it, with a
     * WARN, when it re-fires {@link #STORM_LIMIT} times at one virtual instant (nothing costs time)
     * or without a gap for {@link #LOCKUP_NANOS} (Linux's hard-lockup detector threshold); load
     * that lets the line drop now and then is never cut off.
     */
    private boolean stormCheck(IrqDesc desc) {
        long now = engine.now();
        if (desc.stormCount == 0) {
            desc.stormAt = now;
        }
        desc.stormCount++;
        boolean sameInstant = now == desc.stormAt && desc.stormCount >= STORM_LIMIT;
        boolean lockup = now - desc.stormAt >= LOCKUP_NANOS;
        if (!sameInstant && !lockup) {
            return true;
        }
        violations.warn("D15", devicesOn(desc), driversOn(desc), "IRQ " + desc.irq() + " stayed asserted through "
                + desc.stormCount + " handled deliveries over " + (now - desc.stormAt) / 1_000_000 + " ms: "
                + "interrupt storm (hard lockup), line disabled");
        desc.depth++;
        desc.stormCount = 0;
        return false;
    }

    /** {@code handle_irq_event_percpu}: every action on the line, then {@code note_interrupt}. */
    private void handleIrqEvent(IrqDesc desc) {
        Supplier<Set<String>> sources = desc.sources;
        Set<String> raisedBy = sources == null ? null : new HashSet<>(sources.get());
        IrqReturn result = IrqReturn.NONE;
        // A snapshot: a handler may free_irq (its own or another action) while the line is handled.
        for (IrqAction action : desc.actionSnapshot()) {
            IrqReturn r = callHandler(desc, action, raisedBy);
            if (r == IrqReturn.WAKE_THREAD) {
                wakeThread(desc, action);
                r = IrqReturn.HANDLED;
            }
            if (r == IrqReturn.HANDLED) {
                result = IrqReturn.HANDLED;
            }
            if (raisedBy != null && sources != null) {
                raisedBy.addAll(sources.get());
            }
        }
        noteInterrupt(desc, result);
    }

    /** Runs one handler, containing anything it throws (the line is disabled, as after an oops). */
    private IrqReturn callHandler(IrqDesc desc, IrqAction action, Set<String> raisedBy) {
        IrqReturn r;
        tracepoints.fire(Tracepoint.IRQ_HANDLER_ENTRY, action.name(), desc.irq(), 0);
        Cpu cpu = cpus.current();
        cpu.enterCode(action.device(), action.driver(), desc.irq());
        try {
            r = action.handler().handle(desc.irq());
            tracepoints.fire(Tracepoint.IRQ_HANDLER_EXIT, action.name(), desc.irq(), r == IrqReturn.NONE ? 0 : 1);
        } catch (RuntimeException e) {
            violations.warn("BUG", action.device(), action.driver(), "IRQ " + desc.irq() + " handler " + action.name()
                    + " threw " + e + "; line disabled");
            desc.depth++;
            return IrqReturn.NONE;
        } finally {
            cpu.exitCode();
        }
        if (r == null) {
            log.err("irq event " + desc.irq() + ": bogus return value null from " + action.name());
            return IrqReturn.NONE;
        }
        if (r == IrqReturn.HANDLED && raisedBy != null && action.device() != null && !raisedBy.contains(action.device())) {
            violations.warn("D14", action.device(), action.driver(), "shared handler " + action.name()
                    + " claimed IRQ " + desc.irq() + " that its device did not raise");
        }
        return r;
    }

    /** Runs the threaded handler as an IRQ thread in process context ({@code irq/N-name}). */
    private void wakeThread(IrqDesc desc, IrqAction action) {
        if (action.thread() == null) {
            log.warn("irq " + desc.irq() + ": " + action.name() + " returned IRQ_WAKE_THREAD but has no thread");
            return;
        }
        boolean oneshot = (action.flags() & IrqFlags.ONESHOT) != 0;
        if (oneshot) {
            desc.depth++;
        }
        Cpu cpu = cpus.current();
        engine.schedule(engine.now(), "irq/" + desc.irq() + "-" + action.name(), () -> cpus.runWhenIdle(cpu, () -> {
            cpus.runOn(cpu, ExecContext.TASK, () -> {
                try {
                    action.thread().handle(desc.irq());
                } catch (RuntimeException e) {
                    violations.warn("BUG", action.device(), action.driver(), "threaded handler of IRQ " + desc.irq()
                            + " threw " + e);
                }
            });
            if (oneshot) {
                enableIrq(desc.irq(), action.device(), action.driver());
            }
            cpus.takePending(cpu);
        }));
    }

    /** {@code note_interrupt}: D15's "nobody cared" rule. */
    private void noteInterrupt(IrqDesc desc, IrqReturn result) {
        long jiffies = engine.now() / (1_000_000_000L / hz);
        if (result != IrqReturn.HANDLED) {
            desc.unhandledTotal++;
            if (jiffies - desc.lastUnhandledJiffies > hz / 10) {
                desc.irqsUnhandled = 1;
            } else {
                desc.irqsUnhandled++;
            }
            desc.lastUnhandledJiffies = jiffies;
        }
        if (++desc.irqCount < SPURIOUS_WINDOW) {
            return;
        }
        desc.irqCount = 0;
        if (desc.irqsUnhandled > SPURIOUS_LIMIT) {
            log.err("irq " + desc.irq() + ": nobody cared (try booting with the \"irqpoll\" option)");
            log.err("handlers: " + String.join(", ", desc.actions.stream().map(IrqAction::name).toList()));
            log.err("Disabling IRQ #" + desc.irq());
            violations.warn("D15", devicesOn(desc), driversOn(desc), "irq " + desc.irq() + ": nobody cared ("
                    + desc.irqsUnhandled + " of the last " + SPURIOUS_WINDOW + " unhandled); line disabled");
            desc.spuriousDisabled = true;
            desc.depth++;
        }
        desc.irqsUnhandled = 0;
    }

    private static String devicesOn(IrqDesc desc) {
        List<String> names = desc.actions.stream().map(IrqAction::device).filter(d -> d != null).distinct().toList();
        return names.isEmpty() ? null : String.join(",", names);
    }

    private static String driversOn(IrqDesc desc) {
        List<String> names = desc.actions.stream().map(IrqAction::driver).filter(d -> d != null).distinct().toList();
        return names.isEmpty() ? null : String.join(",", names);
    }

    /** {@code /proc/interrupts}. */
    public String procInterrupts() {
        StringBuilder sb = new StringBuilder("    ");
        for (int c = 0; c < cpus.count(); c++) {
            sb.append(String.format("%11s", "CPU" + c));
        }
        sb.append('\n');
        for (IrqDesc d : descs.values()) {
            if (d.actions.isEmpty() && d.totalCount() == 0) {
                continue;
            }
            sb.append(String.format("%4d:", d.irq()));
            for (int c = 0; c < cpus.count(); c++) {
                sb.append(String.format("%11d", d.count(c)));
            }
            sb.append(String.format("  %-22s %-12s ", d.chip(), d.hwirq()));
            sb.append(String.join(", ", d.actions.stream().map(IrqAction::name).toList()));
            sb.append('\n');
        }
        return sb.toString();
    }
}
