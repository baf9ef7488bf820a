package io.jnetdev.cli.livelock;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnetdev.cli.machine.MachineFile;
import io.jnetdev.runtime.net.NetSysctl;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point's machine takes the run's base: Linux's defaults, or a machine file's HZ and net.core knobs. */
class PointMachineTest {

    private static final LivelockConfig E1000E = LivelockConfig.byLabel("e1000e-itr3");

    @Test
    void withoutAFileThePointRunsOnLinuxsDefaults() throws Exception {
        PointMachine pm = PointMachine.boot(E1000E, PointBase.defaults(1, 1), new ScaledCostModel(1));
        NetSysctl knobs = pm.machine.get(NetSysctl.class);
        assertThat(knobs.netdevMaxBacklog).isEqualTo(1000);
        assertThat(knobs.netdevBudgetUsecs).as("2 jiffies at HZ=1000").isEqualTo(2000);
        assertThat(pm.machine.cpus().count()).isEqualTo(1);
        assertThat(pm.dev.carrierOk()).isTrue();
    }

    @Test
    void aFilesHzAndKnobsReachThePointsMachine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("knobs.yaml");
        Files.writeString(file, """
                cpus: 2
                hz: 250
                sysctl:
                  net.core.netdev_max_backlog: 100
                  net.core.netdev_budget: 600
                """);
        PointBase base = PointBase.of(MachineFile.load(file), 2, 7);
        PointMachine pm = PointMachine.boot(E1000E, base, new ScaledCostModel(1));
        NetSysctl knobs = pm.machine.get(NetSysctl.class);
        assertThat(knobs.netdevMaxBacklog).isEqualTo(100);
        assertThat(knobs.netdevBudget).isEqualTo(600);
        assertThat(knobs.netdevBudgetUsecs).as("2 jiffies at HZ=250").isEqualTo(8000);
        assertThat(pm.machine.cpus().count()).isEqualTo(2);
        assertThat(base.netSysctl()).as("each machine gets knobs of its own").isNotSameAs(base.netSysctl());
    }
}
