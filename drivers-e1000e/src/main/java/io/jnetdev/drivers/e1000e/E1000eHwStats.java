package io.jnetdev.drivers.e1000e;

import io.jnetdev.api.net.NetDevice;

/**
 * The card's statistics accumulated by the driver ({@code struct e1000_hw_stats}) and their
 * harvest ({@code e1000e_update_stats}). The registers clear on read, so every read is added here;
 * each frame the card dropped is also reported to the core by name
 * ({@link NetDevice#countRxDrop}), so that frame conservation balances.
 */
final class E1000eHwStats {
    long crcerrs;
    long algnerrc;
    long symerrs;
    long rxerrc;
    long mpc;
    long scc;
    long ecol;
    long mcc;
    long latecol;
    long colc;
    long dc;
    long tncrs;
    long cexterr;
    long xonrxc;
    long xontxc;
    long xoffrxc;
    long xofftxc;
    long gprc;
    long bprc;
    long mprc;
    long gptc;
    long gorc;
    long gotc;
    long rnbc;
    long ruc;
    long roc;
    long mgprc;
    long mgpdc;
    long mgptc;
    long tpt;
    long mptc;
    long bptc;
    long tsctc;
    long tsctfc;

    /**
     * {@code e1000e_update_stats}: reads every counter the 82574 has and adds it; the frames the
     * card dropped (missed, CRC, alignment, receive, carrier-extension, undersize, oversize errors)
     * are reported to the core. Half-duplex collision counters are read only at half duplex, as
     * in Linux; the 82574 has no usable TNCRS.
     *
     * @return the good octets received and transmitted in this harvest ({gorc, gotc}), for the
     *         simplified ITR mode
     */
    long harvest(E1000eHw hw, NetDevice netdev, boolean halfDuplex, long[] octets) {
        long crc = hw.readCounter(E1000eRegs.CRCERRS);
        crcerrs += crc;
        gprc += hw.readCounter(E1000eRegs.GPRC);
        long gorcDelta = hw.readCounter(E1000eRegs.GORCL);
        gorcDelta += hw.readCounter(E1000eRegs.GORCH) << 32; // reading the high half clears both
        gorc += gorcDelta;
        bprc += hw.readCounter(E1000eRegs.BPRC);
        mprc += hw.readCounter(E1000eRegs.MPRC);
        long oversize = hw.readCounter(E1000eRegs.ROC);
        roc += oversize;
        long missed = hw.readCounter(E1000eRegs.MPC);
        mpc += missed;
        if (halfDuplex) {
            colc += hw.readCounter(E1000eRegs.COLC);
            scc += hw.readCounter(E1000eRegs.SCC);
            ecol += hw.readCounter(E1000eRegs.ECOL);
            mcc += hw.readCounter(E1000eRegs.MCC);
            latecol += hw.readCounter(E1000eRegs.LATECOL);
            dc += hw.readCounter(E1000eRegs.DC);
        }
        xonrxc += hw.readCounter(E1000eRegs.XONRXC);
        xontxc += hw.readCounter(E1000eRegs.XONTXC);
        xoffrxc += hw.readCounter(E1000eRegs.XOFFRXC);
        xofftxc += hw.readCounter(E1000eRegs.XOFFTXC);
        gptc += hw.readCounter(E1000eRegs.GPTC);
        long gotcDelta = hw.readCounter(E1000eRegs.GOTCL);
        gotcDelta += hw.readCounter(E1000eRegs.GOTCH) << 32;
        gotc += gotcDelta;
        rnbc += hw.readCounter(E1000eRegs.RNBC);
        long undersize = hw.readCounter(E1000eRegs.RUC);
        ruc += undersize;
        mptc += hw.readCounter(E1000eRegs.MPTC);
        bptc += hw.readCounter(E1000eRegs.BPTC);
        tpt += hw.readCounter(E1000eRegs.TPT);
        long align = hw.readCounter(E1000eRegs.ALGNERRC);
        algnerrc += align;
        long rxErr = hw.readCounter(E1000eRegs.RXERRC);
        rxerrc += rxErr;
        long carrierExt = hw.readCounter(E1000eRegs.CEXTERR);
        cexterr += carrierExt;
        tsctc += hw.readCounter(E1000eRegs.TSCTC);
        tsctfc += hw.readCounter(E1000eRegs.TSCTFC);
        mgptc += hw.readCounter(E1000eRegs.MGTPTC);
        mgprc += hw.readCounter(E1000eRegs.MGTPRC);
        mgpdc += hw.readCounter(E1000eRegs.MGTPDC);

        count(netdev, "rx_missed_errors", missed);
        count(netdev, "rx_crc_errors", crc);
        count(netdev, "rx_align_errors", align);
        count(netdev, "rx_short_length_errors", undersize);
        count(netdev, "rx_long_length_errors", oversize);
        count(netdev, "rx_errors", rxErr + carrierExt);
        if (octets != null) {
            octets[0] = gorcDelta;
            octets[1] = gotcDelta;
        }
        return missed;
    }

    private static void count(NetDevice netdev, String counter, long frames) {
        if (frames > 0) {
            netdev.countRxDrop(counter, frames);
        }
    }

    /** {@code rx_errors} as Linux builds it (RLEC is unreliable on newer parts, so from RUC and ROC). */
    long rxErrors() {
        return rxerrc + crcerrs + algnerrc + ruc + roc + cexterr;
    }

    /** {@code rx_length_errors}: undersize plus oversize. */
    long rxLengthErrors() {
        return ruc + roc;
    }
}
