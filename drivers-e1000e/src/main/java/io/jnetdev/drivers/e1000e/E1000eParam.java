package io.jnetdev.drivers.e1000e;

import java.util.function.Consumer;

/**
 * The module parameters' range checking ({@code e1000e/param.c}, {@code e1000e_check_options}):
 * an invalid value is reported and replaced by the default, as Linux does, rather than refused
 * at load time.
 */
final class E1000eParam {
    /** {@code E1000E_INT_MODE_LEGACY}, {@code _MSI}, {@code _MSIX}. */
    static final int INT_MODE_LEGACY = 0;
    static final int INT_MODE_MSI = 1;
    static final int INT_MODE_MSIX = 2;
    /** {@code DEFAULT_ITR}: dynamic conservative. */
    static final int DEFAULT_ITR = 3;
    static final int MIN_ITR = 100;
    static final int MAX_ITR = 100_000;
    private static final String ITR_NAME = "Interrupt Throttling Rate (ints/sec)";

    /**
     * What {@code e1000e_check_options} leaves in the adapter.
     *
     * @param intMode    0 legacy, 1 MSI, 2 MSI-X ({@code adapter->int_mode})
     * @param itr        the starting interrupt rate in interrupts/s, 0 for off ({@code adapter->itr})
     * @param itrSetting the mode: 0 off, 1 dynamic, 3 conservative, 4 simplified, else a fixed rate
     *                   with its low two bits cleared ({@code adapter->itr_setting})
     */
    record Options(int intMode, int itr, int itrSetting) {}

    /** {@code e1000e_check_options}: validates the two parameters, logging as Linux does through {@code info}. */
    static Options checkOptions(long interruptThrottleRate, long intMode, Consumer<String> info) {
        // Linux keeps these in unsigned ints: a negative value is a huge one, hence invalid.
        long itr = interruptThrottleRate;
        if (itr < 0 || itr > 4) {
            if (itr >= MIN_ITR && itr <= MAX_ITR) {
                info.accept(ITR_NAME + " set to " + itr);
            } else {
                info.accept("Invalid " + ITR_NAME + " value specified (" + itr + ") using default of " + DEFAULT_ITR);
                itr = DEFAULT_ITR;
            }
        }
        int rate = (int) itr;
        int setting = rate;
        switch (rate) {
            case 0 -> info.accept(ITR_NAME + " turned off");
            case 1 -> {
                info.accept(ITR_NAME + " set to dynamic mode");
                rate = 20_000;
            }
            case 2, 3 -> {
                if (rate == 2) {
                    info.accept(ITR_NAME + " Invalid mode - setting default");
                    setting = DEFAULT_ITR;
                }
                info.accept(ITR_NAME + " set to dynamic conservative mode");
                rate = 20_000;
            }
            case 4 -> info.accept(ITR_NAME + " set to simplified (2000-8000 ints) mode");
            default -> setting &= ~3; // the low two bits select the dynamic modes
        }

        int mode;
        if (intMode >= INT_MODE_LEGACY && intMode <= INT_MODE_MSIX) {
            mode = (int) intMode;
            if (intMode != INT_MODE_MSIX) {
                info.accept("Interrupt Mode set to " + intMode);
            }
        } else {
            info.accept("Invalid Interrupt Mode value specified (" + intMode + ") defaulting to 2 (MSI-X)");
            mode = INT_MODE_MSIX;
        }
        return new Options(mode, rate, setting);
    }

    private E1000eParam() {}
}
