/** Interrupt handlers, their return values and request flags. */
package io.jnetdev.api.irq;
