/** Kernel services for drivers: virtual time, delays, the kernel log, locks and deferred work. */
package io.jnetdev.api.kernel;
