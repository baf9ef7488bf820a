package io.jnetdev.hw;

/**
 * A DMA access the IOMMU refused: outside what was allocated or mapped for the device, beyond its
 * DMA mask, or with bus mastering off. The model may catch it to raise the card's error cause.
 */
public class DmaFaultException extends RuntimeException {
    private final String device;
    private final long busAddress;
    private final long length;
    private final boolean write;

    public DmaFaultException(String device, long busAddress, long length, boolean write, String reason) {
        super(String.format("DMA fault: %s %s %d bytes at 0x%x: %s",
                device, write ? "write" : "read", length, busAddress, reason));
        this.device = device;
        this.busAddress = busAddress;
        this.length = length;
        this.write = write;
    }

    public String device() {
        return device;
    }

    public long busAddress() {
        return busAddress;
    }

    public long length() {
        return length;
    }

    public boolean isWrite() {
        return write;
    }
}
