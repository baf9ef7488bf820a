/** Kernel services for drivers: virtual time, delays, the kernel log. */
package io.jnetdev.api.kernel;
