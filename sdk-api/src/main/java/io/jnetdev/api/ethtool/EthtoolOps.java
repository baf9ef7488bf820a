package io.jnetdev.api.ethtool;

import io.jnetdev.api.ErrnoException;
import io.jnetdev.api.net.NetDevice;
import java.util.Set;

/**
 * The driver's {@code struct ethtool_ops}, attached with
 * {@link NetDevice#setEthtoolOps(EthtoolOps)}. Every operation is optional: the default throws
 * {@link OpNotImplementedException}, which the core treats as Linux treats a NULL pointer
 * (mostly {@code EOPNOTSUPP}). Only {@link #getLink} has a working default,
 * {@code ethtool_op_get_link}.
 *
 * <p>The core calls every operation in process context with RTNL held, so they may sleep, and
 * it validates requests before the driver sees them: ring sizes against the maxima of
 * {@link #getRingparam}, channel counts against {@link #getChannels}, changed coalescing
 * parameters against {@link #supportedCoalesceParams()}. A driver throws {@link ErrnoException}
 * for what it cannot do.
 */
public interface EthtoolOps {

    /** ethtool_ops with nothing implemented ({@code default_ethtool_ops}): what a device without any has. */
    EthtoolOps NONE = new EthtoolOps() { };

    // ---- identity -------------------------------------------------------------------------

    /**
     * {@code get_drvinfo}: driver name, version, firmware version and bus address. Fields left
     * empty are filled by the core (driver name and bus address from the parent device, version
     * from the kernel release); a driver without this op gets all of them that way.
     */
    default Drvinfo getDrvinfo(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("get_drvinfo");
    }

    // ---- link -----------------------------------------------------------------------------

    /** {@code get_link_ksettings}: speed, duplex, autoneg, port and the link-mode masks. */
    default LinkKsettings getLinkKsettings(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("get_link_ksettings");
    }

    /** {@code set_link_ksettings}: apply new link settings; throw {@code EINVAL} for what the hardware cannot do. */
    default void setLinkKsettings(NetDevice dev, LinkKsettings settings) throws ErrnoException {
        throw new OpNotImplementedException("set_link_ksettings");
    }

    /**
     * {@code get_link}: whether the physical link is up. Called only while the interface is up.
     * The default is {@code ethtool_op_get_link}: the carrier state.
     */
    default boolean getLink(NetDevice dev) {
        return dev.carrierOk();
    }

    /** {@code nway_reset}: restart auto-negotiation. */
    default void nwayReset(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("nway_reset");
    }

    // ---- rings, coalescing, channels ---------------------------------------------------------

    /** {@code get_ringparam}: current ring sizes and their maxima. */
    default RingParam getRingparam(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("get_ringparam");
    }

    /**
     * {@code set_ringparam}: resize the rings. The core has checked every size against the maxima
     * {@link #getRingparam} reports; {@code ring} carries those maxima and the new sizes.
     */
    default void setRingparam(NetDevice dev, RingParam ring) throws ErrnoException {
        throw new OpNotImplementedException("set_ringparam");
    }

    /**
     * {@code supported_coalesce_params}: the coalescing parameters {@link #setCoalesce} honours.
     * The core refuses with {@code EOPNOTSUPP} any change to a parameter not listed here.
     */
    default Set<CoalesceParam> supportedCoalesceParams() {
        return Set.of();
    }

    /** {@code get_coalesce}: the current interrupt moderation. */
    default Coalesce getCoalesce(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("get_coalesce");
    }

    /** {@code set_coalesce}: new moderation; only parameters in {@link #supportedCoalesceParams()} differ from {@link #getCoalesce}. */
    default void setCoalesce(NetDevice dev, Coalesce coalesce) throws ErrnoException {
        throw new OpNotImplementedException("set_coalesce");
    }

    /** {@code get_channels}: channel counts and maxima. */
    default Channels getChannels(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("get_channels");
    }

    /**
     * {@code set_channels}: new channel counts. The core calls it only when a count changed, each
     * within its maximum, with at least one receive and one transmit channel (combined or not).
     */
    default void setChannels(NetDevice dev, Channels channels) throws ErrnoException {
        throw new OpNotImplementedException("set_channels");
    }

    // ---- string sets, statistics, self-test ----------------------------------------------------

    /**
     * {@code get_sset_count}: how many strings {@link #getStrings} writes for {@code set} — and
     * so how many values {@link #getEthtoolStats} or {@link #selfTest} write. Throw
     * {@code EOPNOTSUPP} for a set the driver does not have. The count must not change between
     * this call and the fill that follows, and must not be 0 for a set the driver has.
     */
    default int getSsetCount(NetDevice dev, StringSet set) throws ErrnoException {
        throw new OpNotImplementedException("get_sset_count");
    }

    /** {@code get_strings}: the names of {@code set}, exactly {@code into.capacity()} of them, each at most 32 bytes. */
    default void getStrings(NetDevice dev, StringSet set, GStrings into) throws ErrnoException {
        throw new OpNotImplementedException("get_strings");
    }

    /**
     * {@code get_ethtool_stats}: the counters of {@link StringSet#STATS}, in string order, exactly
     * {@code data.capacity()} of them. Only counters not already in {@code rtnl_link_stats64}.
     */
    default void getEthtoolStats(NetDevice dev, U64Data data) throws ErrnoException {
        throw new OpNotImplementedException("get_ethtool_stats");
    }

    /**
     * {@code self_test}: runs the tests; {@code flags} holds {@link TestFlag#OFFLINE} for the
     * offline tests (which may interrupt traffic). Writes one result per {@link StringSet#TEST}
     * string into {@code results} (0 = pass) and returns the flags afterwards, with
     * {@link TestFlag#FAILED} if any test failed.
     */
    default Set<TestFlag> selfTest(NetDevice dev, Set<TestFlag> flags, U64Data results) throws ErrnoException {
        throw new OpNotImplementedException("self_test");
    }

    // ---- registers ---------------------------------------------------------------------------

    /** {@code get_regs_len}: bytes in a register dump. */
    default int getRegsLen(NetDevice dev) throws ErrnoException {
        throw new OpNotImplementedException("get_regs_len");
    }

    /**
     * {@code get_regs}: fills {@code regs}, which the core allocated with {@link #getRegsLen}
     * bytes, and returns the dump's layout version ({@code regs->version}).
     */
    default int getRegs(NetDevice dev, byte[] regs) throws ErrnoException {
        throw new OpNotImplementedException("get_regs");
    }
}
