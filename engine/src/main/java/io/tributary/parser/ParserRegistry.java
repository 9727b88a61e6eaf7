package io.tributary.parser;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;
import io.tributary.spi.MultilineParser;
import io.tributary.spi.Parser;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginLog;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parsers of one configuration: the built-in ones, then every {@code [PARSER]} and {@code [MULTILINE_PARSER]}
 * section (from the main file, {@code Parsers_File} and {@code -R}) in order, a later definition replacing an
 * earlier one of the same name. Names are matched exactly, as Fluent Bit does. Immutable and thread-safe.
 */
public final class ParserRegistry implements Parsers {
    private static final Set<String> PARSER_KEYS = Set.of("name", "format", "regex", "time_key", "time_format",
            "time_keep", "time_offset", "time_system_timezone", "types", "decode_field",
            "decode_field_as", "skip_empty_values", "logfmt_no_bare_keys");
    private static final Set<String> MULTILINE_KEYS = Set.of("name", "type", "flush_timeout", "rule", "parser",
            "key_content", "key_pattern", "key_group", "match_string", "negate");

    private final Map<String, Parser> parsers;
    private final Map<String, MultilineParser> multiline;

    private ParserRegistry(Map<String, Parser> parsers, Map<String, MultilineParser> multiline) {
        this.parsers = Collections.unmodifiableMap(parsers);
        this.multiline = Collections.unmodifiableMap(multiline);
    }

    /** Only the built-in parsers and multiline modes. */
    public static ParserRegistry builtIn() {
        try {
            return from(List.of(), List.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in parsers are invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the registry. Every problem in every section is reported together, each naming file:line, section
     * and parser, e.g. {@code conf/parsers.conf:12: [PARSER] apache: Time_Format: unsupported directive %Q}.
     */
    public static ParserRegistry from(List<ConfigSection> parserSections, List<ConfigSection> multilineSections)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<String, Parser> parsers = new LinkedHashMap<>();
        PluginLog log = PluginLog.of("parser");
        for (ConfigSection s : BuiltInParsers.sections()) {
            Parser p = buildParser(s, log, problems);
            if (p != null) parsers.put(p.name(), p);
        }
        for (ConfigSection s : parserSections) {
            Parser p = buildParser(s, log, problems);
            if (p != null) parsers.put(p.name(), p);
        }
        Map<String, MultilineParser> multiline = new LinkedHashMap<>(BuiltInMultilineParsers.create());
        for (ConfigSection s : multilineSections) {
            MultilineParser m = buildMultiline(s, parsers, problems);
            if (m != null) multiline.put(m.name(), m);
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new ParserRegistry(parsers, multiline);
    }

    @Override public Optional<Parser> find(String name) { return Optional.ofNullable(parsers.get(name)); }

    @Override public Set<String> names() { return new LinkedHashSet<>(parsers.keySet()); }

    @Override public Optional<MultilineParser> findMultiline(String name) { return Optional.ofNullable(multiline.get(name)); }

    @Override public Set<String> multilineNames() { return new LinkedHashSet<>(multiline.keySet()); }

    private static String where(ConfigSection s, String name) {
        return s.location() + ": [" + s.name().toUpperCase(Locale.ROOT) + "]" + (name == null ? "" : " " + name);
    }

    private static String where(ConfigSection s, String name, String key) {
        Location at = s.entry(key).map(ConfigEntry::location).orElse(s.location());
        return at + ": [" + s.name().toUpperCase(Locale.ROOT) + "] " + name + ": " + key;
    }

    private static Parser buildParser(ConfigSection s, PluginLog log, List<String> problems) {
        int before = problems.size();
        String name = s.get("Name").map(String::trim).orElse(null);
        if (name == null || name.isEmpty()) {
            problems.add(where(s, null) + ": missing Name");
            return null;
        }
        for (ConfigEntry e : s.entries()) {
            if (!PARSER_KEYS.contains(e.key().toLowerCase(Locale.ROOT))) {
                problems.add(e.location() + ": [PARSER] " + name + ": unknown key '" + e.key() + "'");
            }
        }
        String format = s.get("Format").map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (format == null) {
            problems.add(where(s, name) + ": missing Format (regex, json, logfmt or ltsv)");
            return null;
        }
        TimeFormat timeFormat = null;
        Optional<String> tf = s.get("Time_Format");
        if (tf.isPresent()) {
            try {
                timeFormat = TimeFormat.compile(tf.get());
            } catch (IllegalArgumentException e) {
                problems.add(where(s, name, "Time_Format") + ": " + e.getMessage());
            }
        }
        boolean keep = bool(s, name, "Time_Keep", false, problems);
        boolean systemZone = bool(s, name, "Time_System_Timezone", false, problems);
        boolean skipEmpty = bool(s, name, "Skip_Empty_Values", true, problems);
        boolean noBareKeys = bool(s, name, "Logfmt_No_Bare_Keys", false, problems);
        ZoneId zone = systemZone ? ZoneId.systemDefault() : ZoneOffset.UTC;
        Optional<String> offset = s.get("Time_Offset");
        if (offset.isPresent()) {
            try {
                zone = TimeExtraction.parseOffset(offset.get());
            } catch (IllegalArgumentException e) {
                problems.add(where(s, name, "Time_Offset") + ": " + e.getMessage());
            }
        }
        FieldTypes types = FieldTypes.NONE;
        Optional<String> typesText = s.get("Types");
        if (typesText.isPresent()) {
            try {
                types = FieldTypes.parse(typesText.get());
            } catch (IllegalArgumentException e) {
                problems.add(where(s, name, "Types") + ": " + e.getMessage());
            }
        }
        List<FieldDecoder> decoders = new ArrayList<>();
        for (ConfigEntry e : s.entries()) {
            boolean as = e.key().equalsIgnoreCase("Decode_Field_As");
            if (!as && !e.key().equalsIgnoreCase("Decode_Field")) continue;
            try {
                decoders.add(FieldDecoder.parse(e.value(), as));
            } catch (IllegalArgumentException ex) {
                problems.add(e.location() + ": [PARSER] " + name + ": " + e.key() + ": " + ex.getMessage());
            }
        }
        String timeKey = s.get("Time_Key").map(String::trim).orElse("time");
        ParserSettings settings = new ParserSettings(name, new TimeExtraction(timeKey, timeFormat, keep, zone), types,
                decoders, skipEmpty, new BurstLog(log));
        Parser parser = null;
        switch (format) {
            case "regex" -> {
                Optional<String> regex = s.get("Regex");
                if (regex.isEmpty() || regex.get().isBlank()) {
                    problems.add(where(s, name) + ": Format regex needs a Regex");
                } else {
                    try {
                        OnigmoPattern p = OnigmoPattern.compile(regex.get().trim());
                        if (p.nameCount() == 0) {
                            problems.add(where(s, name, "Regex") + ": has no named group (?<name>...), so it would produce no fields");
                        }
                        parser = new RegexFormatParser(settings, p);
                    } catch (IllegalArgumentException e) {
                        problems.add(where(s, name, "Regex") + ": " + e.getMessage());
                    }
                }
            }
            case "json" -> parser = new JsonFormatParser(settings);
            case "logfmt" -> parser = new LogfmtFormatParser(settings, noBareKeys);
            case "ltsv" -> parser = new LtsvFormatParser(settings);
            default -> problems.add(where(s, name, "Format") + ": unknown format '" + format + "' (regex, json, logfmt, ltsv)");
        }
        return problems.size() == before ? parser : null;
    }

    private static boolean bool(ConfigSection s, String name, String key, boolean dflt, List<String> problems) {
        Optional<String> v = s.get(key);
        if (v.isEmpty()) return dflt;
        switch (v.get().trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1": return true;
            case "off", "false", "no", "0": return false;
            default:
                problems.add(where(s, name, key) + ": '" + v.get() + "' is not on/off");
                return dflt;
        }
    }

    private static MultilineParser buildMultiline(ConfigSection s, Map<String, Parser> parsers, List<String> problems) {
        int before = problems.size();
        String name = s.get("name").map(String::trim).orElse(null);
        if (name == null || name.isEmpty()) {
            problems.add(where(s, null) + ": missing name");
            return null;
        }
        for (ConfigEntry e : s.entries()) {
            if (!MULTILINE_KEYS.contains(e.key().toLowerCase(Locale.ROOT))) {
                problems.add(e.location() + ": [MULTILINE_PARSER] " + name + ": unknown key '" + e.key() + "'");
            }
        }
        String type = s.get("type").map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (type == null) {
            problems.add(where(s, name) + ": missing type (regex, endswith or equal)");
            return null;
        }
        Duration flush = Duration.ofSeconds(5);
        Optional<String> ft = s.get("flush_timeout");
        if (ft.isPresent()) {
            try {
                long ms = Long.parseLong(ft.get().trim());
                if (ms <= 0) throw new NumberFormatException();
                flush = Duration.ofMillis(ms);
            } catch (NumberFormatException e) {
                problems.add(where(s, name, "flush_timeout") + ": '" + ft.get() + "' is not a positive number of milliseconds");
            }
        }
        String keyContent = s.get("key_content").map(String::trim).orElse(null);
        Parser lineParser = null;
        Optional<String> parserName = s.get("parser");
        if (parserName.isPresent()) {
            lineParser = parsers.get(parserName.get().trim());
            if (lineParser == null) problems.add(where(s, name, "parser") + ": no parser named '" + parserName.get().trim() + "'");
        }
        MultilineParser result = null;
        switch (type) {
            case "regex" -> {
                if (lineParser != null && keyContent == null) {
                    problems.add(where(s, name) + ": with a parser, key_content must name the parsed field that holds the text");
                }
                List<MultilineRule> rules = new ArrayList<>();
                int ruleErrors = problems.size();
                for (ConfigEntry e : s.entries()) {
                    if (!e.key().equalsIgnoreCase("rule")) continue;
                    try {
                        rules.add(parseRule(e.value()));
                    } catch (IllegalArgumentException ex) {
                        problems.add(e.location() + ": [MULTILINE_PARSER] " + name + ": rule: " + ex.getMessage());
                    }
                }
                if (problems.size() == ruleErrors && rules.stream().noneMatch(r -> r.from().equals(MultilineRule.START))) {
                    problems.add(where(s, name) + ": type regex needs at least one rule from \"start_state\"");
                }
                result = new RegexMultilineParser(name, rules, flush, keyContent, lineParser);
            }
            case "endswith", "equal", "eq" -> {
                String match = s.get("match_string").orElse(null);
                if (match == null) {
                    problems.add(where(s, name) + ": type " + type + " needs match_string");
                    break;
                }
                boolean negate = bool(s, name, "negate", false, problems);
                String group = s.get("key_group").map(String::trim).orElse(null);
                if (type.equals("endswith")) {
                    result = new JoinUntilMultilineParser(name, lineParser, keyContent, group,
                            (f, text) -> text.endsWith(match) != negate, flush);
                } else {
                    // equal compares key_pattern's value when there is one (CRI's "_p"), else the text itself.
                    String patternKey = s.get("key_pattern").map(String::trim).orElse(null);
                    result = new JoinUntilMultilineParser(name, lineParser, keyContent, group,
                            (f, text) -> (patternKey == null ? text.equals(match) : f.get(patternKey) instanceof String v && v.equals(match)) != negate,
                            flush);
                }
                if (lineParser != null && keyContent == null) {
                    problems.add(where(s, name) + ": with a parser, key_content must name the parsed field that holds the text");
                }
            }
            default -> problems.add(where(s, name, "type") + ": unknown type '" + type + "' (regex, endswith, equal)");
        }
        return problems.size() == before ? result : null;
    }

    /** Parses {@code "start_state" "/regex/" "next_state"} (quotes optional where the token has no space). */
    static MultilineRule parseRule(String value) {
        List<String> tokens = new ArrayList<>(3);
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n && value.charAt(j) != c) {
                    // Inside quotes only an escaped quote is special; regex escapes pass through untouched.
                    if (value.charAt(j) == '\\' && j + 1 < n && value.charAt(j + 1) == c) { sb.append(c); j += 2; continue; }
                    sb.append(value.charAt(j++));
                }
                if (j >= n) throw new IllegalArgumentException("unterminated quote in " + value);
                tokens.add(sb.toString());
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(value.charAt(j))) j++;
                tokens.add(value.substring(i, j));
                i = j;
            }
        }
        if (tokens.size() != 3) {
            throw new IllegalArgumentException("expected \"state\" \"/regex/\" \"next_state\", got " + tokens.size() + " parts in " + value);
        }
        return new MultilineRule(tokens.get(0), OnigmoPattern.compile(tokens.get(1)), tokens.get(2));
    }
}
