package io.jnetdev.benchmarks.rx;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.driver.ProbeResult;
import io.jnetdev.api.irq.IrqReturn;
import io.jnetdev.api.net.MacAddress;
import io.jnetdev.api.net.Napi;
import io.jnetdev.api.net.NetDevice;
import io.jnetdev.api.net.NetDeviceOps;
import io.jnetdev.api.net.NetdevTx;
import io.jnetdev.api.net.Skb;
import io.jnetdev.api.pci.DmaBuffer;
import io.jnetdev.api.pci.IoRegion;
import io.jnetdev.api.pci.IrqVectorFlags;
import io.jnetdev.api.pci.PciDev;
import io.jnetdev.api.pci.PciDeviceId;
import io.jnetdev.api.pci.PciDriver;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A receive-only NAPI driver for {@link BenchNicModel}, shaped like e1000's receive path: a
 * coherent descriptor ring with one coherent 2 KiB buffer per descriptor, an interrupt handler
 * that reads the cause, masks and schedules NAPI (R14), and a poll that copies each written-back
 * frame into a fresh skb ({@code e1000_clean_rx_irq} with copybreak), classifies it with
 * {@code eth_type_trans}, hands it to {@code netif_receive_skb}, gives the descriptors back by
 * moving the tail, and unmasks only when {@code napi_complete_done} says so (R13).
 * One device per driver instance; enough for a benchmark.
 */
public final class BenchNicDriver implements PciDriver {
    public static final String NAME = "benchnic";
    public static final MacAddress MAC = MacAddress.parse("52:54:00:be:4c:01");
    /** Descriptors in the receive ring. */
    public static final int RING_SIZE = 256;
    /** Bytes per receive buffer. */
    public static final int BUFFER_SIZE = 2048;

    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final int weight;
    private IoRegion regs;
    private DmaBuffer ring;
    private DmaBuffer buffers;
    private MemorySegment ringMem;
    private MemorySegment bufferMem;
    private NetDevice dev;
    private Napi napi;
    private int nextToClean;

    /** A driver whose NAPI instance has weight {@code weight}. */
    public BenchNicDriver(int weight) {
        this.weight = weight;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PciDeviceId> idTable() {
        return List.of(PciDeviceId.of(BenchNicModel.VENDOR, BenchNicModel.DEVICE));
    }

    /** The interface, once probed. */
    public NetDevice netDevice() {
        return dev;
    }

    @Override
    public ProbeResult probe(PciDev pdev, PciDeviceId id) throws ErrnoException {
        pdev.pcimEnableDevice();
        regs = pdev.pcimIomapRegions(1, NAME);
        pdev.setDmaMask(64);
        pdev.setMaster();
        ring = pdev.dmamAllocCoherent((long) RING_SIZE * BenchNicModel.DESC_SIZE);
        buffers = pdev.dmamAllocCoherent((long) RING_SIZE * BUFFER_SIZE);
        ringMem = ring.segment();
        bufferMem = buffers.segment();
        pdev.allocIrqVectors(1, 1, IrqVectorFlags.MSIX);
        pdev.devmAddAction("vectors", pdev::freeIrqVectors);
        int irq = pdev.irqVector(0);
        dev = pdev.allocEtherdev();
        dev.setMacAddress(MAC);
        dev.setOps(new Ops());
        napi = dev.napiAdd(this::poll, weight);
        pdev.devmRequestIrq(irq, i -> interrupt(), 0, NAME, this);
        dev.register();
        NetDevice d = dev;
        pdev.devmAddAction("netdev", () -> {
            d.unregister();
            d.free();
        });
        return ProbeResult.bound();
    }

    @Override
    public void remove(PciDev pdev) {
        // devres unregisters and frees the interface, the IRQ, the vectors and the ring
    }

    /** {@code e1000_intr_msix_rx}-like: read (and so clear) the cause, mask, schedule NAPI. */
    private IrqReturn interrupt() {
        int cause = regs.read32(BenchNicModel.REG_ICR);
        if (cause == 0) {
            return IrqReturn.NONE;
        }
        if (napi.schedulePrep()) {
            regs.write32(BenchNicModel.REG_IMC, ~0); // R14: mask before scheduling
            napi.scheduleNow();
        }
        return IrqReturn.HANDLED;
    }

    /** The NAPI poll: receive up to budget, give the descriptors back, unmask only on a true complete. */
    private int poll(Napi n, int budget) {
        int work = 0;
        int i = nextToClean;
        while (work < budget) {
            long desc = (long) i * BenchNicModel.DESC_SIZE;
            if ((ringMem.get(ValueLayout.JAVA_BYTE, desc + BenchNicModel.DESC_STATUS) & BenchNicModel.STAT_DD) == 0) {
                break;
            }
            int len = ringMem.get(LE_SHORT, desc + BenchNicModel.DESC_LENGTH) & 0xFFFF;
            Skb skb = dev.allocSkb(len);
            if (skb == null) {
                dev.countRxDrop("rx_alloc_failed", 1);
            } else {
                skb.putData(bufferMem, (long) i * BUFFER_SIZE, len); // skb_put_data: no view allocated
                dev.ethTypeTrans(skb);
                dev.receiveSkb(skb);
            }
            ringMem.set(ValueLayout.JAVA_BYTE, desc + BenchNicModel.DESC_STATUS, (byte) 0);
            i = i + 1 == RING_SIZE ? 0 : i + 1;
            work++;
        }
        if (work > 0) {
            nextToClean = i;
            // the descriptor before next_to_clean is the last one the hardware may fill
            regs.write32(BenchNicModel.REG_RDT, i == 0 ? RING_SIZE - 1 : i - 1);
        }
        if (work < budget && n.completeDone(work)) {
            regs.write32(BenchNicModel.REG_IMS, BenchNicModel.ICR_RXT0);
        }
        return work;
    }

    private final class Ops implements NetDeviceOps {
        @Override
        public void open(NetDevice d) {
            for (int i = 0; i < RING_SIZE; i++) {
                long desc = (long) i * BenchNicModel.DESC_SIZE;
                ringMem.set(LE_LONG, desc + BenchNicModel.DESC_ADDR, buffers.dmaAddress() + (long) i * BUFFER_SIZE);
                ringMem.set(LE_LONG, desc + BenchNicModel.DESC_LENGTH, 0L);
            }
            nextToClean = 0;
            regs.write32(BenchNicModel.REG_RDBAL, (int) ring.dmaAddress());
            regs.write32(BenchNicModel.REG_RDBAH, (int) (ring.dmaAddress() >>> 32));
            regs.write32(BenchNicModel.REG_RDLEN, RING_SIZE);
            regs.write32(BenchNicModel.REG_RDT, RING_SIZE - 1);
            napi.enable();
            regs.write32(BenchNicModel.REG_IMS, BenchNicModel.ICR_RXT0);
            d.carrierOn();
            d.startQueue();
        }

        @Override
        public void stop(NetDevice d) {
            d.stopQueue();
            regs.write32(BenchNicModel.REG_IMC, ~0);
            napi.disable();
            d.carrierOff();
        }

        @Override
        public NetdevTx startXmit(Skb skb, NetDevice d) {
            d.consumeSkb(skb); // receive-only hardware: transmit drops on the floor
            return NetdevTx.OK;
        }
    }
}
