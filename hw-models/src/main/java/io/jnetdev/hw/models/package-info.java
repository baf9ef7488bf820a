/**
 * Register-level device models, one package per card ({@code e1000e} for the Intel 82574L,
 * {@code tulip} for the DEC 21143 and 21140, {@code testnic}, {@code edu}), and what the card models share: {@link io.jnetdev.hw.models.NicPort},
 * the port backend a wire plugs into.
 */
package io.jnetdev.hw.models;
