/**
 * ethtool for drivers: {@link io.jnetdev.api.ethtool.EthtoolOps} ({@code struct ethtool_ops} of
 * {@code include/linux/ethtool.h}) and the values its operations exchange with the core
 * ({@code struct ethtool_drvinfo}, {@code ethtool_ringparam}, {@code ethtool_coalesce},
 * {@code ethtool_channels}, {@code ethtool_link_ksettings}, string sets and self-test flags).
 *
 * <p>Every operation is optional. The core ({@code net/ethtool/ioctl.c} in Linux) validates what
 * the user asks before the driver sees it, and checks what the driver hands back.
 */
package io.jnetdev.api.ethtool;
