/**
 * Networking for drivers: the net device and its ops, socket buffers, NAPI — Linux's
 * {@code netdevice.h} in Java.
 */
package io.jnetdev.api.net;
