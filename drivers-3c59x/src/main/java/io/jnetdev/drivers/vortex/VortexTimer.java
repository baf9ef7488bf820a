package io.jnetdev.drivers.vortex;

import static io.jnetdev.drivers.vortex.VortexRegs.*;

import io.jnetdev.api.kernel.LogLevel;

/**
 * The media timer ({@code vortex_timer}, {@code vortex_check_media}): follows the link (link beat
 * in window 4 for the plain transceivers, the PHY for MII and NWay), rotates to the next fitted
 * transceiver when one has no link and the media is not locked, re-arms itself (60 s, 5 s while
 * there is no carrier) — and, when the handler hid sources after running out of work, issues
 * FakeIntr: the IntReq interrupt that follows merges them back and restores the enables.
 */
final class VortexTimer {
    private final VortexPrivate vp;
    /** Timer runs, and runs that issued FakeIntr. */
    long runs;

    VortexTimer(VortexPrivate vp) {
        this.vp = vp;
    }

    /** {@code vortex_timer}: TIMER softirq context. */
    void run() {
        runs++;
        VortexIo io = vp.io;
        int hz = vp.kernel.hz();
        long nextTick = 60L * hz;
        boolean ok = false;
        int mediaStatus = io.windowRead16(4, WN4_MEDIA);
        switch (vp.ifPort) {
            case XCVR_10BASE_T, XCVR_100BASE_TX, XCVR_100BASE_FX -> {
                if ((mediaStatus & MEDIA_LNK_BEAT) != 0) {
                    linkUp(vp.ifPort == XCVR_10BASE_T ? 10 : 100);
                    ok = true;
                } else {
                    linkDown();
                }
            }
            case XCVR_MII, XCVR_NWAY -> {
                ok = true;
                checkMedia(false);
            }
            default -> ok = true; // no link indication: transmit timeouts tell
        }
        if (!vp.dev.carrierOk()) {
            nextTick = 5L * hz;
        }
        if (!vp.medialock && !ok) {
            long flags = vp.lock.lockIrqSave();
            try {
                do {
                    vp.ifPort = VortexMedia.of(vp.ifPort).next();
                } while ((vp.availableMedia & VortexMedia.of(vp.ifPort).mask()) == 0);
                if (vp.ifPort == XCVR_DEFAULT) {
                    vp.ifPort = vp.defaultMedia;
                } else {
                    nextTick = VortexMedia.of(vp.ifPort).waitJiffies(hz);
                }
                io.windowWrite16((mediaStatus & ~(MEDIA_10TP | MEDIA_SQE)) | VortexMedia.of(vp.ifPort).mediaBits(), 4, WN4_MEDIA);
                int config = io.windowRead32(3, WN3_CONFIG);
                io.windowWrite32(VortexRegs.withXcvr(config, vp.ifPort), 3, WN3_CONFIG);
                io.command(vp.ifPort == XCVR_10BASE2 ? START_COAX : STOP_COAX);
            } finally {
                vp.lock.unlockIrqRestore(flags);
            }
        }
        vp.mediaTimer.modTimer(vp.kernel.jiffies() + nextTick);
        if (vp.deferred != 0) {
            vp.fakeIntrs++;
            io.command(FAKE_INTR);
        }
    }

    /**
     * {@code vortex_check_media} over {@code mii_check_media}: the PHY's link, speed and duplex;
     * the MAC's duplex follows the PHY's. Without a PHY that answered the probe's scan the link
     * beat of window 4 stands in.
     */
    void checkMedia(boolean init) {
        if (!vp.mii.phyFound) {
            if ((vp.io.windowRead16(4, WN4_MEDIA) & MEDIA_LNK_BEAT) != 0) {
                linkUp(100);
            } else {
                linkDown();
            }
            if (init) {
                vp.setDuplex();
            }
            return;
        }
        VortexMii.Media m = vp.mii.checkMedia(vp.advertising);
        if (!m.link()) {
            linkDown();
            if (init) {
                vp.setDuplex();
            }
            return;
        }
        boolean changed = !vp.dev.carrierOk() || m.fullDuplex() != vp.fullDuplex;
        linkUp(m.speed());
        if (changed || init) {
            vp.fullDuplex = m.fullDuplex();
            vp.kernel.printk(LogLevel.INFO, String.format("%s:  setting %s-duplex.", vp.name(), vp.fullDuplex ? "full" : "half"));
            vp.setDuplex();
        }
    }

    private void linkUp(int speed) {
        vp.linkSpeed = speed;
        if (!vp.dev.carrierOk()) {
            vp.dev.carrierOn();
        }
    }

    private void linkDown() {
        vp.linkSpeed = 0;
        if (vp.dev.carrierOk()) {
            vp.dev.carrierOff();
        }
    }
}
