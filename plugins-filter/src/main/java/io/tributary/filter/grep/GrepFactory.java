package io.tributary.filter.grep;

import io.tributary.filter.ConfigTokens;
import io.tributary.parser.OnigmoPattern;
import io.tributary.record.RecordAccessor;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.ArrayList;
import java.util.List;

/** Fluent Bit's {@code grep} filter. */
public final class GrepFactory implements FilterFactory {
    static final Option<String> REGEX = Option.string("Regex").multiple()
            .doc("KEY REGEX: keep records whose KEY (a name or record accessor such as $kubernetes['labels']['app']) matches REGEX.");
    static final Option<String> EXCLUDE = Option.string("Exclude").multiple()
            .doc("KEY REGEX: drop records whose KEY matches REGEX.");
    static final Option<String> LOGICAL_OP = Option.choice("Logical_Op", "legacy", "and", "or").defaultValue("legacy")
            .doc("How rules combine: legacy (every rule must pass, in order), and, or. and/or need all rules of one kind.");

    @Override public String name() { return "grep"; }

    @Override public String description() {
        return "Keeps or drops records by regular expressions on their values. As in Fluent Bit, a missing key or a "
                + "non-string value (number, map) never matches, so a Regex on it drops the record and an Exclude keeps it.";
    }

    @Override public ConfigSpec spec() { return ConfigSpec.of(REGEX, EXCLUDE, LOGICAL_OP); }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        List<String> regexes = config.isSet(REGEX) ? config.getAll(REGEX) : List.of();
        List<String> excludes = config.isSet(EXCLUDE) ? config.getAll(EXCLUDE) : List.of();
        GrepFilter.LogicalOp op = GrepFilter.LogicalOp.valueOf(config.get(LOGICAL_OP).toUpperCase(java.util.Locale.ROOT));
        if (regexes.isEmpty() && excludes.isEmpty()) throw config.error("needs at least one Regex or Exclude rule");
        if (op != GrepFilter.LogicalOp.LEGACY && !regexes.isEmpty() && !excludes.isEmpty()) {
            throw config.error(LOGICAL_OP, "Regex and Exclude cannot be mixed when Logical_Op is " + config.get(LOGICAL_OP));
        }
        // Legacy applies rules in the order written; Regex and Exclude lines interleave in the file, but the
        // result of "all must pass" does not depend on order, so regexes then excludes is equivalent.
        List<GrepRule> rules = new ArrayList<>();
        for (String r : regexes) rules.add(rule(config, REGEX, r, false));
        for (String r : excludes) rules.add(rule(config, EXCLUDE, r, true));
        return new GrepFilter(rules, op);
    }

    private static GrepRule rule(PluginConfig config, Option<String> option, String value, boolean exclude) throws ConfigException {
        String[] kv = ConfigTokens.keyAndRest(value);
        if (kv == null) throw config.error(option, "expected 'KEY REGEX', got '" + value + "'");
        try {
            return new GrepRule(exclude, RecordAccessor.parse(kv[0]), OnigmoPattern.compile(kv[1]));
        } catch (IllegalArgumentException e) {
            throw config.error(option, e.getMessage());
        }
    }
}
