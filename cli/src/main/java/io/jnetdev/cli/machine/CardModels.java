package io.jnetdev.cli.machine;

import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.models.edu.EduDevice;
import io.jnetdev.hw.models.testnic.TestNic;
import io.jnetdev.hw.models.tulip.Tulip;
import io.jnetdev.hw.models.vortex.Vortex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The device models a machine file can put in a slot, by the name a machine file uses, with the
 * properties each really has (a property no model constructor takes is not offered).
 */
public final class CardModels {
    /** A property of a model in a slot; every value is a number once read. */
    public enum Property {
        /** The station address in the card's EEPROM/NVM/SROM. */
        MAC("mac", "a unicast MAC address like 52:54:00:12:34:56"),
        /** The edu device's DMA address width, as QEMU's {@code -device edu,dma_mask=}. */
        DMA_MASK("dma_mask", "a DMA mask like 0xfffffff (bits the device can address)"),
        /** The port's line rate in bit/s. */
        LINE_RATE("line_rate", "a line rate in bit/s like 1000000000, 100M or 1G");

        private final String key;
        private final String expected;

        Property(String key, String expected) {
            this.key = key;
            this.expected = expected;
        }

        /** The key in the machine file. */
        public String key() {
            return key;
        }

        /** What a good value looks like, for error messages. */
        public String expected() {
            return expected;
        }
    }

    /**
     * A model a slot can hold.
     *
     * @param name        the name in the machine file
     * @param description what it is, for the docs and errors
     * @param nic         whether it has an Ethernet port (a cable, generator or sink can attach)
     * @param properties  the properties it takes
     * @param make        a fresh model from the given property values (absent ones: the model's default)
     */
    public record Model(String name, String description, boolean nic, List<Property> properties,
                        Function<Map<Property, Long>, PciFunctionModel> make) {}

    private static final Map<String, Model> MODELS = new LinkedHashMap<>();

    static {
        add(new Model("82574L", "Intel 82574L (8086:10d3), driven by e1000e", true, List.of(Property.MAC),
                p -> new E1000e(p.getOrDefault(Property.MAC, E1000e.DEFAULT_MAC))));
        add(new Model("3c595", "3Com 3c595 Vortex 100baseTX (10b7:5950), driven by 3c59x", true, List.of(Property.MAC),
                p -> Vortex.c3c595(p.getOrDefault(Property.MAC, Vortex.DEFAULT_MAC))));
        add(new Model("3c905C", "3Com 3c905C Tornado (10b7:9200), driven by 3c59x", true, List.of(Property.MAC),
                p -> Vortex.c3c905c(p.getOrDefault(Property.MAC, Vortex.DEFAULT_MAC))));
        add(new Model("21143", "DEC 21143 (1011:0019), driven by tulip", true, List.of(Property.MAC),
                p -> Tulip.dec21143(p.getOrDefault(Property.MAC, Tulip.DEFAULT_MAC))));
        add(new Model("21140", "DEC 21140 (1011:0009), driven by tulip", true, List.of(Property.MAC),
                p -> Tulip.dec21140(p.getOrDefault(Property.MAC, Tulip.DEFAULT_MAC))));
        add(new Model("edu", "QEMU's edu teaching device (1234:11e8), driven by edu", false, List.of(Property.DMA_MASK),
                p -> new EduDevice(p.getOrDefault(Property.DMA_MASK, EduDevice.DEFAULT_DMA_MASK))));
        add(new Model("testnic", "the jnetdev test NIC (1b36:00f0), driven by testnic", true,
                List.of(Property.MAC, Property.LINE_RATE),
                p -> new TestNic(p.getOrDefault(Property.MAC, TestNic.DEFAULT_MAC),
                        p.getOrDefault(Property.LINE_RATE, TestNic.DEFAULT_LINE_RATE))));
    }

    private static void add(Model m) {
        MODELS.put(m.name(), m);
    }

    private CardModels() {}

    /** The model called {@code name}, or null. */
    public static Model model(String name) {
        return MODELS.get(name);
    }

    /** Every model name, in the order the docs list them. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }
}
