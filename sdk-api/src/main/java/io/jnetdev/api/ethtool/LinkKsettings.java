package io.jnetdev.api.ethtool;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code struct ethtool_link_ksettings} as a driver reports and receives it: the
 * {@code base} settings and the {@code supported} and {@code advertising} link-mode masks. (The
 * {@code cmd} and {@code link_mode_masks_nwords} fields Linux drivers must ignore do not exist
 * here.)
 *
 * @param speed       Mb/s, or {@link #SPEED_UNKNOWN}
 * @param duplex      duplex, {@link Duplex#UNKNOWN} without link
 * @param autoneg     {@code AUTONEG_ENABLE}: the link is auto-negotiated
 * @param port        the connector in use
 * @param supported   modes the hardware supports
 * @param advertising modes advertised in auto-negotiation
 */
public record LinkKsettings(int speed, Duplex duplex, boolean autoneg, Port port,
                            Set<LinkMode> supported, Set<LinkMode> advertising) {
    /** {@code SPEED_UNKNOWN}. */
    public static final int SPEED_UNKNOWN = -1;

    public LinkKsettings {
        Objects.requireNonNull(duplex, "duplex");
        Objects.requireNonNull(port, "port");
        supported = copy(supported);
        advertising = copy(advertising);
        if (speed < 0 && speed != SPEED_UNKNOWN) {
            throw new IllegalArgumentException("speed " + speed + " (SPEED_UNKNOWN is " + SPEED_UNKNOWN + ")");
        }
    }

    private static Set<LinkMode> copy(Set<LinkMode> modes) {
        EnumSet<LinkMode> s = EnumSet.noneOf(LinkMode.class);
        if (modes != null) {
            s.addAll(modes);
        }
        return Collections.unmodifiableSet(s);
    }

    /** A copy with another speed, duplex and autoneg setting ({@code ethtool -s DEV speed N duplex D autoneg A}). */
    public LinkKsettings with(int newSpeed, Duplex newDuplex, boolean newAutoneg) {
        return new LinkKsettings(newSpeed, newDuplex, newAutoneg, port, supported, advertising);
    }
}
