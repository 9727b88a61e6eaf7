package io.tributary.config;

import io.tributary.spi.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables {@code ${NAME}} can refer to: those the config defines ({@code @SET} in the classic format,
 * {@code env} in YAML) first, then the process environment, the order Fluent Bit looks them up in.
 * Names are case-sensitive, like environment variables.
 */
public final class Variables {
    private final Map<String, String> defined;
    private final Map<String, String> env;

    private Variables(Map<String, String> defined, Map<String, String> env) {
        this.defined = defined;
        this.env = env;
    }

    /** An immutable view over copies of both maps. */
    public static Variables of(Map<String, String> defined, Map<String, String> env) {
        return new Variables(Collections.unmodifiableMap(new LinkedHashMap<>(defined)), Map.copyOf(env));
    }

    /** A view that follows {@code defined} as it changes: used while files are still being read. */
    static Variables live(Map<String, String> defined, Map<String, String> env) {
        return new Variables(defined, env);
    }

    public Optional<String> get(String name) {
        String v = defined.get(name);
        return Optional.ofNullable(v != null ? v : env.get(name));
    }

    /** The variables the config itself defined, in definition order. */
    public Map<String, String> defined() { return new LinkedHashMap<>(defined); }

    /**
     * Replaces each {@code ${NAME}} in {@code text}. A name that is neither defined nor in the environment adds a
     * problem naming it and {@code where} (Fluent Bit only warns and substitutes nothing; an unset variable in a
     * config is nearly always a deployment mistake, and an empty stream name or port is worse than a clear stop).
     * A {@code ${} without a closing brace is kept as written, as Fluent Bit does. Substituted values are not
     * expanded again.
     */
    public String expand(String text, Location where, List<String> problems) {
        int start = text.indexOf("${");
        if (start < 0) return text;
        StringBuilder out = new StringBuilder(text.length() + 16);
        int from = 0;
        while (start >= 0) {
            int end = text.indexOf('}', start + 2);
            if (end < 0) break;
            out.append(text, from, start);
            String name = text.substring(start + 2, end);
            Optional<String> value = get(name);
            if (value.isPresent()) {
                out.append(value.get());
            } else if (name.isEmpty()) {
                problems.add(where + ": empty variable reference '${}'");
            } else {
                problems.add(where + ": variable ${" + name + "} is not set (define it with @SET, in the YAML env"
                        + " section, or in the environment)");
            }
            from = end + 1;
            start = text.indexOf("${", from);
        }
        out.append(text, from, text.length());
        return out.toString();
    }
}
