package io.tributary.spi;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One config key of a plugin, declared once: its name, type, default, whether it is required, whether it may
 * repeat, and its description. Validation, {@code -h} help and the README table all come from these
 * declarations. Instances are immutable; each builder method returns a new option.
 *
 * <pre>{@code
 * static final Option<String> STREAM = Option.string("stream").required().doc("Kinesis data stream.");
 * static final Option<Long> MAX = Option.size("buffer_max_size").defaultValue("6M").doc("...");
 * }</pre>
 */
public final class Option<T> {
    private final String name;
    private final OptionType type;
    private final Function<String, T> converter;
    private final String defaultText;
    private final boolean required;
    private final boolean multiple;
    private final String description;
    private final List<String> choices;
    private final List<String> aliases;
    private final Double min;
    private final Double max;

    private Option(String name, OptionType type, Function<String, T> converter, String defaultText,
                   boolean required, boolean multiple, String description, List<String> choices,
                   List<String> aliases, Double min, Double max) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.converter = converter;
        this.defaultText = defaultText;
        this.required = required;
        this.multiple = multiple;
        this.description = description;
        this.choices = choices;
        this.aliases = aliases;
        this.min = min;
        this.max = max;
        if (defaultText != null) {
            // A bad default is a programming error: fail when the plugin class loads, not in a user's run.
            convert(defaultText);
        }
    }

    private static <T> Option<T> of(String name, OptionType type, Function<String, T> converter) {
        return new Option<>(name, type, converter, null, false, false, "", List.of(), List.of(), null, null);
    }

    public static Option<String> string(String name) { return of(name, OptionType.STRING, s -> s); }

    public static Option<Integer> integer(String name) {
        return of(name, OptionType.INT, s -> {
            long v = OptionValues.parseInt(s);
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw new IllegalArgumentException("'" + s + "' is out of range");
            return (int) v;
        });
    }

    public static Option<Double> decimal(String name) { return of(name, OptionType.DOUBLE, OptionValues::parseDouble); }

    /** A size in bytes; accepts k, m, g suffixes. */
    public static Option<Long> size(String name) { return of(name, OptionType.SIZE, OptionValues::parseSize); }

    /**
     * A size in bytes, or one of {@code words} (compared case-insensitively) standing for a value of its own, such
     * as {@code auto} or {@code off}.
     */
    public static Option<Long> sizeOr(String name, java.util.Map<String, Long> words) {
        return of(name, OptionType.SIZE, s -> {
            Long w = words.get(s.trim().toLowerCase(Locale.ROOT));
            return w != null ? w : OptionValues.parseSize(s);
        });
    }

    /** A time; plain numbers are seconds. */
    public static Option<Duration> time(String name) { return of(name, OptionType.TIME, OptionValues::parseDuration); }

    public static Option<Boolean> bool(String name) { return of(name, OptionType.BOOL, OptionValues::parseBool); }

    /** A comma-separated list. */
    public static Option<List<String>> list(String name) { return of(name, OptionType.LIST, OptionValues::parseList); }

    /** One of a fixed set of words, compared case-insensitively and returned in lower case. */
    public static Option<String> choice(String name, String... choices) {
        List<String> allowed = List.of(choices);
        Option<String> o = of(name, OptionType.ENUM, s -> {
            String v = s.trim().toLowerCase(Locale.ROOT);
            for (String c : allowed) {
                if (c.equalsIgnoreCase(v)) return c;
            }
            throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", allowed));
        });
        return o.with(o.defaultText, o.required, o.multiple, o.description, allowed, o.aliases, o.min, o.max);
    }

    /** A value that must not be logged (keys, passwords). */
    public static Option<Secret> secret(String name) { return of(name, OptionType.SECRET, Secret::new); }

    private Option<T> with(String defaultText, boolean required, boolean multiple, String description,
                           List<String> choices, List<String> aliases, Double min, Double max) {
        return new Option<>(name, type, converter, defaultText, required, multiple, description, choices, aliases, min, max);
    }

    public Option<T> defaultValue(String text) {
        return with(text, required, multiple, description, choices, aliases, min, max);
    }

    public Option<T> required() { return with(defaultText, true, multiple, description, choices, aliases, min, max); }

    /** The key may appear several times (e.g. modify's {@code Set}); read all values with getAll. */
    public Option<T> multiple() { return with(defaultText, required, true, description, choices, aliases, min, max); }

    public Option<T> doc(String text) { return with(defaultText, required, multiple, text, choices, aliases, min, max); }

    /** Other names accepted for this key (e.g. the Go plugin's spelling). */
    public Option<T> alias(String... names) {
        return with(defaultText, required, multiple, description, choices, List.of(names), min, max);
    }

    /** Inclusive numeric bounds, checked for INT, DOUBLE, SIZE (bytes) and TIME (seconds). */
    public Option<T> range(double min, double max) {
        return with(defaultText, required, multiple, description, choices, aliases, min, max);
    }

    public Option<T> atLeast(double min) { return with(defaultText, required, multiple, description, choices, aliases, min, max); }

    public Option<T> atMost(double max) { return with(defaultText, required, multiple, description, choices, aliases, min, max); }

    /** Converts config text, checking the declared bounds; throws IllegalArgumentException with a reason. */
    public T convert(String text) {
        T value = converter.apply(text);
        if (min != null || max != null) {
            double numeric = numeric(value);
            if (min != null && numeric < min) throw new IllegalArgumentException(name + " must be at least " + fmt(min) + ", got " + text);
            if (max != null && numeric > max) throw new IllegalArgumentException(name + " must be at most " + fmt(max) + ", got " + text);
        }
        return value;
    }

    private static String fmt(double d) { return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d); }

    private double numeric(T value) {
        if (value instanceof Number n) return n.doubleValue();
        if (value instanceof Duration d) return d.toNanos() / 1e9;
        return 0;
    }

    /** True when {@code key} names this option, case-insensitively, by its name or an alias. */
    public boolean matches(String key) {
        if (name.equalsIgnoreCase(key)) return true;
        for (String a : aliases) if (a.equalsIgnoreCase(key)) return true;
        return false;
    }

    public String name() { return name; }
    public OptionType type() { return type; }
    public String defaultText() { return defaultText; }
    public boolean isRequired() { return required; }
    public boolean isMultiple() { return multiple; }
    public String description() { return description; }
    public List<String> choices() { return choices; }
    public List<String> aliases() { return aliases; }

    @Override public String toString() { return name; }
}
