package io.tributary.filter.record_modifier;

import io.tributary.filter.ConfigTokens;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;
import io.tributary.spi.PluginLog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fluent Bit's {@code record_modifier} filter. */
public final class RecordModifierFactory implements FilterFactory {
    static final Option<String> RECORD = Option.string("Record").multiple()
            .doc("KEY VALUE: append KEY with VALUE (quote a VALUE with spaces); an existing KEY is replaced.");
    static final Option<String> REMOVE_KEY = Option.string("Remove_key").multiple().doc("Remove this key.");
    static final Option<String> ALLOWLIST_KEY = Option.string("Allowlist_key").multiple()
            .doc("Keep only the keys listed (with Record's and Uuid_key's added after).");
    static final Option<String> WHITELIST_KEY = Option.string("Whitelist_key").multiple().doc("Alias of Allowlist_key.");
    static final Option<String> UUID_KEY = Option.string("Uuid_key").doc("Append a random UUID under this key.");

    @Override public String name() { return "record_modifier"; }

    @Override public String description() {
        return "Appends fields to records or removes fields. As in Fluent Bit, a Record line whose value has unquoted"
                + " spaces is refused with an error and skipped, and Remove_key and Allowlist_key cannot be combined.";
    }

    @Override public ConfigSpec spec() { return ConfigSpec.of(RECORD, REMOVE_KEY, ALLOWLIST_KEY, WHITELIST_KEY, UUID_KEY); }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        if (config.isSet(RECORD)) {
            for (String v : config.getAll(RECORD)) {
                List<String> w = ConfigTokens.split(v);
                if (w.size() != 2) {
                    PluginLog.of("filter:record_modifier:" + config.instanceName()).error(config.locationOf(RECORD)
                            + ": invalid Record '" + v + "', expects 'KEY VALUE' (quote a value with spaces); skipped");
                    continue;
                }
                records.add(Map.entry(w.get(0), w.get(1)));
            }
        }
        Set<String> remove = values(config, REMOVE_KEY);
        Set<String> allow = values(config, ALLOWLIST_KEY);
        allow.addAll(values(config, WHITELIST_KEY));
        if (!remove.isEmpty() && !allow.isEmpty()) {
            throw config.error(REMOVE_KEY, "Remove_key and Allowlist_key/Whitelist_key are exclusive");
        }
        String uuid = config.isSet(UUID_KEY) ? config.get(UUID_KEY).trim() : null;
        if (records.isEmpty() && remove.isEmpty() && allow.isEmpty() && uuid == null) {
            throw config.error("needs Record, Remove_key, Allowlist_key or Uuid_key");
        }
        return new RecordModifierFilter(records, remove, allow, uuid);
    }

    private static Set<String> values(PluginConfig config, Option<String> o) {
        Set<String> out = new LinkedHashSet<>();
        if (config.isSet(o)) for (String v : config.getAll(o)) out.add(v.trim());
        return out;
    }
}
