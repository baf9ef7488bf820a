/**
 * Register-level device models, one package per card ({@code e1000e} for the Intel 82574L,
 * {@code testnic}, {@code edu}), and what the card models share: {@link io.jnetdev.hw.models.NicPort},
 * the port backend a wire plugs into.
 */
package io.jnetdev.hw.models;
