package io.jnetdev.cli.livelock;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.cost.CostModel;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import io.jnetdev.runtime.net.NetSysctl;
import java.util.Map;

/**
 * The machine of one measured point, built in this one place: the run's {@link PointBase} (CPUs,
 * HZ, seed, {@code net.core} knobs) and cost model, the configuration's card in slot 4 and only its module loaded with its
 * parameters; an IPv4 handler standing in for {@code ip_rcv} (delivery costs the cost model's
 * protocol work); then {@code eth0} up and time run until it has carrier and every CPU is idle.
 */
final class PointMachine {
    static final int SLOT = 4;
    static final long MS = 1_000_000L;
    /** 3c59x's media timer reads the link a few seconds after open; nothing else takes as long. */
    static final long CARRIER_TIMEOUT = 10_000 * MS;

    final Machine machine;
    final NetDeviceImpl dev;

    private PointMachine(Machine machine, NetDeviceImpl dev) {
        this.machine = machine;
        this.dev = dev;
    }

    static PointMachine boot(LivelockConfig config, PointBase base, CostModel costs) throws ErrnoException {
        MachineConfig mc = MachineConfig.builder().cpus(base.cpus()).hz(base.hz()).seed(base.seed()).slot(SLOT, config.card())
                .modules(Map.of(config.module(), config.params())).build();
        NetSysctl knobs = base.netSysctl();
        Machine m = Machine.create(mc, binder -> {
            binder.bind(CostModel.class).toInstance(costs);
            binder.bind(NetSysctl.class).toInstance(knobs);
        });
        m.net().devAddPack(EtherType.IPV4, skb -> { });
        m.boot(PointMachine.class.getClassLoader());
        NetDeviceImpl dev = m.net().device("eth0").orElseThrow(() -> new IllegalStateException(config.label()
                + ": no eth0 after modprobe " + config.module() + " " + config.modprobeParams() + "\n" + m.dmesg()));
        m.net().devOpen(dev);
        long waited = 0;
        while (!dev.carrierOk()) {
            if (waited >= CARRIER_TIMEOUT) {
                throw new IllegalStateException(config.label() + ": eth0 has no carrier " + CARRIER_TIMEOUT / MS
                        + " ms after up (virtual time " + m.engine().now() + " ns)\n" + m.dmesg());
            }
            m.run(MS);
            waited += MS;
        }
        m.run(5 * MS); // past the first link-up work (watchdogs, the 3c59x media timer's next step)
        // and past the CPU time probe and open charged (a 3c59x EEPROM busy-wait, e1000e's NVM and
        // PHY delays): a CPU still busy with it takes no interrupt, and the first milliseconds of
        // load would overrun the card for a reason that has nothing to do with the load
        m.waitForCpus();
        return new PointMachine(m, dev);
    }
}
