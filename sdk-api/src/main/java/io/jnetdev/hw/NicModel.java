package io.jnetdev.hw;

/**
 * A PCI function model that is a network card: it has an {@link EthernetPort} a wire, a traffic
 * generator or a capture can be attached to. The runtime finds an interface's port through the
 * model of the interface's parent PCI function.
 */
public interface NicModel extends PciFunctionModel {

    /** The card's Ethernet port (one per function for the cards modelled so far). */
    EthernetPort port();
}
