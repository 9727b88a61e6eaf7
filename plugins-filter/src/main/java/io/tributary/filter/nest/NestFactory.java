package io.tributary.filter.nest;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.ArrayList;
import java.util.List;

/** Fluent Bit's {@code nest} filter. */
public final class NestFactory implements FilterFactory {
    static final Option<String> OPERATION = Option.choice("Operation", "nest", "lift").required()
            .doc("nest: move keys matching Wildcard into a map under Nest_under; lift: move the keys of the map at Nested_under up.");
    static final Option<String> WILDCARD = Option.string("Wildcard").multiple()
            .doc("Keys to nest: exact, or a prefix ending in '*' (repeatable).");
    static final Option<String> NEST_UNDER = Option.string("Nest_under").doc("Key of the new map (nest).");
    static final Option<String> NESTED_UNDER = Option.string("Nested_under").doc("Key of the map to lift (lift).");
    static final Option<String> ADD_PREFIX = Option.string("Add_prefix").doc("Prefix the nested or lifted keys with this.");
    static final Option<String> REMOVE_PREFIX = Option.string("Remove_prefix").doc("Remove this prefix from the nested or lifted keys.");

    @Override public String name() { return "nest"; }

    @Override public String description() {
        return "Nests top-level keys under a map, or lifts a map's keys to the top level. As in Fluent Bit, only a"
                + " trailing '*' is a wildcard, nothing is added when no key matches, and a lift whose key is not a map"
                + " leaves the record unchanged.";
    }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(OPERATION, WILDCARD, NEST_UNDER, NESTED_UNDER, ADD_PREFIX, REMOVE_PREFIX);
    }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        boolean nest = config.get(OPERATION).equals("nest");
        List<String> wildcards = new ArrayList<>();
        if (config.isSet(WILDCARD)) for (String w : config.getAll(WILDCARD)) wildcards.add(w.trim());
        String add = config.isSet(ADD_PREFIX) ? config.get(ADD_PREFIX).trim() : null;
        String remove = config.isSet(REMOVE_PREFIX) ? config.get(REMOVE_PREFIX).trim() : null;
        if (nest) {
            if (wildcards.isEmpty()) throw config.error(WILDCARD, "Operation nest needs at least one Wildcard");
            if (!config.isSet(NEST_UNDER)) throw config.error(NEST_UNDER, "Operation nest needs Nest_under");
            return new NestFilter(true, wildcards, config.get(NEST_UNDER).trim(), add, remove);
        }
        if (!config.isSet(NESTED_UNDER)) throw config.error(NESTED_UNDER, "Operation lift needs Nested_under");
        return new NestFilter(false, wildcards, config.get(NESTED_UNDER).trim(), add, remove);
    }
}
