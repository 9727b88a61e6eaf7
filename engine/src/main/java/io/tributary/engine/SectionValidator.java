package io.tributary.engine;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Location;
import io.tributary.spi.Option;
import io.tributary.spi.PluginType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks one section against a plugin's spec and the common keys of its kind: every key known (else an error
 * with a "did you mean"), set once unless repeatable, converted to its type and within range, required keys
 * present. All problems of the section are reported together.
 */
final class SectionValidator {
    private SectionValidator() {}

    static ValidConfig validate(ConfigSection section, PluginType type, String pluginName, String instanceName,
                                ConfigSpec pluginSpec, List<String> problems) {
        ConfigSpec spec = CommonOptions.forType(type).plus(pluginSpec);
        IdentityHashMap<Option<?>, List<Object>> values = new IdentityHashMap<>();
        IdentityHashMap<Option<?>, Location> locations = new IdentityHashMap<>();
        List<java.util.Map.Entry<Option<?>, Object>> order = new ArrayList<>();
        String where = type.section() + " " + pluginName;
        for (ConfigEntry e : section.entries()) {
            Optional<Option<?>> found = spec.find(e.key());
            if (found.isEmpty()) {
                problems.add(e.location() + ": " + where + ": unknown key '" + e.key() + "'" + suggestion(e.key(), spec));
                continue;
            }
            Option<?> o = found.get();
            if (values.containsKey(o) && !o.isMultiple()) {
                problems.add(e.location() + ": " + where + ": key '" + e.key() + "' is set twice (first at "
                        + locations.get(o) + ")");
                continue;
            }
            try {
                Object v = o.convert(e.value());
                values.computeIfAbsent(o, k -> new ArrayList<>()).add(v);
                order.add(java.util.Map.entry(o, v));
                locations.putIfAbsent(o, e.location());
            } catch (IllegalArgumentException bad) {
                String msg = bad.getMessage();
                String shown = o.type() == io.tributary.spi.OptionType.SECRET ? "" : msg;
                problems.add(e.location() + ": " + where + ": " + e.key() + ": " + (shown.isEmpty() ? "invalid value" : shown));
            }
        }
        for (Option<?> o : spec.options()) {
            if (o.isRequired() && !values.containsKey(o) && o.defaultText() == null) {
                problems.add(section.location() + ": " + where + ": missing required key '" + o.name() + "'");
            }
        }
        return new ValidConfig(pluginName, instanceName, section.location(), values, locations, order);
    }

    static String suggestion(String key, ConfigSpec spec) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String k = key.toLowerCase(Locale.ROOT);
        for (Option<?> o : spec.options()) {
            int d = editDistance(k, o.name().toLowerCase(Locale.ROOT));
            if (d < bestDistance) { bestDistance = d; best = o.name(); }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 3)) return " (did you mean '" + best + "'?)";
        return "";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
