package io.jnetdev.conformance;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every rule the kit checks, in one place: a stable id (the ids of {@code contract-rules.md}
 * where it has one — R*, D* — and {@code NDO-*}, {@code ETH-*} and a few kit ids for section 3
 * and the invariants), the title shown after the id, and the capabilities the rule's checks need.
 *
 * <p>A rule's test fails when any scenario produced a finding for it, whatever was declared; it
 * is skipped when a needed capability is not declared and nothing was found; otherwise it passes.
 * {@link #WARN} catches every runtime warning no other rule claims, so no recorded violation can
 * pass unreported.
 */
public enum Rule {
    PROBE("PROBE", "probe binds the device and registers an interface, again after remove", Need.none()),
    D1("D1", "driver_bound: a device is bound once", Need.none()),
    D3("D3", "probe failure frees everything", Need.none()),
    D4("D4", "remove frees everything (IRQs, vectors, DMA, mappings, net devices)", Need.none()),
    D13("D13", "IRQ vectors are freed after their handlers", Need.none()),
    D14("D14", "request_irq/free_irq/enable_irq stay balanced", Need.none()),
    D14_SHIRQ("D14-SHIRQ", "a shared handler claims only what its device raised, also right after free_irq",
            Need.all(Capability.SHARED_INTX)),
    D15("D15", "no interrupt storm, no line nobody cares for", Need.none()),
    IRQ_MODE("IRQ-MODE", "interrupt mode as declared; MSI-X -> MSI -> INTx fallback works",
            Need.any(Capability.MSIX, Capability.MSI, Capability.INTX)),
    R4("R4", "napi_enable/napi_disable are not repeated", Need.all(Capability.NAPI)),
    R5("R5", "delete NAPI only when disabled", Need.all(Capability.NAPI)),
    R6("R6", "NAPI weight at most 64", Need.all(Capability.NAPI)),
    R7("R7", "never exceed the budget", Need.all(Capability.NAPI)),
    R9("R9", "work left over: return exactly budget without completing", Need.all(Capability.NAPI)),
    R10("R10", "all work done: complete, then return less than budget", Need.all(Capability.NAPI)),
    R12("R12", "budget 0: no receive work, no complete, return 0", Need.all(Capability.NAPI)),
    R13("R13", "re-arm IRQs only when napi_complete_done returns true", Need.all(Capability.NAPI)),
    R15("R15", "__napi_schedule only after a successful napi_schedule_prep", Need.all(Capability.NAPI)),
    R16("R16", "MISSED means one more poll: no event lost", Need.all(Capability.NAPI)),
    R18("R18", "no self-reschedule when returning the budget", Need.all(Capability.NAPI)),
    R21("R21", "no sleeping in atomic context; ndo_stop disables NAPI", Need.none()),
    LIVE("LIVE", "at low load every frame offered is delivered", Need.none()),
    CONS("CONS", "conservation: every frame offered is delivered or counted in one drop counter", Need.none()),
    SKB("SKB", "every skb is freed exactly once, none leaked", Need.none()),
    ODEBUG("ODEBUG", "no timer left pending after remove", Need.none()),
    LOCK("LOCK", "spinlocks used correctly", Need.none()),
    BUG("BUG", "driver code throws nothing", Need.none()),
    DMA("DMA", "the device is pointed only at mapped DMA memory", Need.none()),
    NDO("NDO", "net device lifecycle: register, unregister, free in order", Need.none()),
    NDO_XMIT_BUSY("NDO-XMIT-BUSY", "ndo_start_xmit stops the queue before the ring fills: no TX_BUSY with the queue awake",
            Need.all(Capability.TX)),
    NDO_TX("NDO-TX", "transmitted frames leave, are counted and reclaimed; no queue stall (dev_watchdog)",
            Need.all(Capability.TX)),
    NDO_TX_TIMEOUT("NDO-TX-TIMEOUT", "a stalled transmitter is detected by the watchdog and recovered by ndo_tx_timeout",
            Need.all(Capability.TX_TIMEOUT).because("the kit stalls a bus-master card's DMA, and a card that moves "
                    + "its frames by programmed I/O has none to stall")),
    NDO_STATS("NDO-STATS", "statistics never go backwards, also across down/up", Need.none()),
    ETH_CORE("ETH-CORE", "ethtool ops honour the core's contracts (counts, buffers, no null)", Need.none()),
    ETH_DRVINFO("ETH-DRVINFO", "get_drvinfo names the driver and the bus", Need.all(Capability.ETHTOOL_DRVINFO)),
    ETH_RINGS("ETH-RINGS", "ring sizes round-trip within the declared maxima, beyond them are refused",
            Need.all(Capability.ETHTOOL_RINGS)),
    ETH_COALESCE("ETH-COALESCE", "coalescing settings round-trip", Need.all(Capability.ETHTOOL_COALESCE)),
    ETH_STATS("ETH-STATS", "ethtool -S: count, strings and values agree and stay stable", Need.all(Capability.ETHTOOL_STATS)),
    ETH_REGS("ETH-REGS", "ethtool -d: get_regs fills get_regs_len bytes", Need.all(Capability.ETHTOOL_REGS)),
    ETH_SELFTEST("ETH-SELFTEST", "ethtool -t: one result per test, passes on healthy hardware, the interface works after",
            Need.all(Capability.ETHTOOL_SELF_TEST)),
    MQ("MQ", "multiple queues", Need.all(Capability.MULTI_QUEUE)),
    WARN("WARN", "no other runtime warning", Need.none());

    private final String id;
    private final String title;
    private final Need need;

    Rule(String id, String title, Need need) {
        this.id = id;
        this.title = title;
        this.need = need;
    }

    /** The stable id, e.g. {@code R10}, {@code D14-SHIRQ}, {@code ETH-RINGS}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** {@code R10 all work done: complete, then return less than budget}. */
    public String displayName() {
        return id + " " + title;
    }

    /** Why this rule's checks cannot run for a driver declaring {@code declared}, or null when they can. */
    public String missing(Set<Capability> declared) {
        return need.missing(declared);
    }

    /** The rule with this id. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rule " + id);
    }

    /**
     * The kit rule a runtime violation belongs to. The runtime's ids are the rules' ids, except
     * where one runtime id covers several kit rules (D14, NDO) or has a kit name (ETHTOOL,
     * NDO-WATCHDOG); ids the kit does not know fall to {@link #WARN}. A warning a scenario provokes
     * on purpose never gets here while it is expected ({@code KitMachine.expect}).
     */
    public static Rule ofViolation(String runtimeRule, String message) {
        return switch (runtimeRule) {
            case "D14" -> message.contains("claimed") ? D14_SHIRQ : D14;
            case "NDO" -> message.contains("TX_BUSY") ? NDO_XMIT_BUSY : NDO;
            case "NDO-WATCHDOG" -> NDO_TX; // a queue stalled where nothing stalled it (the TX-timeout scenario expects its own)
            case "ETHTOOL" -> ETH_CORE;
            default -> {
                for (Rule r : values()) {
                    if (r.id.equals(runtimeRule) && r != WARN && r != IRQ_MODE) {
                        yield r;
                    }
                }
                yield WARN;
            }
        };
    }

    /** The capabilities a rule needs: all of a set, or any one of it; {@code why} explains a skip, or is null. */
    private record Need(Set<Capability> caps, boolean any, String why) {
        static Need none() {
            return new Need(Set.of(), false, null);
        }

        static Need all(Capability... caps) {
            return new Need(EnumSet.of(caps[0], caps), false, null);
        }

        static Need any(Capability... caps) {
            return new Need(EnumSet.of(caps[0], caps), true, null);
        }

        /** The same need, with the reason a driver may rightly not declare it, shown when the rule is skipped. */
        Need because(String reason) {
            return new Need(caps, any, reason);
        }

        String missing(Set<Capability> declared) {
            if (caps.isEmpty()) {
                return null;
            }
            if (any) {
                return caps.stream().anyMatch(declared::contains) ? null
                        : "the driver declares none of " + caps + (why == null ? "" : " (" + why + ")");
            }
            EnumSet<Capability> lacking = EnumSet.copyOf(caps);
            lacking.removeAll(declared);
            return lacking.isEmpty() ? null : "the driver does not declare " + lacking + (why == null ? "" : " (" + why + ")");
        }
    }
}
