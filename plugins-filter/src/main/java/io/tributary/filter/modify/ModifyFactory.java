package io.tributary.filter.modify;

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
import io.tributary.spi.PluginLog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Fluent Bit's {@code modify} filter. */
public final class ModifyFactory implements FilterFactory {
    static final Option<String> SET = rule("Set", "KEY VALUE: set KEY to VALUE (a string), replacing any value; the key goes last.");
    static final Option<String> ADD = rule("Add", "KEY VALUE: add KEY with VALUE if KEY does not exist.");
    static final Option<String> REMOVE = rule("Remove", "KEY: remove KEY.");
    static final Option<String> REMOVE_WILDCARD = rule("Remove_wildcard", "PREFIX: remove every key that starts with PREFIX.");
    static final Option<String> REMOVE_REGEX = rule("Remove_regex", "REGEX: remove every key matching REGEX.");
    static final Option<String> RENAME = rule("Rename", "KEY NEW: rename KEY to NEW unless NEW exists.");
    static final Option<String> HARD_RENAME = rule("Hard_rename", "KEY NEW: rename KEY to NEW, replacing NEW.");
    static final Option<String> COPY = rule("Copy", "KEY NEW: copy KEY's value to NEW unless NEW exists.");
    static final Option<String> HARD_COPY = rule("Hard_copy", "KEY NEW: copy KEY's value to NEW, replacing NEW.");
    static final Option<String> MOVE_TO_START = rule("Move_to_start", "KEY: move KEY to the start of the record.");
    static final Option<String> MOVE_TO_END = rule("Move_to_end", "KEY: move KEY to the end of the record.");
    static final Option<String> CONDITION = Option.string("Condition").multiple()
            .doc("Apply the rules only when every condition holds: Key_exists KEY, Key_does_not_exist KEY, A_key_matches REGEX,"
                    + " No_key_matches REGEX, Key_value_equals KEY VALUE, Key_value_does_not_equal KEY VALUE,"
                    + " Key_value_matches KEY REGEX, Key_value_does_not_match KEY REGEX,"
                    + " Matching_keys_have_matching_values KEY_REGEX VALUE_REGEX,"
                    + " Matching_keys_do_not_have_matching_values KEY_REGEX VALUE_REGEX. KEY may be a record accessor.");

    private static final List<Option<String>> RULES = List.of(SET, ADD, REMOVE, REMOVE_WILDCARD, REMOVE_REGEX, RENAME,
            HARD_RENAME, COPY, HARD_COPY, MOVE_TO_START, MOVE_TO_END);

    private static Option<String> rule(String name, String doc) { return Option.string(name).multiple().doc(doc); }

    @Override public String name() { return "modify"; }

    @Override public String description() {
        return "Changes records with rules (Set, Add, Remove, Rename, Copy, ...) under optional conditions. Matches Fluent Bit"
                + " where it surprises: rules take keys literally (no record accessor; conditions do accept one),"
                + " Remove_wildcard is a plain prefix (a trailing '*' is literal), Copy puts the new key first,"
                + " Set moves the key last, and values are always strings.";
    }

    @Override public ConfigSpec spec() {
        List<Option<?>> all = new ArrayList<>(RULES);
        all.add(CONDITION);
        return new ConfigSpec(all);
    }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        List<ModifyRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        // Rules run in the order the file lists them, across kinds (Set then Remove differs from Remove then Set).
        List<Located> lines = new ArrayList<>();
        for (Map.Entry<Option<String>, String> e : config.getAllInOrder(RULES)) lines.add(new Located(e.getKey(), e.getValue()));
        for (Located l : lines) {
            try {
                ModifyRule r = parseRule(l.option, l.value);
                if (r != null) rules.add(r);
                else PluginLog.of("filter:modify:" + config.instanceName()).warn(config.locationOf(l.option) + ": "
                        + l.option.name() + " '" + l.value + "' has too many words (quote a value with spaces); the rule is ignored, as Fluent Bit does");
            } catch (IllegalArgumentException e) {
                problems.add(config.locationOf(l.option) + ": [modify] " + l.option.name() + ": " + e.getMessage());
            }
        }
        List<ModifyCondition> conditions = new ArrayList<>();
        if (config.isSet(CONDITION)) {
            for (String v : config.getAll(CONDITION)) {
                try {
                    conditions.add(parseCondition(v));
                } catch (IllegalArgumentException e) {
                    problems.add(config.locationOf(CONDITION) + ": [modify] Condition: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        if (rules.isEmpty()) throw config.error("needs at least one rule (Set, Add, Remove, Rename, Copy, ...)");
        return new ModifyFilter(conditions, rules);
    }

    private record Located(Option<String> option, String value) {}

    /** Null when a two-word rule has extra words (Fluent Bit ignores such a rule). */
    static ModifyRule parseRule(Option<String> option, String value) {
        List<String> w = ConfigTokens.split(value);
        boolean oneArg = option == REMOVE || option == REMOVE_WILDCARD || option == REMOVE_REGEX
                || option == MOVE_TO_START || option == MOVE_TO_END;
        int want = oneArg ? 1 : 2;
        if (w.size() < want) throw new IllegalArgumentException("expected " + (oneArg ? "KEY" : "KEY VALUE") + ", got '" + value + "'");
        if (w.size() > want) {
            if (oneArg) throw new IllegalArgumentException("expected one KEY, got '" + value + "'");
            return null;
        }
        String a = w.get(0);
        String b = want == 2 ? w.get(1) : null;
        if (option == SET) return new ModifyRule.Set(a, b);
        if (option == ADD) return new ModifyRule.Add(a, b);
        if (option == REMOVE) return new ModifyRule.Remove(a);
        if (option == REMOVE_WILDCARD) return new ModifyRule.RemoveWildcard(a);
        if (option == REMOVE_REGEX) return new ModifyRule.RemoveRegex(OnigmoPattern.compile(a));
        if (option == RENAME) return new ModifyRule.Rename(a, b, false);
        if (option == HARD_RENAME) return new ModifyRule.Rename(a, b, true);
        if (option == COPY) return new ModifyRule.Copy(a, b, false);
        if (option == HARD_COPY) return new ModifyRule.Copy(a, b, true);
        if (option == MOVE_TO_START) return new ModifyRule.MoveToStart(a);
        return new ModifyRule.MoveToEnd(a);
    }

    static ModifyCondition parseCondition(String value) {
        List<String> w = ConfigTokens.split(value);
        if (w.isEmpty()) throw new IllegalArgumentException("empty condition");
        String kind = w.get(0).toLowerCase(Locale.ROOT);
        int args = switch (kind) {
            case "key_exists", "key_does_not_exist", "a_key_matches", "no_key_matches" -> 1;
            case "key_value_equals", "key_value_does_not_equal", "key_value_matches", "key_value_does_not_match",
                 "matching_keys_have_matching_values", "matching_keys_do_not_have_matching_values" -> 2;
            default -> throw new IllegalArgumentException("unknown condition '" + w.get(0) + "'");
        };
        if (w.size() != args + 1) {
            throw new IllegalArgumentException(w.get(0) + " takes " + args + (args == 1 ? " argument" : " arguments") + ", got '" + value + "'");
        }
        String a = w.get(1);
        String b = args == 2 ? w.get(2) : null;
        return switch (kind) {
            case "key_exists" -> new ModifyCondition.KeyExists(RecordAccessor.parse(a));
            case "key_does_not_exist" -> new ModifyCondition.KeyDoesNotExist(RecordAccessor.parse(a));
            case "a_key_matches" -> new ModifyCondition.AKeyMatches(OnigmoPattern.compile(a));
            case "no_key_matches" -> new ModifyCondition.NoKeyMatches(OnigmoPattern.compile(a));
            case "key_value_equals" -> new ModifyCondition.KeyValueEquals(RecordAccessor.parse(a), b, false);
            case "key_value_does_not_equal" -> new ModifyCondition.KeyValueEquals(RecordAccessor.parse(a), b, true);
            case "key_value_matches" -> new ModifyCondition.KeyValueMatches(RecordAccessor.parse(a), OnigmoPattern.compile(b), false);
            case "key_value_does_not_match" -> new ModifyCondition.KeyValueMatches(RecordAccessor.parse(a), OnigmoPattern.compile(b), true);
            case "matching_keys_have_matching_values" ->
                    new ModifyCondition.MatchingKeysHaveMatchingValues(OnigmoPattern.compile(a), OnigmoPattern.compile(b), false);
            default -> new ModifyCondition.MatchingKeysHaveMatchingValues(OnigmoPattern.compile(a), OnigmoPattern.compile(b), true);
        };
    }
}
