package io.jnetdev.runtime.testing;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A PCI driver for tests whose probe and remove are lambdas, recording every call in
 * {@link #events()} as {@code "probe DEV"} / {@code "remove DEV"}.
 */
public final class TestDriver implements PciDriver {
    /** A probe body that may throw like a real one. */
    @FunctionalInterface
    public interface ProbeBody {
        ProbeResult probe(PciDev dev, PciDeviceId id) throws ErrnoException;
    }

    private final String name;
    private final List<PciDeviceId> ids;
    private ProbeBody probe = (dev, id) -> ProbeResult.bound();
    private Consumer<PciDev> remove = dev -> { };
    private final List<String> events = new ArrayList<>();

    public TestDriver(String name, PciDeviceId... ids) {
        this.name = name;
        this.ids = List.of(ids);
    }

    public TestDriver onProbe(ProbeBody body) {
        this.probe = body;
        return this;
    }

    public TestDriver onRemove(Consumer<PciDev> body) {
        this.remove = body;
        return this;
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** Shared with tests that need to record from inside probe or handlers. */
    public void record(String event) {
        events.add(event);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<PciDeviceId> idTable() {
        return ids;
    }

    @Override
    public ProbeResult probe(PciDev dev, PciDeviceId id) throws ErrnoException {
        events.add("probe " + dev.name());
        return probe.probe(dev, id);
    }

    @Override
    public void remove(PciDev dev) {
        events.add("remove " + dev.name());
        remove.accept(dev);
    }
}
