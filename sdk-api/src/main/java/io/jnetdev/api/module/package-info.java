/** Kernel modules: the ServiceLoader SPI, module parameters and what init/exit see. */
package io.jnetdev.api.module;
