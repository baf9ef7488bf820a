package io.jnetdev.runtime.pci;

import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.BarSpec;
import io.jnetdev.hw.CapabilitySpec;
import io.jnetdev.hw.DeviceContext;
import io.jnetdev.hw.DeviceTimer;
import io.jnetdev.hw.DmaPort;
import io.jnetdev.hw.PciConfigLayout;
import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.runtime.base.Device;
import io.jnetdev.runtime.engine.EngineTimer;
import io.jnetdev.runtime.irq.InterruptController;
import io.jnetdev.runtime.mem.IommuView;
import io.jnetdev.runtime.mem.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * One PCI function in a slot: the runtime's {@code struct pci_dev}. It joins the device model
 * (registers, DMA engine) to the machine, and keeps the generic PCI state the model does not own —
 * config space, assigned BARs, MSI and MSI-X state with the MSI-X table and PBA — plus the ledger
 * of what the bound driver holds, for the leak checks.
 */
public final class PciFunction extends Device {
    private final PciCore core;
    private final int slot;
    private final PciFunctionModel model;
    private final PciConfigLayout layout;
    private final PciConfigSpace config;
    private final long[] barBase = new long[6];
    private final IommuView iommu;
    private final InterruptController.IntxPin intx;
    private final CapabilitySpec.Msix msix;
    private final byte[] msixTable;
    private final boolean[] msixPending;
    private final int msiCap;
    private final int msixCap;
    private final boolean[] msiPending = new boolean[32];
    private final List<EngineTimer> timers = new ArrayList<>();
    private final PciDevHandle handle;
    private boolean intxLevel;
    /** The MSI/MSI-X enable bits, refreshed by {@link #refreshEnables} (bus mastering lives in the IOMMU view). */
    private boolean msiEnabled;
    private boolean msixEnabled;

    // ---- what the bound driver holds (the leak ledger) --------------------------------------
    int enableCount;
    final String[] regionOwner = new String[6];
    final List<IoRegionImpl> iomaps = new ArrayList<>();
    final List<DmaBufferImpl> coherent = new ArrayList<>();
    final List<MappingRecord> mappings = new ArrayList<>();
    IrqMode irqMode = IrqMode.NONE;
    int[] vectors = new int[0];
    int dmaMaskBits = 32;

    /** A live streaming mapping. */
    record MappingRecord(io.jnetdev.api.pci.DmaMapping mapping, IommuView.Window window) {}

    PciFunction(PciCore core, int slot, PciFunctionModel model) {
        super(String.format("0000:00:%02x.0", slot), core.bus());
        this.core = core;
        this.slot = slot;
        this.model = model;
        this.layout = model.layout();
        this.config = new PciConfigSpace(layout);
        this.iommu = new IommuView(name(), fault -> core.log().err(name() + ": " + fault.getMessage()));
        // the bus given back after an injected stall reaches the model as bus mastering turned on again does
        iommu.onResume(() -> core.callModel(this, "DMA resumed", () -> model.commandWritten(command())));
        this.intx = layout.interruptPin() == 0 ? null
                : core.controller().connect(InterruptController.intxGsi(slot, layout.interruptPin()), name());
        if (intx != null) {
            config.write(PciRegs.INTERRUPT_LINE, 1, intx.gsi());
        }
        this.msix = layout.capabilities().stream().filter(c -> c instanceof CapabilitySpec.Msix)
                .map(c -> (CapabilitySpec.Msix) c).findFirst().orElse(null);
        this.msixTable = msix == null ? new byte[0] : new byte[msix.tableSize() * PciRegs.MSIX_ENTRY_SIZE];
        this.msixPending = msix == null ? new boolean[0] : new boolean[msix.tableSize()];
        for (int i = 0; i < msixPending.length; i++) {
            msixTable[i * PciRegs.MSIX_ENTRY_SIZE + PciRegs.MSIX_ENTRY_VECTOR_CTRL] = PciRegs.MSIX_ENTRY_CTRL_MASKBIT;
        }
        this.msiCap = config.findCapability(PciRegs.CAP_ID_MSI);
        this.msixCap = config.findCapability(PciRegs.CAP_ID_MSIX); // the list is read-only: found once, read per interrupt
        this.handle = new PciDevHandle(core, this);
        refreshEnables();
    }

    public int slot() {
        return slot;
    }

    public PciFunctionModel model() {
        return model;
    }

    public PciConfigLayout layout() {
        return layout;
    }

    public PciConfigSpace config() {
        return config;
    }

    public IommuView iommu() {
        return iommu;
    }

    /** The driver's handle on this function. */
    public PciDevHandle handle() {
        return handle;
    }

    /** The IO-APIC pin of INTx, or -1 when the function has no interrupt pin. */
    public int intxGsi() {
        return intx == null ? -1 : intx.gsi();
    }

    public IrqMode irqMode() {
        return irqMode;
    }

    public long barBase(int bar) {
        return barBase[bar];
    }

    void barBase(int bar, long base) {
        barBase[bar] = base;
        BarSpec spec = layout.bar(bar);
        int off = PciRegs.BASE_ADDRESS_0 + 4 * bar;
        int flags = config.read(off, 4) & (spec.kind() == BarSpec.Kind.IO ? 0x3 : 0xF);
        config.write(off, 4, (int) base | flags);
        if (spec.kind() == BarSpec.Kind.MEMORY64) {
            config.write(off + 4, 4, (int) (base >>> 32));
        }
    }

    int command() {
        return config.command();
    }

    // ---- config space with side effects ------------------------------------------------------

    int configRead(int offset, int size) {
        return config.read(offset, size);
    }

    void configWrite(int offset, int size, int value) {
        boolean msixWasUnmasked = msixUnmasked();
        config.write(offset, size, value);
        refreshEnables();
        if (offset <= PciRegs.COMMAND + 1 && offset + size > PciRegs.COMMAND) {
            updateIntx();
            core.callModel(this, "command write", () -> model.commandWritten(command()));
        }
        if (msix != null && !msixWasUnmasked && msixUnmasked()) {
            for (int v = 0; v < msixPending.length; v++) {
                deliverPendingMsix(v);
            }
        }
        if (msiCap != 0 && msiEnabled()) {
            deliverPendingMsi();
        }
    }

    // ---- BAR access (MSI-X table and PBA live here, not in the model) ---------------------------

    long barRead(int bar, long offset, int size) {
        if (msix != null && bar == msix.tableBar() && inRange(offset, size, msix.tableOffset(), msixTable.length)) {
            return readBytes(msixTable, (int) (offset - msix.tableOffset()), size);
        }
        if (msix != null && bar == msix.pbaBar() && inRange(offset, size, msix.pbaOffset(), pbaBytes())) {
            long bits = 0;
            int first = (int) (offset - msix.pbaOffset()) * 8;
            for (int i = 0; i < size * 8 && first + i < msixPending.length; i++) {
                if (msixPending[first + i]) {
                    bits |= 1L << i;
                }
            }
            return bits;
        }
        return core.callModelRead(this, bar, offset, size);
    }

    void barWrite(int bar, long offset, int size, long value) {
        if (msix != null && bar == msix.tableBar() && inRange(offset, size, msix.tableOffset(), msixTable.length)) {
            int off = (int) (offset - msix.tableOffset());
            for (int i = 0; i < size; i++) {
                msixTable[off + i] = (byte) (value >>> (8 * i));
            }
            deliverPendingMsix(off / PciRegs.MSIX_ENTRY_SIZE);
            return;
        }
        if (msix != null && bar == msix.pbaBar() && inRange(offset, size, msix.pbaOffset(), pbaBytes())) {
            return; // the PBA is read-only
        }
        core.callModelWrite(this, bar, offset, size, value);
    }

    private int pbaBytes() {
        return ((msixPending.length + 63) / 64) * 8;
    }

    private static boolean inRange(long offset, int size, long start, long length) {
        return offset >= start && offset + size <= start + length;
    }

    private static long readBytes(byte[] b, int off, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (b[off + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    // ---- interrupts from the model ------------------------------------------------------------

    private void updateIntx() {
        if (intx == null) {
            return;
        }
        config.setBits16(PciRegs.STATUS, PciRegs.STATUS_INTERRUPT, intxLevel);
        boolean disabled = (command() & PciRegs.COMMAND_INTX_DISABLE) != 0;
        intx.set(intxLevel && !disabled);
    }

    boolean msixEnabled() {
        return msixEnabled;
    }

    /**
     * Re-reads bus mastering and the MSI/MSI-X enable bits after a config write (the only way they
     * change): a model asks for them per frame and per DMA access, so they are kept as fields, bus
     * mastering in the IOMMU view that every DMA access goes through.
     */
    private void refreshEnables() {
        iommu.busMastering((config.command() & PciRegs.COMMAND_MASTER) != 0);
        msixEnabled = msix != null && (config.read(msixCap + PciRegs.MSIX_FLAGS, 2) & PciRegs.MSIX_FLAGS_ENABLE) != 0;
        msiEnabled = msiCap != 0 && (config.read(msiCap + PciRegs.MSI_FLAGS, 2) & PciRegs.MSI_FLAGS_ENABLE) != 0;
    }

    private boolean msixUnmasked() {
        if (msix == null) {
            return false;
        }
        int flags = config.read(msixCap + PciRegs.MSIX_FLAGS, 2);
        return (flags & PciRegs.MSIX_FLAGS_ENABLE) != 0 && (flags & PciRegs.MSIX_FLAGS_MASKALL) == 0;
    }

    boolean msiEnabled() {
        return msiEnabled;
    }

    private void msixNotify(int vector) {
        if (!msixEnabled() || vector < 0 || vector >= msixPending.length) {
            core.log().debug(name() + ": MSI-X vector " + vector + " signalled while MSI-X is off or out of range: dropped");
            return;
        }
        msixPending[vector] = true;
        deliverPendingMsix(vector);
    }

    private void deliverPendingMsix(int vector) {
        if (vector < 0 || vector >= msixPending.length || !msixPending[vector] || !msixUnmasked()) {
            return;
        }
        int e = vector * PciRegs.MSIX_ENTRY_SIZE;
        if ((msixTable[e + PciRegs.MSIX_ENTRY_VECTOR_CTRL] & PciRegs.MSIX_ENTRY_CTRL_MASKBIT) != 0) {
            return;
        }
        msixPending[vector] = false;
        long address = readBytes(msixTable, e, 8);
        int data = (int) readBytes(msixTable, e + 8, 4);
        core.controller().message(address, data);
    }

    private void msiNotify(int vector) {
        if (!msiEnabled()) {
            core.log().debug(name() + ": MSI signalled while MSI is off: dropped");
            return;
        }
        int flags = config.read(msiCap + PciRegs.MSI_FLAGS, 2);
        int enabledVectors = 1 << ((flags & PciRegs.MSI_FLAGS_QSIZE) >> 4);
        if (vector < 0 || vector >= enabledVectors) {
            core.log().debug(name() + ": MSI vector " + vector + " beyond the " + enabledVectors + " enabled: dropped");
            return;
        }
        boolean is64 = (flags & PciRegs.MSI_FLAGS_64BIT) != 0;
        if ((flags & PciRegs.MSI_FLAGS_MASKBIT) != 0) {
            int mask = config.read(msiCap + (is64 ? 16 : 12), 4);
            if ((mask & (1 << vector)) != 0) {
                msiPending[vector] = true;
                syncMsiPendingBits();
                return;
            }
        }
        long address = (config.read(msiCap + PciRegs.MSI_ADDRESS_LO, 4) & 0xFFFF_FFFFL)
                | (is64 ? (long) config.read(msiCap + PciRegs.MSI_ADDRESS_HI, 4) << 32 : 0);
        int data = config.read(msiCap + (is64 ? PciRegs.MSI_DATA_64 : PciRegs.MSI_DATA_32), 2);
        core.controller().message(address, (data & ~(enabledVectors - 1)) | vector);
    }

    /** Sends the messages held pending while masked whose vectors are now unmasked (PCI 6.8.1.7). */
    private void deliverPendingMsi() {
        for (int v = 0; v < msiPending.length; v++) {
            if (msiPending[v]) {
                msiPending[v] = false;
                syncMsiPendingBits();
                msiNotify(v); // pends again if still masked
            }
        }
    }

    /** Mirrors the held messages in the capability's read-only Pending Bits register. */
    private void syncMsiPendingBits() {
        int flags = config.read(msiCap + PciRegs.MSI_FLAGS, 2);
        if ((flags & PciRegs.MSI_FLAGS_MASKBIT) == 0) {
            return;
        }
        int bits = 0;
        for (int v = 0; v < msiPending.length; v++) {
            if (msiPending[v]) {
                bits |= 1 << v;
            }
        }
        config.set32(msiCap + ((flags & PciRegs.MSI_FLAGS_64BIT) != 0 ? 20 : 16), bits);
    }

    /** Writes MSI-X table entry {@code n} (the PCI core programming a vector). */
    void programMsixEntry(int n, long address, int data, boolean masked) {
        int e = n * PciRegs.MSIX_ENTRY_SIZE;
        for (int i = 0; i < 8; i++) {
            msixTable[e + i] = (byte) (address >>> (8 * i));
        }
        for (int i = 0; i < 4; i++) {
            msixTable[e + 8 + i] = (byte) (data >>> (8 * i));
        }
        msixTable[e + PciRegs.MSIX_ENTRY_VECTOR_CTRL] = (byte) (masked ? PciRegs.MSIX_ENTRY_CTRL_MASKBIT : 0);
    }

    /** Rewrites the message address of MSI-X entry {@code n}, keeping its data and mask bit. */
    void retargetMsixEntry(int n, long address) {
        int e = n * PciRegs.MSIX_ENTRY_SIZE;
        for (int i = 0; i < 8; i++) {
            msixTable[e + i] = (byte) (address >>> (8 * i));
        }
    }

    int msiCap() {
        return msiCap;
    }

    CapabilitySpec.Msix msix() {
        return msix;
    }

    /** Cancels the model's timers and disconnects INTx (hot-unplug). */
    void unplug() {
        for (EngineTimer t : timers) {
            t.cancel();
        }
        disconnectIntx();
    }

    /**
     * Surprise removal: the card no longer drives its INTx pin. Done before the driver's remove
     * runs, as on real hardware, where a level the card held cannot outlive the card — else the
     * handler, reading all-ones from a dead device, could neither acknowledge nor mask it.
     */
    void disconnectIntx() {
        if (intx != null) {
            intx.disconnect();
        }
    }

    // ---- what the model sees -------------------------------------------------------------------

    /** The model's {@link DeviceContext}. */
    DeviceContext modelContext() {
        return new DeviceContext() {
            @Override
            public String name() {
                return PciFunction.this.name();
            }

            @Override
            public DmaPort dma() {
                return iommu;
            }

            @Override
            public boolean busMasterEnabled() {
                return iommu.mastering(); // off also while an injected stall withholds the bus
            }

            @Override
            public void setIntx(boolean asserted) {
                intxLevel = asserted;
                updateIntx();
            }

            @Override
            public boolean msixEnabled() {
                return PciFunction.this.msixEnabled();
            }

            @Override
            public void msixNotify(int vector) {
                PciFunction.this.msixNotify(vector);
            }

            @Override
            public boolean msiEnabled() {
                return PciFunction.this.msiEnabled();
            }

            @Override
            public void msiNotify(int vector) {
                PciFunction.this.msiNotify(vector);
            }

            /**
             * The time the device observes: during a driver's register access that is the
             * accessing CPU's local time, which runs ahead of the engine's clock between events (a
             * busy-wait charges CPU time without moving the engine when nothing is due); from a
             * device event it is the engine's time. A model that times a busy bit by this clock
             * (a reset, an EEPROM read) is then seen to finish by a driver polling it.
             */
            @Override
            public long nowNanos() {
                return core.cpus().now();
            }

            @Override
            public DeviceTimer newTimer(String timerName, Runnable action) {
                EngineTimer t = new EngineTimer(core.engine(), PciFunction.this.name() + " " + timerName,
                        () -> core.callModel(PciFunction.this, timerName, action));
                timers.add(t);
                return t;
            }

            @Override
            public void log(String message) {
                core.log().info(PciFunction.this.name() + ": " + message);
            }
        };
    }

    /** Memory the DMA mask lets this device reach (exclusive upper bound). */
    long dmaLimit() {
        return dmaMaskBits >= 63 ? Long.MAX_VALUE : 1L << dmaMaskBits;
    }

    PhysicalMemory memory() {
        return core.memory();
    }
}
