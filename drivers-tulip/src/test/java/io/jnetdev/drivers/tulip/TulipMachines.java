package io.jnetdev.drivers.tulip;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.EtherType;
import io.jnetdev.hw.models.tulip.Tulip;
import io.jnetdev.runtime.Machine;
import io.jnetdev.runtime.kernel.MachineConfig;
import io.jnetdev.runtime.net.NetDeviceImpl;
import java.util.Map;

/** Machines with a Tulip model (behind a {@link CsrTrace}) in slot 3 and the tulip module loaded, for the driver's tests. */
final class TulipMachines {
    static final long MS = 1_000_000L;
    static final int SLOT = 3;
    /** 02:00:f8:a0:12:34, a locally administered address for the SROM. */
    static final long MAC = 0x0200_F8A0_1234L;

    private TulipMachines() {}

    /** A booted machine with {@code card} in slot 3 and tulip loaded with {@code params}. */
    static Machine boot(long seed, CsrTrace card, Map<String, String> params) {
        MachineConfig config = MachineConfig.builder().cpus(2).seed(seed).slot(SLOT, () -> card)
                .modules(Map.of("tulip", params)).build();
        return Machine.create(config).boot(TulipMachines.class.getClassLoader());
    }

    /** A 21143 at {@link #MAC}, booted, eth0 up with an IPv4 handler counting into {@code delivered}. */
    static Machine up(long seed, CsrTrace card, Map<String, String> params, long[] delivered) throws ErrnoException {
        Machine m = boot(seed, card, params);
        m.net().devAddPack(EtherType.IPV4, skb -> delivered[0]++);
        m.net().devOpen(dev(m, "eth0"));
        m.run(5 * MS);
        return m;
    }

    static NetDeviceImpl dev(Machine m, String name) {
        return m.net().device(name).orElseThrow(() ->
                new AssertionError("seed " + m.engine().seed() + ": no " + name + "\n" + m.dmesg()));
    }

    static TulipPrivate tp(Machine m) {
        return dev(m, "eth0").priv(TulipPrivate.class);
    }

    static CsrTrace dec21143() {
        return new CsrTrace(Tulip.dec21143(MAC));
    }

    static CsrTrace dec21140() {
        return new CsrTrace(Tulip.dec21140(MAC));
    }
}
