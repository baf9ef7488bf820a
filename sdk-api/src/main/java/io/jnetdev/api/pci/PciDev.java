package io.jnetdev.api.pci;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.irq.IrqHandler;
import io.jnetdev.api.kernel.Kernel;

/**
 * The driver's view of one PCI function ({@code struct pci_dev} plus the calls a driver makes on
 * it). Everything a driver does to its hardware goes through here: config space, BARs, DMA and
 * interrupts. The core records every resource acquired, so that a probe that fails or a remove
 * that forgets something is reported and cleaned up.
 *
 * <p>Calls named {@code pcim*}, {@code devm*} and {@code dmam*} are managed (devres): the core
 * releases them in reverse order of acquisition after a failed probe and after remove returns.
 */
public interface PciDev {

    // ---- identity ------------------------------------------------------------------------

    /** The device name, {@code DDDD:BB:DD.F} ({@code pci_name}). */
    String name();

    int vendor();

    int device();

    int subsystemVendor();

    int subsystemDevice();

    /** 24-bit class code: base class, subclass, programming interface. */
    int classCode();

    int revision();

    // ---- config space --------------------------------------------------------------------

    int configRead8(int offset);

    int configRead16(int offset);

    int configRead32(int offset);

    void configWrite8(int offset, int value);

    void configWrite16(int offset, int value);

    void configWrite32(int offset, int value);

    /** Offset of the first capability with this ID, or 0 ({@code pci_find_capability}). */
    int findCapability(int capId);

    // ---- enable, regions, BARs -----------------------------------------------------------

    /** {@code pci_enable_device}: turns on I/O and memory decoding. Counted; balance with {@link #disableDevice}. */
    void enableDevice() throws ErrnoException;

    void disableDevice();

    /** {@code pcim_enable_device}: managed enable, disabled again by the core after remove. */
    void pcimEnableDevice() throws ErrnoException;

    /** Start address of a BAR as assigned at enumeration, 0 if the BAR is absent. */
    long resourceStart(int bar);

    /** Length of a BAR, 0 if absent. */
    long resourceLen(int bar);

    /** Whether the BAR is an I/O-port BAR. */
    boolean resourceIsIo(int bar);

    /** {@code pci_request_regions}: claims every BAR for this driver; {@code EBUSY} if already claimed. */
    void requestRegions(String name) throws ErrnoException;

    void releaseRegions();

    /** {@code pci_iomap}: maps a BAR; {@code ENODEV} when the BAR does not exist, {@code EINVAL}
     *  when the device is not enabled. */
    IoRegion iomap(int bar) throws ErrnoException;

    void iounmap(IoRegion region);

    /** {@code pcim_iomap_regions}: managed request of the BARs in {@code barMask} and map of each;
     *  returns the mapping of the lowest BAR in the mask. */
    IoRegion pcimIomapRegions(int barMask, String name) throws ErrnoException;

    /** The managed mapping of a BAR made by {@link #pcimIomapRegions}, or null. */
    IoRegion pcimIomapTable(int bar);

    // ---- bus mastering and DMA -----------------------------------------------------------

    /** {@code pci_set_master}: lets the device start DMA. */
    void setMaster();

    void clearMaster();

    /** {@code dma_set_mask_and_coherent}: the device can address {@code bits} bits; {@code EIO}
     *  when the platform cannot honour it. */
    void setDmaMask(int bits) throws ErrnoException;

    /** {@code dma_alloc_coherent}: memory both CPU and device see; within the DMA mask. */
    DmaBuffer dmaAllocCoherent(long size) throws ErrnoException;

    void dmaFreeCoherent(DmaBuffer buffer);

    /** {@code dmam_alloc_coherent}: managed coherent memory. */
    DmaBuffer dmamAllocCoherent(long size) throws ErrnoException;

    /** {@code dma_map_single}: makes {@code length} bytes of a kernel buffer from {@code offset} visible to the device. */
    DmaMapping dmaMapSingle(MemoryBuffer buffer, long offset, long length, DmaDirection direction) throws ErrnoException;

    void dmaUnmapSingle(DmaMapping mapping);

    // ---- interrupts ----------------------------------------------------------------------

    /**
     * {@code pci_alloc_irq_vectors}: allocates between {@code min} and {@code max} vectors, trying
     * MSI-X, then MSI, then INTx, as {@code flags} allow. Returns how many were allocated.
     *
     * @throws ErrnoException {@code ENOSPC} when fewer than {@code min} can be had by any allowed
     *                        type, {@code EINVAL} for bad arguments
     */
    int allocIrqVectors(int min, int max, int flags) throws ErrnoException;

    /** {@code pci_irq_vector}: the Linux IRQ number of vector {@code n}; {@code EINVAL} if out of range. */
    int irqVector(int n) throws ErrnoException;

    /** {@code pci_free_irq_vectors}: every IRQ on the vectors must be freed first. */
    void freeIrqVectors();

    /** The interrupt mechanism of the allocated vectors. */
    IrqMode irqMode();

    /**
     * {@code request_irq}: installs a handler on {@code irq}. With {@link io.jnetdev.api.irq.IrqFlags#SHARED}
     * {@code devId} must be non-null and every handler on the line must agree to share.
     * {@code name} appears in {@code /proc/interrupts}.
     */
    void requestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException;

    /** {@code request_threaded_irq}: {@code primary} runs in hard-IRQ context (null: a default that
     *  wakes the thread); {@code thread} runs in process context when primary returns WAKE_THREAD. */
    void requestThreadedIrq(int irq, IrqHandler primary, IrqHandler thread, int flags, String name, Object devId)
            throws ErrnoException;

    /** {@code free_irq}: removes the handler registered with this {@code devId}. */
    void freeIrq(int irq, Object devId);

    /** {@code devm_request_irq}: managed; freed by the core after remove returns. */
    void devmRequestIrq(int irq, IrqHandler handler, int flags, String name, Object devId) throws ErrnoException;

    /** {@code disable_irq}: masks the line and waits for running handlers. Nests. */
    void disableIrq(int irq);

    /** {@code enable_irq}: undoes one {@link #disableIrq}. */
    void enableIrq(int irq);

    // ---- networking ------------------------------------------------------------------------

    /** {@code alloc_etherdev} + {@code SET_NETDEV_DEV}: a new Ethernet interface whose parent is this device. */
    io.jnetdev.api.net.NetDevice allocEtherdev() throws ErrnoException;

    // ---- driver data, devres, services ---------------------------------------------------

    /** {@code devm_add_action}: runs {@code release} when managed resources are released. */
    void devmAddAction(String what, Runnable release) throws ErrnoException;

    /** {@code pci_set_drvdata}. */
    void setDrvData(Object data);

    /** {@code pci_get_drvdata}, cast to the type the driver stored. */
    <T> T drvData(Class<T> type);

    /** Kernel services: time, sleeping, the log. */
    Kernel kernel();

    /** {@code dev_info}: a kernel-log line prefixed with driver and device name. */
    void info(String message);

    /** {@code dev_warn}. */
    void warn(String message);

    /** {@code dev_err}. */
    void err(String message);
}
