package io.tributary.filter.rewrite_tag;

import io.tributary.filter.ConfigTokens;
import io.tributary.parser.OnigmoPattern;
import io.tributary.record.RecordAccessor;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.OptionValues;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.ArrayList;
import java.util.List;

/** Fluent Bit's {@code rewrite_tag} filter. */
public final class RewriteTagFactory implements FilterFactory {
    static final Option<String> RULE = Option.string("Rule").required().multiple()
            .doc("$KEY REGEX NEW_TAG KEEP: when KEY (record accessor) matches REGEX, re-emit the record as NEW_TAG"
                    + " ($TAG, $TAG[n], $0-$9 and $key['sub'] are replaced); KEEP true also keeps the original.");
    static final Option<String> EMITTER_NAME = Option.string("Emitter_Name")
            .doc("Accepted for compatibility: re-emitted records enter the engine through the filter's FilterContext.reEmit.");
    static final Option<String> EMITTER_STORAGE_TYPE = Option.choice("Emitter_Storage.type", "memory", "filesystem")
            .defaultValue("memory").doc("Accepted for compatibility: re-emitted records are buffered as the engine buffers the new tag's route.");
    static final Option<Long> EMITTER_MEM_BUF_LIMIT = Option.size("Emitter_Mem_Buf_Limit").defaultValue("10M")
            .doc("Accepted for compatibility: the engine's buffer limits apply to re-emitted records.");

    @Override public String name() { return "rewrite_tag"; }

    @Override public String description() {
        return "Re-emits matching records under a new tag so they are routed again (passing every filter that matches the"
                + " new tag except this one), optionally keeping the original. Only the first matching rule applies.";
    }

    @Override public ConfigSpec spec() { return ConfigSpec.of(RULE, EMITTER_NAME, EMITTER_STORAGE_TYPE, EMITTER_MEM_BUF_LIMIT); }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        List<RewriteRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String v : config.getAll(RULE)) {
            List<String> w = ConfigTokens.split(v);
            if (w.size() != 4) {
                problems.add(config.locationOf(RULE) + ": [rewrite_tag] Rule: expected '$KEY REGEX NEW_TAG KEEP', got '" + v + "'");
                continue;
            }
            try {
                if (!w.get(0).startsWith("$")) throw new IllegalArgumentException("the key '" + w.get(0) + "' must start with $ (e.g. $log)");
                boolean keep = OptionValues.parseBool(w.get(3));
                rules.add(new RewriteRule(RecordAccessor.parse(w.get(0)), OnigmoPattern.compile(w.get(1)), TagTemplate.parse(w.get(2)), keep));
            } catch (IllegalArgumentException e) {
                problems.add(config.locationOf(RULE) + ": [rewrite_tag] Rule '" + v + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new RewriteTagFilter(rules);
    }
}
