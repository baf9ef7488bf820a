/**
 * What the kit checks for each reference driver (module, card model, declared capabilities),
 * found by {@code ServiceLoader} for {@code jnetdev conformance --module NAME} and used by the kit's
 * own tests of those drivers.
 */
package io.jnetdev.conformance.reference;
