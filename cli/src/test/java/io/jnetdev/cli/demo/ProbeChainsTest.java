package io.jnetdev.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.cli.TestMachines;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.base.ProbeTrace.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe trace per device: every step of a bind kept in order, the misses folded into one line each. */
class ProbeChainsTest {

    private static Step step(int depth, String function, String device, String driver, String note) {
        return new Step(1_000L, depth, function, device, driver, note);
    }

    @Test
    void foldsMissesAndKeepsEveryStepOfABind() {
        List<Step> steps = List.of(
                step(0, "device_add", "d1", null, ""),
                step(1, "__device_attach", "d1", null, "no driver bound"),
                step(0, "device_add", "d2", null, ""),
                step(1, "__device_attach", "d2", null, "no driver bound"),
                step(0, "module_init", null, "x", "0"),
                step(1, "bus_for_each_dev", null, "x", ""),
                step(2, "__driver_attach", "d1", "x", "no match"),
                step(3, "driver_match_device", "d1", "x", "no match"),
                step(2, "__driver_attach", "d2", "x", "bound"),
                step(3, "driver_match_device", "d2", "x", "match"),
                step(3, "really_probe", "d2", "x", "bound"),
                step(3, "driver_bound", "d2", "x", ""),
                step(2, "__driver_attach", "d3", "x", "no match"),
                step(3, "driver_match_device", "d3", "x", "no match"));
        assertThat(ProbeChains.render(steps).lines().map(l -> l.substring("[    0.000001] ".length()))).containsExactly(
                "device_add dev=d1, d2 -> no driver bound (2 devices)",
                "module_init drv=x -> 0",
                "  bus_for_each_dev drv=x",
                "    __driver_attach drv=x dev=d1 -> no match",
                "    __driver_attach drv=x dev=d2 -> bound",
                "      driver_match_device drv=x dev=d2 -> match",
                "      really_probe drv=x dev=d2 -> bound",
                "      driver_bound drv=x dev=d2",
                "    __driver_attach drv=x dev=d3 -> no match");
    }

    @Test
    void onTheDefaultMachineEveryBoundDeviceKeepsItsWholeChain() {
        Machine m = TestMachines.defaultMachine();
        String folded = ProbeChains.render(m.trace().steps());
        String full = m.trace().render();
        List<String> bound = full.lines().filter(l -> l.contains(" driver_bound ")).toList();
        assertThat(bound).hasSize(7); // 2 edu, 2 e1000e, 2 3c59x, 1 tulip
        for (String line : full.lines().filter(l -> !l.contains("no match") && !l.contains("no driver bound")
                && !l.contains("device_add") && !l.contains("bus_probe_device")).toList()) {
            assertThat(folded).as("kept: %s", line).contains(line);
        }
        // a miss's own children are gone, and each driver's misses in a row share one line
        assertThat(folded).doesNotContain("driver_match_device drv=e1000e dev=0000:00:03.0 -> no match")
                .contains("__driver_attach drv=e1000e dev=0000:00:03.0, 0000:00:07.0 -> no match (2 devices)")
                .contains("__driver_attach drv=testnic dev=0000:00:03.0, 0000:00:07.0, 0000:00:04.0, 0000:00:05.0, "
                        + "0000:00:06.0, 0000:00:08.0, 0000:00:0a.0 -> no match (7 devices)");
        assertThat(folded.lines().count()).isLessThan(full.lines().count());
    }
}
