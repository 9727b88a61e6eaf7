package io.tributary.filter;

import io.tributary.parser.JsonText;
import io.tributary.parser.ParserRegistry;
import io.tributary.record.EventTime;
import io.tributary.record.JsonWriter;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates filters from option pairs and runs records written as JSON through them. */
public final class FilterHarness {
    private FilterHarness() {}

    public static final EventTime T0 = new EventTime(1_700_000_000L, 0);

    public static PluginEnvironment environment(Parsers parsers, Map<String, String> env) {
        return new PluginEnvironment() {
            @Override public Parsers parsers() { return parsers; }
            @Override public Map<String, String> env() { return env; }
            @Override public Optional<String> service(String key) { return Optional.empty(); }
            @Override public Optional<Path> storagePath() { return Optional.empty(); }
            @Override public Path configDirectory() { return Path.of("."); }
        };
    }

    public static FilterPlugin create(FilterFactory f, String... keyValues) throws ConfigException {
        return create(f, ParserRegistry.builtIn(), Map.of(), keyValues);
    }

    public static FilterPlugin create(FilterFactory f, Parsers parsers, Map<String, String> env, String... keyValues)
            throws ConfigException {
        return f.create(new TestConfig(f.name(), f.spec(), keyValues), environment(parsers, env));
    }

    @SuppressWarnings("unchecked")
    public static LogEvent event(String json) {
        try {
            return new LogEvent(T0, (Map<String, Object>) JsonText.parse(json));
        } catch (JsonText.JsonSyntaxException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static List<LogEvent> events(String... json) {
        List<LogEvent> out = new ArrayList<>();
        for (String j : json) out.add(event(j));
        return out;
    }

    public static String json(Map<String, Object> body) { return new JsonWriter().value(body).toString(); }

    /** Runs the records through the filter; returns the resulting bodies as JSON, in order. */
    public static List<String> run(FilterPlugin filter, String tag, String... records) {
        List<LogEvent> list = events(records);
        filter.filter(tag, list);
        List<String> out = new ArrayList<>();
        for (LogEvent e : list) out.add(json(e.body()));
        return out;
    }

    /** Strips spaces outside strings so expected JSON can be written readably. */
    public static String compact(String json) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) inString = !inString;
            if (!inString && c == ' ') continue;
            sb.append(c);
        }
        return sb.toString();
    }
}
