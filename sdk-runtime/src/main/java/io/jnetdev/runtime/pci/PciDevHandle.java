package io.jnetdev.runtime.pci;

import io.jnetdev.api.Errno;
import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqHandler;
import io.jnetdev.api.kernel.Kernel;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.DmaDirection;
import io.jnetdev.api.pci.DmaMapping;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqMode;
import io.jnetdev.api.pci.MemoryBuffer;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciRegs;
import io.jnetdev.hw.BarSpec;
import io.jnetdev.runtime.mem.IommuView;
import io.jnetdev.runtime.mem.PhysicalMemory;

/**
 * The driver's {@link PciDev}: Linux's {@code pci.c}, {@code iomap.c}, {@code devres} helpers and
 * the DMA API for one function. Each call is an instruction boundary and keeps the function's
 * ledger of held resources up to date.
 */
public final class PciDevHandle implements PciDev {
    private final PciCore core;
    private final PciFunction fn;
    private final IoRegionImpl[] pcimTable = new IoRegionImpl[6];

    PciDevHandle(PciCore core, PciFunction fn) {
        this.core = core;
        this.fn = fn;
    }

    private String drv() {
        return fn.driver() == null ? null : fn.driver().name();
    }

    private void boundary() {
        core.cpus().boundary();
    }

    private void configCycle() {
        core.cpus().charge(core.costs().configAccess());
    }

    // ---- identity --------------------------------------------------------------------------------

    @Override
    public String name() {
        return fn.name();
    }

    @Override
    public int vendor() {
        return fn.layout().vendorId();
    }

    @Override
    public int device() {
        return fn.layout().deviceId();
    }

    @Override
    public int subsystemVendor() {
        return fn.layout().subsystemVendorId();
    }

    @Override
    public int subsystemDevice() {
        return fn.layout().subsystemId();
    }

    @Override
    public int classCode() {
        return fn.layout().classCode();
    }

    @Override
    public int revision() {
        return fn.layout().revision();
    }

    // ---- config space ----------------------------------------------------------------------------

    @Override
    public int configRead8(int offset) {
        configCycle();
        return fn.configRead(offset, 1);
    }

    @Override
    public int configRead16(int offset) {
        configCycle();
        return fn.configRead(offset, 2);
    }

    @Override
    public int configRead32(int offset) {
        configCycle();
        return fn.configRead(offset, 4);
    }

    @Override
    public void configWrite8(int offset, int value) {
        fn.configWrite(offset, 1, value);
        configCycle();
    }

    @Override
    public void configWrite16(int offset, int value) {
        fn.configWrite(offset, 2, value);
        configCycle();
    }

    @Override
    public void configWrite32(int offset, int value) {
        fn.configWrite(offset, 4, value);
        configCycle();
    }

    @Override
    public int findCapability(int capId) {
        return fn.config().findCapability(capId);
    }

    // ---- enable, regions, BARs -------------------------------------------------------------------

    @Override
    public void enableDevice() throws ErrnoException {
        if (fn.dead()) {
            throw new ErrnoException(Errno.ENODEV, fn.name() + ": device was removed");
        }
        if (fn.enableCount++ == 0) {
            int bits = 0;
            for (BarSpec bar : fn.layout().bars()) {
                bits |= bar.kind() == BarSpec.Kind.IO ? PciRegs.COMMAND_IO : PciRegs.COMMAND_MEMORY;
            }
            fn.configWrite(PciRegs.COMMAND, 2, fn.command() | bits);
        }
        boundary();
    }

    @Override
    public void disableDevice() {
        if (fn.enableCount == 0) {
            core.violations().warn("D3", fn.name(), drv(), "pci_disable_device on a device that is not enabled");
            return;
        }
        if (--fn.enableCount == 0) {
            fn.configWrite(PciRegs.COMMAND, 2, fn.command() & ~(PciRegs.COMMAND_IO | PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER));
        }
    }

    @Override
    public void pcimEnableDevice() throws ErrnoException {
        enableDevice();
        fn.devres().add("pcim_enable_device", this::disableDevice);
    }

    @Override
    public long resourceStart(int bar) {
        return bar >= 0 && bar < 6 && fn.layout().bar(bar) != null ? fn.barBase(bar) : 0;
    }

    @Override
    public long resourceLen(int bar) {
        BarSpec spec = bar >= 0 && bar < 6 ? fn.layout().bar(bar) : null;
        return spec == null ? 0 : spec.size();
    }

    @Override
    public boolean resourceIsIo(int bar) {
        BarSpec spec = bar >= 0 && bar < 6 ? fn.layout().bar(bar) : null;
        return spec != null && spec.kind() == BarSpec.Kind.IO;
    }

    @Override
    public void requestRegions(String name) throws ErrnoException {
        for (BarSpec bar : fn.layout().bars()) {
            if (fn.regionOwner[bar.index()] != null) {
                throw new ErrnoException(Errno.EBUSY, fn.name() + ": BAR" + bar.index() + " already claimed by " + fn.regionOwner[bar.index()]);
            }
        }
        for (BarSpec bar : fn.layout().bars()) {
            fn.regionOwner[bar.index()] = name;
        }
    }

    @Override
    public void releaseRegions() {
        java.util.Arrays.fill(fn.regionOwner, null);
    }

    @Override
    public IoRegion iomap(int bar) throws ErrnoException {
        IoRegionImpl region = map(bar);
        fn.iomaps.add(region);
        return region;
    }

    private IoRegionImpl map(int bar) throws ErrnoException {
        BarSpec spec = bar >= 0 && bar < 6 ? fn.layout().bar(bar) : null;
        if (spec == null) {
            throw new ErrnoException(Errno.ENODEV, String.format("%s (%04x:%04x) has no BAR%d", fn.name(),
                    fn.layout().vendorId(), fn.layout().deviceId(), bar));
        }
        if (fn.enableCount == 0) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": pci_iomap of BAR" + bar + " before pci_enable_device");
        }
        return new IoRegionImpl(core, fn, bar, spec.size(), spec.kind() == BarSpec.Kind.IO);
    }

    @Override
    public void iounmap(IoRegion region) {
        if (!(region instanceof IoRegionImpl r) || !fn.iomaps.remove(r)) {
            core.violations().warn("D3", fn.name(), drv(), "iounmap of a region not mapped by pci_iomap: " + region);
            return;
        }
        r.unmap();
    }

    @Override
    public IoRegion pcimIomapRegions(int barMask, String name) throws ErrnoException {
        IoRegionImpl first = null;
        for (int bar = 0; bar < 6; bar++) {
            if ((barMask & (1 << bar)) == 0) {
                continue;
            }
            IoRegionImpl r = map(bar);
            if (fn.regionOwner[bar] != null) {
                throw new ErrnoException(Errno.EBUSY, fn.name() + ": BAR" + bar + " already claimed by " + fn.regionOwner[bar]);
            }
            int b = bar;
            fn.regionOwner[bar] = name;
            pcimTable[bar] = r;
            fn.devres().add("pcim_iomap_regions BAR" + bar, () -> {
                r.unmap();
                pcimTable[b] = null;
                fn.regionOwner[b] = null;
            });
            if (first == null) {
                first = r;
            }
        }
        if (first == null) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": pcim_iomap_regions with an empty BAR mask");
        }
        return first;
    }

    @Override
    public IoRegion pcimIomapTable(int bar) {
        return bar >= 0 && bar < 6 ? pcimTable[bar] : null;
    }

    // ---- bus mastering and DMA -------------------------------------------------------------------

    @Override
    public void setMaster() {
        fn.configWrite(PciRegs.COMMAND, 2, fn.command() | PciRegs.COMMAND_MASTER);
        boundary();
    }

    @Override
    public void clearMaster() {
        fn.configWrite(PciRegs.COMMAND, 2, fn.command() & ~PciRegs.COMMAND_MASTER);
        boundary();
    }

    @Override
    public void setDmaMask(int bits) throws ErrnoException {
        if (bits < 24 || bits > 64) {
            throw new ErrnoException(Errno.EIO, fn.name() + ": DMA mask of " + bits + " bits cannot be honoured");
        }
        fn.dmaMaskBits = bits;
    }

    @Override
    public DmaBuffer dmaAllocCoherent(long size) throws ErrnoException {
        DmaBufferImpl buf = allocCoherent(size, "dma_alloc_coherent");
        fn.coherent.add(buf);
        return buf;
    }

    private DmaBufferImpl allocCoherent(long size, String what) throws ErrnoException {
        injectedDmaFailure(what, size);
        PhysicalMemory.Block block = fn.memory().allocate(size, fn.dmaLimit(), fn.name() + " " + what);
        IommuView.Window w = fn.iommu().open(block, 0, block.size(), what);
        boundary();
        return new DmaBufferImpl(block, w);
    }

    private void freeCoherent(DmaBufferImpl buf) {
        fn.iommu().close(buf.window());
        fn.memory().free(buf.block());
    }

    /** A DMA allocation failure armed in the {@link io.jnetdev.runtime.fault.FaultInjector}. */
    private void injectedDmaFailure(String what, long size) throws ErrnoException {
        if (core.faults().shouldFailDmaAllocation()) {
            throw new ErrnoException(Errno.ENOMEM, fn.name() + ": " + what + " of " + size + " bytes failed (injected)");
        }
    }

    @Override
    public void dmaFreeCoherent(DmaBuffer buffer) {
        if (!(buffer instanceof DmaBufferImpl b) || !fn.coherent.remove(b)) {
            core.violations().warn("D3", fn.name(), drv(), "dma_free_coherent of memory this device did not allocate (double free?)");
            return;
        }
        freeCoherent(b);
    }

    @Override
    public DmaBuffer dmamAllocCoherent(long size) throws ErrnoException {
        DmaBufferImpl buf = allocCoherent(size, "dmam_alloc_coherent");
        fn.devres().add(String.format("dmam_alloc_coherent %d@0x%x", size, buf.dmaAddress()), () -> freeCoherent(buf));
        return buf;
    }

    @Override
    public DmaMapping dmaMapSingle(MemoryBuffer buffer, long offset, long length, DmaDirection direction) throws ErrnoException {
        injectedDmaFailure("dma_map_single", length);
        PhysicalMemory.Block block = fn.memory().blockAt(buffer.physAddr());
        if (block == null || !block.contains(buffer.physAddr() + offset, length) || length <= 0) {
            throw new ErrnoException(Errno.EINVAL, String.format("%s: dma_map_single of %d bytes at +%d outside the buffer", fn.name(), length, offset));
        }
        long start = buffer.physAddr() - block.address() + offset;
        if (block.address() + start + length > fn.dmaLimit()) {
            throw new ErrnoException(Errno.EIO, fn.name() + ": buffer beyond the " + fn.dmaMaskBits + "-bit DMA mask");
        }
        IommuView.Window w = fn.iommu().open(block, start, length, "dma_map_single " + direction);
        DmaMapping m = new DmaMapping(w.busAddress(), length, direction);
        fn.mappings.add(new PciFunction.MappingRecord(m, w));
        boundary();
        return m;
    }

    @Override
    public void dmaUnmapSingle(DmaMapping mapping) {
        for (var it = fn.mappings.iterator(); it.hasNext(); ) {
            PciFunction.MappingRecord r = it.next();
            if (r.mapping().equals(mapping)) {
                it.remove();
                fn.iommu().close(r.window());
                return;
            }
        }
        core.violations().warn("D3", fn.name(), drv(), String.format("dma_unmap_single of 0x%x, which is not mapped", mapping.dmaAddress()));
    }

    // ---- interrupts ------------------------------------------------------------------------------

    @Override
    public int allocIrqVectors(int min, int max, int flags) throws ErrnoException {
        int n = core.msi().allocIrqVectors(fn, min, max, flags);
        core.log().debug(fn.name() + ": " + n + " " + fn.irqMode + " vector(s)");
        boundary();
        return n;
    }

    @Override
    public int irqVector(int n) throws ErrnoException {
        return core.msi().irqVector(fn, n);
    }

    @Override
    public void freeIrqVectors() {
        core.msi().freeIrqVectors(fn);
    }

    @Override
    public IrqMode irqMode() {
        return fn.irqMode;
    }

    @Override
    public void requestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException {
        requestThreadedIrq(irq, handler, null, flags, name, devId);
    }

    @Override
    public void requestThreadedIrq(int irq, IrqHandler primary, IrqHandler thread, int flags, String name, Object devId)
            throws ErrnoException {
        core.kernel().mightSleep();
        core.irqCore().requestThreadedIrq(irq, primary, thread, flags, name, devId, fn.name(), drv());
        boundary();
    }

    @Override
    public void freeIrq(int irq, Object devId) {
        core.kernel().mightSleep();
        core.irqCore().freeIrq(irq, devId, fn.name(), drv());
        boundary();
    }

    @Override
    public void devmRequestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException {
        requestIrq(irq, handler, flags, name, devId);
        fn.devres().add("devm_request_irq " + irq, () -> core.irqCore().freeIrq(irq, devId, fn.name(), drv()));
    }

    @Override
    public void disableIrq(int irq) {
        core.irqCore().disableIrq(irq);
    }

    @Override
    public void enableIrq(int irq) {
        core.irqCore().enableIrq(irq, fn.name(), drv());
        boundary();
    }

    // ---- networking ----------------------------------------------------------------------------------

    @Override
    public io.jnetdev.api.net.NetDevice allocEtherdev() throws ErrnoException {
        if (fn.dead()) {
            throw new ErrnoException(Errno.ENODEV, fn.name() + ": device was removed");
        }
        return core.net().allocEtherdev(fn);
    }

    // ---- driver data, devres, services -----------------------------------------------------------

    @Override
    public void devmAddAction(String what, Runnable release) throws ErrnoException {
        if (release == null) {
            throw new ErrnoException(Errno.EINVAL, fn.name() + ": devm_add_action without an action");
        }
        fn.devres().add("devm_add_action " + what, release);
    }

    @Override
    public void setDrvData(Object data) {
        fn.drvData(data);
    }

    @Override
    public <T> T drvData(Class<T> type) {
        return type.cast(fn.drvData());
    }

    @Override
    public Kernel kernel() {
        return core.kernel();
    }

    private String prefix() {
        return (drv() == null ? "pci" : drv()) + " " + fn.name() + ": ";
    }

    @Override
    public void info(String message) {
        core.log().info(prefix() + message);
    }

    @Override
    public void warn(String message) {
        core.log().warn(prefix() + message);
    }

    @Override
    public void err(String message) {
        core.log().err(prefix() + message);
    }
}
