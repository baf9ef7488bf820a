/**
 * {@code 3c59x}: the reference driver for the 3Com EtherLink PCI family — the Vortex (3c59x,
 * programmed I/O through FIFOs) and the Boomerang, Cyclone and Tornado (3c90x, upload and download
 * descriptor lists) — laid out as Linux's {@code drivers/net/ethernet/3com/3c59x.c}: one module,
 * one PCI driver, a shared INTx handler on the old {@code netif_rx} interface (no NAPI) whose work
 * per interrupt is bounded by {@code max_interrupt_work}, the media timer that also restores the
 * sources the handler deferred, and ethtool. Compiled against {@code sdk-api} only.
 *
 * <p>Where things are: {@link io.jnetdev.drivers.vortex.VortexModule} (module and parameters),
 * {@link io.jnetdev.drivers.vortex.VortexDriver} (probe and remove), {@code VortexPrivate} (open,
 * close, transmit timeout, statistics), {@code VortexInterrupt} (the handler),
 * {@code VortexRx}/{@code BoomerangRx} and {@code VortexTx}/{@code BoomerangTx} (the data paths),
 * {@code VortexTimer} (media and FakeIntr), {@code VortexEthtool}, {@code VortexEeprom},
 * {@code VortexMii}, {@code VortexIo} (windows and {@code issue_and_wait}), {@code VortexRegs}.
 */
package io.jnetdev.drivers.vortex;
