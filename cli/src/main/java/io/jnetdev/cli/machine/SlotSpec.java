package io.jnetdev.cli.machine;

import io.jnetdev.hw.PciFunctionModel;
import java.util.Map;

/**
 * A device in a PCI slot, as a machine file describes it.
 *
 * @param slot       the slot (device number on bus 0)
 * @param model      the model
 * @param properties the properties the file set
 * @param at         where the entry starts
 */
public record SlotSpec(int slot, CardModels.Model model, Map<CardModels.Property, Long> properties, Position at) {
    public SlotSpec {
        properties = Map.copyOf(properties);
    }

    /** A fresh model for a new machine. */
    public PciFunctionModel newModel() {
        return model.make().apply(properties);
    }
}
