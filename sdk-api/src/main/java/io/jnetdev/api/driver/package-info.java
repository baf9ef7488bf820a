/** Driver-core values shared by every bus: probe results. */
package io.jnetdev.api.driver;
