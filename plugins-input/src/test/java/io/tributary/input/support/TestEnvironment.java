package io.tributary.input.support;

import io.tributary.spi.Parser;
import io.tributary.spi.Parsers;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A PluginEnvironment with the parsers a test gives it. */
public record TestEnvironment(Parsers parsers, Path configDirectory) implements PluginEnvironment {
    public static TestEnvironment with(Parser... parsers) {
        Map<String, Parser> byName = new LinkedHashMap<>();
        for (Parser p : parsers) byName.put(p.name().toLowerCase(java.util.Locale.ROOT), p);
        Parsers registry = new Parsers() {
            @Override public Optional<Parser> find(String name) {
                return Optional.ofNullable(byName.get(name.toLowerCase(java.util.Locale.ROOT)));
            }
            @Override public Set<String> names() { return byName.keySet(); }
        };
        return new TestEnvironment(registry, Path.of(".").toAbsolutePath());
    }

    @Override public Map<String, String> env() { return Map.of(); }
    @Override public Optional<String> service(String key) { return Optional.empty(); }
    @Override public Optional<Path> storagePath() { return Optional.empty(); }
}
