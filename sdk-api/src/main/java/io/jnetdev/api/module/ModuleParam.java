package io.jnetdev.api.module;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One module parameter ({@code module_param} plus {@code MODULE_PARM_DESC}): its name, type,
 * default and, for integers, the accepted range. The runtime parses {@code key=value} at load
 * time and refuses values that do not parse or fall outside the range, naming both.
 *
 * @param name        the parameter name, as written on the {@code modprobe} line
 * @param type        how the value is parsed
 * @param defaultValue the value used when {@code modprobe} does not set one, in text form
 * @param min         smallest accepted integer (ignored for other types)
 * @param max         largest accepted integer (ignored for other types)
 * @param description one line for {@code modinfo}
 */
public record ModuleParam(String name, Type type, String defaultValue, long min, long max, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Parameter types, as {@code module_param}'s {@code type} argument. */
    public enum Type { INT, BOOL, STRING }

    public ModuleParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("module parameter name '" + name + "' is not an identifier");
        }
        if (min > max) {
            throw new IllegalArgumentException("module parameter " + name + ": min " + min + " > max " + max);
        }
    }

    /** An integer parameter accepting {@code [min, max]}. */
    public static ModuleParam ofInt(String name, long defaultValue, long min, long max, String description) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("module parameter " + name + ": default " + defaultValue
                    + " outside [" + min + ", " + max + "]");
        }
        return new ModuleParam(name, Type.INT, Long.toString(defaultValue), min, max, description);
    }

    /** A boolean parameter ({@code Y/N/1/0/true/false} on the command line, shown as {@code Y} or {@code N}). */
    public static ModuleParam ofBool(String name, boolean defaultValue, String description) {
        return new ModuleParam(name, Type.BOOL, defaultValue ? "Y" : "N", 0, 1, description);
    }

    /** A free-text parameter ({@code charp}). */
    public static ModuleParam ofString(String name, String defaultValue, String description) {
        return new ModuleParam(name, Type.STRING, defaultValue, 0, 0, description);
    }
}
