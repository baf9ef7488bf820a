package io.jnetdev.cli.livelock;

import io.jnetdev.hw.PciFunctionModel;
import io.jnetdev.hw.models.e1000e.E1000e;
import io.jnetdev.hw.models.testnic.TestNic;
import io.jnetdev.hw.models.tulip.Tulip;
import io.jnetdev.hw.models.vortex.Vortex;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The receive designs the livelock experiment compares, each a real driver loaded the way a user
 * would load it: a card model in a slot, the driver's module with its parameters. Nothing here
 * knows how a design behaves under load; that comes out of the drivers, the models and the cost
 * model.
 *
 * @param label   the name used by {@code --config}, in the CSV and on the chart
 * @param what    one line for the summary: driver, card and parameters
 * @param module  the kernel module to load
 * @param params  its parameters, as {@code modprobe} takes them
 * @param card    a fresh card model
 */
public record LivelockConfig(String label, String what, String module, Map<String, String> params,
                             Supplier<PciFunctionModel> card) {

    /** 00:04.0, as on the default machine. */
    static final long MAC = E1000e.DEFAULT_MAC;

    /** The pre-NAPI receive: an interrupt per frame, each frame handed to {@code netif_rx} from the handler. */
    public static final LivelockConfig NETIF_RX = new LivelockConfig("netif-rx",
            "testnic napi=0: interrupt per frame, netif_rx from the handler (1 Gb/s)", "testnic", Map.of("napi", "0"),
            () -> new TestNic(MAC));
    /** 3c59x on a 3c595 (port I/O): the old interface with {@code max_interrupt_work} bounding each interrupt. */
    public static final LivelockConfig VORTEX = new LivelockConfig("3c595",
            "3c59x on a 3c595 (PIO), max_interrupt_work=32, netif_rx (100 Mb/s)", "3c59x", Map.of("max_interrupt_work", "32"),
            () -> Vortex.c3c595(MAC));
    /**
     * The same driver on a bus-master 3c905C. Not in the default sweep: under overload on a slow
     * CPU its 8-bit RX-overrun counter wraps before the driver harvests it, so conservation fails
     * (the run says so and stops); kept selectable to show it.
     */
    public static final LivelockConfig BOOMERANG = new LivelockConfig("3c905c",
            "3c59x on a 3c905C (bus master), max_interrupt_work=32, netif_rx (100 Mb/s)", "3c59x",
            Map.of("max_interrupt_work", "32"), () -> Vortex.c3c905c(MAC));
    /** tulip's NAPI poll on a 21143 with CSR11 receive mitigation switched on under load. */
    public static final LivelockConfig TULIP_MIT = new LivelockConfig("tulip-mit",
            "tulip on a 21143, NAPI, hw_mitigation=1 (100 Mb/s)", "tulip", Map.of("hw_mitigation", "1"),
            () -> Tulip.dec21143(MAC));
    /** The same without the mitigation (a kernel built without {@code CONFIG_TULIP_NAPI_HW_MITIGATION}). */
    public static final LivelockConfig TULIP_NOMIT = new LivelockConfig("tulip-nomit",
            "tulip on a 21143, NAPI, hw_mitigation=0 (100 Mb/s)", "tulip", Map.of("hw_mitigation", "0"),
            () -> Tulip.dec21143(MAC));
    /** e1000e's NAPI with dynamic conservative interrupt throttling, its default. */
    public static final LivelockConfig E1000E_ITR3 = new LivelockConfig("e1000e-itr3",
            "e1000e on an 82574L, NAPI, InterruptThrottleRate=3 (1 Gb/s)", "e1000e", Map.of("InterruptThrottleRate", "3"),
            () -> new E1000e(MAC));
    /** e1000e's NAPI with throttling off. */
    public static final LivelockConfig E1000E_ITR0 = new LivelockConfig("e1000e-itr0",
            "e1000e on an 82574L, NAPI, InterruptThrottleRate=0 (1 Gb/s)", "e1000e", Map.of("InterruptThrottleRate", "0"),
            () -> new E1000e(MAC));

    /** Every configuration {@code --config} knows, in the order of the chart's legend. */
    public static final LivelockConfig[] ALL = {NETIF_RX, VORTEX, BOOMERANG, TULIP_MIT, TULIP_NOMIT, E1000E_ITR3, E1000E_ITR0};
    /** What a run without {@code --config} sweeps. */
    public static final LivelockConfig[] DEFAULTS = ALL;

    /** The configuration called {@code label}, or null. */
    public static LivelockConfig byLabel(String label) {
        for (LivelockConfig c : ALL) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        return null;
    }

    /** Every label, comma-separated, for help and error messages. */
    public static String labels() {
        return Arrays.stream(ALL).map(LivelockConfig::label).collect(Collectors.joining(", "));
    }

    /** The module parameters as {@code modprobe} shows them: {@code key=value ...}. */
    public String modprobeParams() {
        return params.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
