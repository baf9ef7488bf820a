package io.jnetdev.cli.machine;

import io.jnetdev.api.module.KernelModule;
import io.jnetdev.api.module.ModuleParam;
import io.jnetdev.hw.wire.BadFrameMix;
import io.jnetdev.hw.wire.FrameSizeMix;
import io.jnetdev.cli.shell.Durations;
import io.jnetdev.runtime.irq.CpuList;
import io.jnetdev.runtime.pci.PciCore;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a machine file: SnakeYAML composes the YAML into a node tree (each node knows its line
 * and column), and this class walks it, checking every key and value against what a machine can
 * have. Values are read from the text as written — YAML 1.1's implicit types would turn a MAC
 * address like {@code 52:54:00:12:34:56} into a base-60 number — so each value's type is the
 * one its key calls for. The first error ends the reading, as one {@link MachineFileException}.
 */
final class MachineFileParser {
    static final List<String> TOP = List.of("cpus", "hz", "seed", "sysctl", "slots", "modules", "wires", "irq_affinity");
    private static final Pattern INTEGER = Pattern.compile("[-+]?(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kMG]?)");
    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(?::\\p{XDigit}{2}){5}");

    private final String file;
    /** The modules a boot could load, by name, to check names and parameters against. */
    private final Map<String, KernelModule> available;

    MachineFileParser(String file, Map<String, KernelModule> available) {
        this.file = file;
        this.available = available;
    }

    MachineDescription parse(Reader text) throws MachineFileException {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new MachineFileException(file, mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    "YAML syntax error: " + e.getProblem() + context,
                    "well-formed YAML: 'key: value' lines, '- ' before each list item, the same indentation for siblings");
        } catch (YAMLException e) {
            throw new MachineFileException(file, 1, 1, "YAML error: " + e.getMessage(), "one well-formed YAML document");
        }
        if (root == null) {
            throw new MachineFileException(file, 1, 1, "the file holds no machine",
                    "a mapping with keys among " + String.join(", ", TOP));
        }
        Map<String, Node> top = keys(root, "the machine", TOP);
        int cpus = top.containsKey("cpus") ? (int) integer(top.get("cpus"), "cpus", 1, 64, "a CPU count 1..64") : 2;
        int hz = 1000;
        if (top.containsKey("hz")) {
            hz = (int) integer(top.get("hz"), "hz", 1, 1000, "HZ 100, 250, 300 or 1000");
            if (hz != 100 && hz != 250 && hz != 300 && hz != 1000) {
                throw error(top.get("hz"), "hz " + hz + " is not a kernel's CONFIG_HZ", "100, 250, 300 or 1000");
            }
        }
        long seed = top.containsKey("seed") ? integer(top.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE, "an integer seed") : 1;
        Map<String, Long> sysctl = top.containsKey("sysctl") ? sysctl(top.get("sysctl")) : Map.of();
        List<SlotSpec> slots = top.containsKey("slots") ? slots(top.get("slots")) : List.of();
        Map<String, Map<String, String>> modules = top.containsKey("modules") ? modules(top.get("modules")) : null;
        List<WireSpec> wires = top.containsKey("wires") ? wires(top.get("wires"), slots) : List.of();
        List<IrqAffinitySpec> affinity = top.containsKey("irq_affinity") ? affinity(top.get("irq_affinity"), slots) : List.of();
        Position cpusAt = top.containsKey("cpus") ? at(top.get("cpus")) : new Position(file, 1, 1);
        MachineDescription d = new MachineDescription(file, cpus, hz, seed, sysctl, slots, modules, wires, affinity, cpusAt);
        d.checkCpus();
        return d;
    }

    // ---- sections ------------------------------------------------------------------------

    private Map<String, Long> sysctl(Node node) throws MachineFileException {
        Map<String, Node> knobs = keys(node, "sysctl", MachineDescription.SYSCTLS);
        Map<String, Long> values = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : knobs.entrySet()) {
            long min = e.getKey().equals("net.core.netdev_budget_usecs") ? 0 : 1;
            values.put(e.getKey(), integer(e.getValue(), e.getKey(), min, Integer.MAX_VALUE,
                    "an integer " + min + ".." + Integer.MAX_VALUE));
        }
        return values;
    }

    private List<SlotSpec> slots(Node node) throws MachineFileException {
        Map<Integer, Position> used = new HashMap<>();
        List<SlotSpec> slots = new ArrayList<>();
        for (Node item : sequence(node, "slots", "a list of '- slot: N' entries with a model")) {
            MappingNode entry = mapping(item, "a slot entry", "a mapping like {slot: 4, model: 82574L, mac: 52:54:00:12:34:56}");
            Map<String, Node> raw = keys(entry, "a slot entry", null);
            Node slotNode = required(raw, "slot", entry, "a slot entry");
            Node modelNode = required(raw, "model", entry, "a slot entry");
            int slot = (int) integer(slotNode, "slot", 0, PciCore.SLOTS - 1, "a PCI slot 0.." + (PciCore.SLOTS - 1));
            String modelName = scalar(modelNode, "model", "a model name");
            CardModels.Model model = CardModels.model(modelName);
            if (model == null) {
                throw error(modelNode, "unknown model '" + modelName + "'", "one of " + String.join(", ", CardModels.names()));
            }
            Position first = used.putIfAbsent(slot, at(slotNode));
            if (first != null) {
                throw error(slotNode, "slot " + slot + " is used twice (first at line " + first.line() + ")", "each slot once");
            }
            Map<CardModels.Property, Long> props = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : raw.entrySet()) {
                if (e.getKey().equals("slot") || e.getKey().equals("model")) {
                    continue;
                }
                CardModels.Property p = model.properties().stream().filter(q -> q.key().equals(e.getKey())).findFirst().orElse(null);
                if (p == null) {
                    throw error(keyNode(entry, e.getKey()), "model " + model.name() + " has no property '" + e.getKey() + "'",
                            "slot, model" + model.properties().stream().map(q -> ", " + q.key()).reduce("", String::concat));
                }
                props.put(p, property(p, e.getValue()));
            }
            slots.add(new SlotSpec(slot, model, props, at(entry)));
        }
        return slots;
    }

    private long property(CardModels.Property p, Node value) throws MachineFileException {
        return switch (p) {
            case MAC -> mac(value);
            case DMA_MASK -> integer(value, "dma_mask", 0xFFF, Long.MAX_VALUE, p.expected());
            case LINE_RATE -> {
                long rate = rate(value, "line_rate", p.expected());
                if (rate < 1_000_000) {
                    throw error(value, "line_rate " + rate + " bit/s is below 1 Mb/s", p.expected());
                }
                yield rate;
            }
        };
    }

    private long mac(Node node) throws MachineFileException {
        String text = scalar(node, "mac", CardModels.Property.MAC.expected());
        if (!MAC.matcher(text).matches()) {
            throw error(node, "'" + text + "' is not a MAC address", CardModels.Property.MAC.expected());
        }
        long mac = Long.parseLong(text.replace(":", ""), 16);
        if ((mac & (1L << 40)) != 0 || mac == 0) {
            throw error(node, "'" + text + "' is " + (mac == 0 ? "all zeros" : "a multicast address"), CardModels.Property.MAC.expected());
        }
        return mac;
    }

    private Map<String, Map<String, String>> modules(Node node) throws MachineFileException {
        Map<String, Map<String, String>> modules = new LinkedHashMap<>();
        MappingNode m = mapping(node, "modules", "a mapping of module names to their parameters, like {e1000e: {IntMode: 2}}");
        for (NodeTuple t : m.getValue()) {
            String name = scalar(t.getKeyNode(), "a module name", "a module name");
            KernelModule module = available.get(name);
            if (module == null) {
                module = available.get(name.indexOf('-') >= 0 ? name.replace('-', '_') : name.replace('_', '-'));
            }
            if (module == null) {
                throw error(t.getKeyNode(), "unknown module '" + name + "'", "one of " + String.join(", ", available.keySet()));
            }
            if (modules.containsKey(module.name())) {
                throw error(t.getKeyNode(), "module " + module.name() + " is listed twice", "each module once");
            }
            Map<String, String> params = new LinkedHashMap<>();
            Node value = t.getValueNode();
            if (!(value instanceof ScalarNode s && s.getValue().isEmpty())) {
                List<String> declared = module.parameters().stream().map(ModuleParam::name).toList();
                Map<String, Node> given = keys(value, "the parameters of " + module.name(), null);
                for (Map.Entry<String, Node> e : given.entrySet()) {
                    ModuleParam p = module.parameters().stream().filter(q -> q.name().equals(e.getKey())).findFirst().orElse(null);
                    if (p == null) {
                        throw error(keyNode((MappingNode) value, e.getKey()), "module " + module.name() + " has no parameter '"
                                + e.getKey() + "'", declared.isEmpty() ? "no parameters" : "one of " + String.join(", ", declared));
                    }
                    params.put(p.name(), paramValue(module.name(), p, e.getValue()));
                }
            }
            modules.put(module.name(), params);
        }
        return modules;
    }

    private String paramValue(String module, ModuleParam p, Node node) throws MachineFileException {
        String what = module + "." + p.name();
        return switch (p.type()) {
            case INT -> Long.toString(integer(node, what, p.min(), p.max(), "an integer " + p.min() + ".." + p.max()));
            case BOOL -> {
                String v = scalar(node, what, "Y or N");
                yield switch (v.toLowerCase(Locale.ROOT)) {
                    case "y", "yes", "1", "true", "on" -> "Y";
                    case "n", "no", "0", "false", "off" -> "N";
                    default -> throw error(node, what + " is '" + v + "'", "Y or N");
                };
            }
            case STRING -> scalar(node, what, "a string");
        };
    }

    private List<WireSpec> wires(Node node, List<SlotSpec> slots) throws MachineFileException {
        Map<Integer, SlotSpec> bySlot = new HashMap<>();
        slots.forEach(s -> bySlot.put(s.slot(), s));
        Map<Integer, Position> attached = new HashMap<>();
        List<WireSpec> wires = new ArrayList<>();
        for (Node item : sequence(node, "wires", "a list of '- cable: [A, B]', '- generator: {...}' or '- sink: SLOT' entries")) {
            Map<String, Node> kind = keys(item, "a wire", List.of("cable", "generator", "sink"));
            if (kind.size() != 1) {
                throw error(item, "a wire entry with " + kind.size() + " kinds", "exactly one of cable, generator, sink per '- ' item");
            }
            Map.Entry<String, Node> e = kind.entrySet().iterator().next();
            Node v = e.getValue();
            switch (e.getKey()) {
                case "cable" -> {
                    List<Node> ends = sequence(v, "cable", "two slots, like [4, 5]");
                    if (ends.size() != 2) {
                        throw error(v, "a cable with " + ends.size() + " ends", "two slots, like [4, 5]");
                    }
                    int a = nicSlot(ends.get(0), bySlot, "cable");
                    int b = nicSlot(ends.get(1), bySlot, "cable");
                    if (a == b) {
                        throw error(ends.get(1), "a cable from slot " + a + " to itself", "two different slots");
                    }
                    attach(attached, a, ends.get(0));
                    attach(attached, b, ends.get(1));
                    wires.add(new WireSpec.Cable(a, b, at(item)));
                }
                case "sink" -> {
                    Node slotNode = v instanceof MappingNode ? required(keys(v, "a sink", List.of("slot")), "slot", v, "a sink") : v;
                    int slot = nicSlot(slotNode, bySlot, "sink");
                    attach(attached, slot, slotNode);
                    wires.add(new WireSpec.Sink(slot, at(item)));
                }
                default -> wires.add(generator(v, bySlot, at(item)));
            }
        }
        return wires;
    }

    private WireSpec.Generator generator(Node node, Map<Integer, SlotSpec> bySlot, Position at) throws MachineFileException {
        Map<String, Node> g = keys(node, "a generator", List.of("slot", "rate", "size", "bad", "burst", "start", "for"));
        int slot = nicSlot(required(g, "slot", node, "a generator"), bySlot, "generator");
        Node rateNode = required(g, "rate", node, "a generator");
        String rateExpected = "frames per second of at least 1, like 100000, 250k or 1.2M, or 'line' for the line rate";
        long fps = scalar(rateNode, "rate", rateExpected).equals("line") ? WireSpec.Generator.LINE_RATE : rate(rateNode, "rate", rateExpected);
        FrameSizeMix sizes = g.containsKey("size") ? sizes(g.get("size")) : FrameSizeMix.fixed(60);
        BadFrameMix bad = g.containsKey("bad") ? bad(g.get("bad")) : null;
        int burst = g.containsKey("burst") ? (int) integer(g.get("burst"), "burst", 1, 1 << 20, "frames per burst, at least 1") : 1;
        long start = g.containsKey("start") ? duration(g.get("start"), "start") : 0;
        long duration = duration(required(g, "for", node, "a generator"), "for");
        if (duration == 0) {
            throw error(g.get("for"), "a generator that runs for no time", "a duration above 0");
        }
        return new WireSpec.Generator(slot, fps, sizes, bad, burst, start, duration, at);
    }

    private FrameSizeMix sizes(Node node) throws MachineFileException {
        String expected = "a frame size 60..1514, imix, or a mapping of sizes to weights like {60: 7, 590: 4, 1514: 1}";
        try {
            if (node instanceof MappingNode m) {
                List<FrameSizeMix.Entry> entries = new ArrayList<>();
                for (NodeTuple t : m.getValue()) {
                    int size = (int) integer(t.getKeyNode(), "a frame size", 60, 1514, "a frame size 60..1514 bytes (without FCS)");
                    int weight = (int) integer(t.getValueNode(), "the weight of " + size + "-byte frames", 1, FrameSizeMix.MAX_CYCLE,
                            "a weight of at least 1");
                    entries.add(new FrameSizeMix.Entry(size, weight));
                }
                return new FrameSizeMix(entries);
            }
            if (scalar(node, "size", expected).equals("imix")) {
                return FrameSizeMix.imix();
            }
            return FrameSizeMix.fixed((int) integer(node, "size", 60, 1514, expected));
        } catch (IllegalArgumentException e) {
            throw error(node, e.getMessage(), expected);
        }
    }

    private BadFrameMix bad(Node node) throws MachineFileException {
        String expected = "N (every N-th frame bad, in turn a runt, an oversize and a bad-FCS frame) or "
                + "{period: P, runts: R, oversize: O, bad_fcs: F}";
        try {
            if (node instanceof MappingNode) {
                Map<String, Node> b = keys(node, "bad frames", List.of("period", "runts", "oversize", "bad_fcs"));
                int period = (int) integer(required(b, "period", node, "bad frames"), "period", 1, BadFrameMix.MAX_PERIOD, expected);
                int runts = b.containsKey("runts") ? (int) integer(b.get("runts"), "runts", 0, period, "0.." + period) : 0;
                int over = b.containsKey("oversize") ? (int) integer(b.get("oversize"), "oversize", 0, period, "0.." + period) : 0;
                int fcs = b.containsKey("bad_fcs") ? (int) integer(b.get("bad_fcs"), "bad_fcs", 0, period, "0.." + period) : 0;
                return BadFrameMix.of(period, runts, over, fcs);
            }
            return BadFrameMix.everyNth((int) integer(node, "bad", 1, BadFrameMix.MAX_PERIOD, expected));
        } catch (IllegalArgumentException e) {
            throw error(node, e.getMessage(), expected);
        }
    }

    private List<IrqAffinitySpec> affinity(Node node, List<SlotSpec> slots) throws MachineFileException {
        List<IrqAffinitySpec> list = new ArrayList<>();
        String expected = "{irq: N, cpus: LIST} or {slot: N, vector: V, cpus: LIST}";
        for (Node item : sequence(node, "irq_affinity", "a list of " + expected + " entries")) {
            Map<String, Node> a = keys(item, "an irq_affinity entry", List.of("irq", "slot", "vector", "cpus"));
            if (a.containsKey("irq") == a.containsKey("slot") || (a.containsKey("irq") && a.containsKey("vector"))) {
                throw error(item, "an irq_affinity entry must name its interrupt one way", expected);
            }
            int irq = -1;
            int slot = -1;
            int vector = 0;
            if (a.containsKey("irq")) {
                irq = (int) integer(a.get("irq"), "irq", 0, 1 << 20, "an IRQ number as in /proc/interrupts");
            } else {
                slot = (int) integer(a.get("slot"), "slot", 0, PciCore.SLOTS - 1, "a PCI slot 0.." + (PciCore.SLOTS - 1));
                int s = slot;
                if (slots.stream().noneMatch(x -> x.slot() == s)) {
                    throw error(a.get("slot"), "slot " + slot + " is empty", "a slot the slots section fills");
                }
                if (a.containsKey("vector")) {
                    vector = (int) integer(a.get("vector"), "vector", 0, 2047, "a vector index 0..2047 (pci_irq_vector)");
                }
            }
            Node cpusNode = required(a, "cpus", item, "an irq_affinity entry");
            String text = scalar(cpusNode, "cpus", "a CPU list like 0-1,3");
            long mask;
            try {
                mask = CpuList.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(cpusNode, e.getMessage(), "a CPU list like 0-1,3 (as /proc/irq/N/smp_affinity_list)");
            }
            if (mask == 0) {
                throw error(cpusNode, "an empty CPU list", "at least one CPU, like 0 or 0-1");
            }
            list.add(new IrqAffinitySpec(irq, slot, vector, mask, at(item), at(cpusNode)));
        }
        return list;
    }

    // ---- wires' helpers --------------------------------------------------------------------

    /** A slot number that holds a card with an Ethernet port. */
    private int nicSlot(Node node, Map<Integer, SlotSpec> bySlot, String what) throws MachineFileException {
        int slot = (int) integer(node, what + " slot", 0, PciCore.SLOTS - 1, "a PCI slot 0.." + (PciCore.SLOTS - 1));
        SlotSpec s = bySlot.get(slot);
        if (s == null) {
            throw error(node, "a " + what + " to slot " + slot + ", which is empty", "a slot the slots section fills with a network card");
        }
        if (!s.model().nic()) {
            throw error(node, "a " + what + " to slot " + slot + ", whose " + s.model().name() + " has no Ethernet port",
                    "a slot holding a network card");
        }
        return slot;
    }

    /** A port takes one cable or one sink. */
    private void attach(Map<Integer, Position> attached, int slot, Node node) throws MachineFileException {
        Position first = attached.putIfAbsent(slot, at(node));
        if (first != null) {
            throw error(node, "slot " + slot + "'s port already has a cable or sink (line " + first.line() + ")",
                    "one cable or sink per port");
        }
    }

    // ---- typed values --------------------------------------------------------------------

    private Position at(Node node) {
        Mark m = node.getStartMark();
        return m == null ? new Position(file, 1, 1) : new Position(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private MachineFileException error(Node node, String problem, String expected) {
        return at(node).error(problem, expected);
    }

    private static String kindOf(Node node) {
        return node instanceof MappingNode ? "a mapping" : node instanceof SequenceNode ? "a list" : "a value";
    }

    private MappingNode mapping(Node node, String what, String expected) throws MachineFileException {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, what + " is " + kindOf(node) + (node instanceof ScalarNode s ? " ('" + s.getValue() + "')" : ""), expected);
    }

    private List<Node> sequence(Node node, String what, String expected) throws MachineFileException {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        throw error(node, what + " is " + kindOf(node) + ", not a list", expected);
    }

    /**
     * The keys of a mapping with their values, in order; a key twice, a key that is not a plain
     * name, or (when {@code allowed} is given) a key not allowed is an error at that key.
     */
    private Map<String, Node> keys(Node node, String what, List<String> allowed) throws MachineFileException {
        MappingNode m = mapping(node, what, allowed == null ? "a mapping" : "a mapping with keys among " + String.join(", ", allowed));
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key of " + what, "a plain key");
            if (allowed != null && !allowed.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' in " + what, "one of " + String.join(", ", allowed));
            }
            if (keys.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), "key '" + key + "' appears twice in " + what, "each key once");
            }
        }
        return keys;
    }

    private Node keyNode(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getKeyNode();
            }
        }
        return m;
    }

    private Node required(Map<String, Node> keys, String key, Node where, String what) throws MachineFileException {
        Node n = keys.get(key);
        if (n == null) {
            throw error(where, what + " without '" + key + "'", "a '" + key + ":' key in " + what);
        }
        return n;
    }

    private String scalar(Node node, String what, String expected) throws MachineFileException {
        if (node instanceof ScalarNode s) {
            return s.getValue().strip();
        }
        throw error(node, what + " is " + kindOf(node), expected);
    }

    private long integer(Node node, String what, long min, long max, String expected) throws MachineFileException {
        String text = scalar(node, what, expected);
        if (!INTEGER.matcher(text).matches()) {
            throw error(node, what + " is '" + text + "', not an integer", expected);
        }
        String digits = text.replace("_", "");
        long v;
        try {
            boolean negative = digits.startsWith("-");
            String body = digits.replaceFirst("^[-+]", "");
            v = body.startsWith("0x") || body.startsWith("0X") ? Long.parseLong(body.substring(2), 16) : Long.parseLong(body);
            v = negative ? -v : v;
        } catch (NumberFormatException e) {
            throw error(node, what + " '" + text + "' does not fit in 64 bits", expected);
        }
        if (v < min || v > max) {
            throw error(node, what + " is " + v + (v < 0 && min >= 0 ? ", negative" : ", outside " + min + ".." + max), expected);
        }
        return v;
    }

    /** A count per second with an optional k, M or G suffix ({@code 250k}, {@code 1.2M}), at least 1. */
    private long rate(Node node, String what, String expected) throws MachineFileException {
        String text = scalar(node, what, expected);
        if (text.startsWith("-")) {
            throw error(node, what + " " + text + " is negative", expected);
        }
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            throw error(node, what + " is '" + text + "', not a rate", expected);
        }
        double scale = switch (m.group(2)) {
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1;
        };
        double v = Double.parseDouble(m.group(1)) * scale;
        if (v < 1 || v > 1e15) {
            throw error(node, what + " " + text + " is " + (v < 1 ? "below 1" : "beyond any line"), expected);
        }
        return Math.round(v);
    }

    private long duration(Node node, String what) throws MachineFileException {
        String expected = "a duration like 500us, 20ms or 2s";
        String text = scalar(node, what, expected);
        try {
            return Durations.nanos(text);
        } catch (IllegalArgumentException e) {
            throw error(node, what + " " + e.getMessage(), expected);
        }
    }
}
