package io.jnetdev.runtime.irq;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The platform's interrupt controller: IO-APIC pins for PCI INTx (level-triggered, shared by
 * every device routed to them) and the MSI address window that turns a message write into an
 * interrupt on a CPU.
 *
 * <p>MSI messages use x86's layout: address {@code 0xFEE00000 | (cpu << 12)}; the data field
 * carries the Linux IRQ number directly (a real APIC carries a vector that the kernel maps back
 * to an IRQ — one indirection this machine does not need).
 */
public final class InterruptController {
    /** IO-APIC pin of the first PCI interrupt line; PIRQ A..D are pins 16..19. */
    public static final int FIRST_PCI_GSI = 16;
    /** Number of PCI INTx lines (PIRQ A..D). */
    public static final int PCI_LINES = 4;
    /** First IRQ number handed to message interrupts. */
    public static final int FIRST_MSI_IRQ = 24;
    /** Base of the MSI address window. */
    public static final long MSI_ADDRESS_BASE = 0xFEE0_0000L;

    private final IrqCore irqCore;
    private final Map<Integer, Map<String, Boolean>> pins = new TreeMap<>();
    private final BitSet msiIrqsInUse = new BitSet();

    public InterruptController(IrqCore irqCore) {
        this.irqCore = irqCore;
    }

    /** The IO-APIC pin of a device's INTx: the classic PCI swizzle of slot and pin over PIRQ A..D. */
    public static int intxGsi(int slot, int interruptPin) {
        return FIRST_PCI_GSI + ((slot + interruptPin - 1) % PCI_LINES);
    }

    /** Connects a device's INTx pin to {@code gsi}, creating the line's descriptor on first use. */
    public IntxPin connect(int gsi, String device) {
        Map<String, Boolean> line = pins.computeIfAbsent(gsi, g -> {
            Map<String, Boolean> m = new LinkedHashMap<>();
            // The redirection entry's destination is the descriptor's target CPU: irq_set_affinity
            // changes it there, and nothing else on the pin needs telling.
            irqCore.addLevelLine(g, "IO-APIC", g + "-fasteoi", () -> m.containsValue(true),
                    () -> m.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.toSet()));
            return m;
        });
        line.put(device, false);
        return new IntxPin(gsi, device);
    }

    /** A device's INTx pin. */
    public final class IntxPin {
        private final int gsi;
        private final String device;

        private IntxPin(int gsi, String device) {
            this.gsi = gsi;
            this.device = device;
        }

        public int gsi() {
            return gsi;
        }

        /** Drives the pin; the line rises when the first device on it asserts. */
        public void set(boolean asserted) {
            Map<String, Boolean> line = pins.get(gsi);
            if (line == null || !line.containsKey(device)) {
                return;
            }
            boolean wasHigh = line.containsValue(true);
            line.put(device, asserted);
            if (asserted && !wasHigh && !irqCore.desc(gsi).actions().isEmpty()) {
                irqCore.signal(gsi);
            }
        }

        public boolean asserted() {
            Map<String, Boolean> line = pins.get(gsi);
            return line != null && Boolean.TRUE.equals(line.get(device));
        }

        /** Disconnects the pin (hot-unplug). */
        public void disconnect() {
            Map<String, Boolean> line = pins.get(gsi);
            if (line != null) {
                line.remove(device);
            }
        }
    }

    /** Devices whose pins are asserted on {@code gsi}. */
    public Set<String> assertedOn(int gsi) {
        Map<String, Boolean> line = pins.get(gsi);
        return line == null ? Set.of() : line.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Reserves {@code count} consecutive IRQ numbers for message interrupts; returns the first. */
    public int allocateMsiIrqs(int count) {
        return allocateMsiIrqs(count, 1);
    }

    /**
     * Reserves {@code count} consecutive IRQ numbers whose first is a multiple of {@code align}
     * (a power of two). Multiple-message MSI needs this: the device ORs the message number into
     * the low bits of the data, so the block must be aligned to its size.
     */
    public int allocateMsiIrqs(int count, int align) {
        if (align < 1 || Integer.bitCount(align) != 1) {
            throw new IllegalArgumentException("MSI IRQ alignment " + align + " is not a power of two");
        }
        int start = FIRST_MSI_IRQ;
        while (true) {
            int clear = (msiIrqsInUse.nextClearBit(start) + align - 1) & -align;
            int nextSet = msiIrqsInUse.nextSetBit(clear);
            if (nextSet < 0 || nextSet - clear >= count) {
                msiIrqsInUse.set(clear, clear + count);
                return clear;
            }
            start = nextSet;
        }
    }

    public void freeMsiIrq(int irq) {
        msiIrqsInUse.clear(irq);
    }

    /** The message address that targets {@code cpu}. */
    public static long msiAddress(int cpu) {
        return MSI_ADDRESS_BASE | ((long) cpu << 12);
    }

    /** The CPU a message address targets (its destination ID field). */
    public static int msiCpu(long address) {
        return (int) ((address >>> 12) & 0xFF);
    }

    /**
     * A device wrote an MSI message: the interrupt goes to the CPU the address names. Writes
     * outside the MSI window, or naming no IRQ or no CPU, are logged by the IRQ core and dropped.
     */
    public void message(long address, int data) {
        if ((address & 0xFFF0_0000L) != MSI_ADDRESS_BASE) {
            irqCore.signal(-1);
            return;
        }
        irqCore.signal(data, msiCpu(address));
    }
}
