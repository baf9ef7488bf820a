package io.jnetdev.drivers.e1000e;

/**
 * Dynamic interrupt moderation ({@code e1000_update_itr}, {@code e1000_set_itr},
 * {@code e1000e_write_itr} of {@code netdev.c}): after each poll the packets and bytes seen since
 * the interrupt put receive and transmit in a latency class — lowest (70000 ints/s), low (20000)
 * or bulk (4000) — and the rate follows the slower of the two. Rising rates are approached in
 * steps, {@code new = min(old + new/4, new)}, biasing towards bulk. Pure arithmetic plus the state
 * Linux keeps in the adapter, so it can be tested without hardware.
 */
final class E1000eItr {
    /** {@code enum latency_range}. */
    static final int LOWEST_LATENCY = 0;
    static final int LOW_LATENCY = 1;
    static final int BULK_LATENCY = 2;

    /** The mode ({@code adapter->itr_setting}): 0 off, 1 dynamic, 3 conservative, 4 simplified, else fixed. */
    private int itrSetting;
    /** The current rate in interrupts per second ({@code adapter->itr}). */
    private int itr;
    private int rxItr = LOW_LATENCY;
    private int txItr = LOW_LATENCY;

    E1000eItr(int itrSetting, int itr) {
        this.itrSetting = itrSetting;
        this.itr = itr;
    }

    int itrSetting() {
        return itrSetting;
    }

    int itr() {
        return itr;
    }

    /** Whether the rate adapts to the traffic ({@code adapter->itr_setting & 3}). */
    boolean dynamic() {
        return (itrSetting & 3) != 0; // 1 and 3; a fixed rate has its low bits cleared, 4 is 0b100
    }

    /** A new setting from {@code ethtool -C} or the parameters. */
    void set(int newSetting, int newItr) {
        itrSetting = newSetting;
        itr = newItr;
        rxItr = LOW_LATENCY;
        txItr = LOW_LATENCY;
    }

    /** Overrides the current rate (simplified mode's watchdog computation). */
    void setRate(int rate) {
        itr = rate;
    }

    /** {@code e1000_update_itr}: the latency class after an interrupt that saw {@code packets} and {@code bytes}. */
    static int updateItr(int itrSetting, long packets, long bytes) {
        if (packets == 0) {
            return itrSetting;
        }
        int retval = itrSetting;
        switch (itrSetting) {
            case LOWEST_LATENCY -> {
                // jumbo frames or TSO: bulk; a few mid-size packets: low
                if (bytes / packets > 8000) {
                    retval = BULK_LATENCY;
                } else if (packets < 5 && bytes > 512) {
                    retval = LOW_LATENCY;
                }
            }
            case LOW_LATENCY -> {
                if (bytes > 10000) {
                    if (bytes / packets > 8000) {
                        retval = BULK_LATENCY;
                    } else if (packets < 10 || bytes / packets > 1200) {
                        retval = BULK_LATENCY;
                    } else if (packets > 35) {
                        retval = LOWEST_LATENCY;
                    }
                } else if (bytes / packets > 2000) {
                    retval = BULK_LATENCY;
                } else if (packets <= 2 && bytes < 512) {
                    retval = LOWEST_LATENCY;
                }
            }
            case BULK_LATENCY -> {
                if (bytes > 25000) {
                    if (packets > 35) {
                        retval = LOW_LATENCY;
                    }
                } else if (bytes < 6000) {
                    retval = LOW_LATENCY;
                }
            }
            default -> { }
        }
        return retval;
    }

    /**
     * {@code e1000_set_itr}: the new rate after a poll, given the traffic since the interrupt and
     * the link speed in Mb/s. Returns the rate to program if it changed, or -1 if it did not.
     */
    int setItr(long rxPackets, long rxBytes, long txPackets, long txBytes, int linkSpeed) {
        int newItr = itr;
        if (linkSpeed != 1000) {
            newItr = 4000; // below gigabit the rate is fixed
        } else {
            txItr = updateItr(txItr, txPackets, txBytes);
            if (itrSetting == 3 && txItr == LOWEST_LATENCY) {
                txItr = LOW_LATENCY; // conservative mode never goes to lowest latency
            }
            rxItr = updateItr(rxItr, rxPackets, rxBytes);
            if (itrSetting == 3 && rxItr == LOWEST_LATENCY) {
                rxItr = LOW_LATENCY;
            }
            switch (Math.max(rxItr, txItr)) {
                case LOWEST_LATENCY -> newItr = 70_000;
                case LOW_LATENCY -> newItr = 20_000;
                case BULK_LATENCY -> newItr = 4_000;
                default -> { }
            }
        }
        if (newItr == itr) {
            return -1;
        }
        // rising: approach in steps, so that the rate leans towards bulk
        newItr = newItr > itr ? Math.min(itr + (newItr >> 2), newItr) : newItr;
        itr = newItr;
        return newItr;
    }

    /** {@code e1000e_write_itr}'s conversion: interrupts/s to the ITR/EITR interval in 256 ns units (0 stays 0). */
    static int itrRegister(int rate) {
        return rate == 0 ? 0 : 1_000_000_000 / (rate * 256);
    }

    /** The rate simplified mode (4) picks from the traffic of the last watchdog period: 2000..8000 ints/s. */
    static int simplifiedRate(long gotc, long gorc) {
        long goc = (gotc + gorc) / 10000;
        long dif = (gotc > gorc ? gotc - gorc : gorc - gotc) / 10000;
        return goc > 0 ? (int) (dif * 6000 / goc + 2000) : 8000;
    }

    int rxItr() {
        return rxItr;
    }

    int txItr() {
        return txItr;
    }
}
