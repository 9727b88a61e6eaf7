package io.tributary.config;

import io.tributary.spi.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A section while its files are still being read. Values stay unexpanded until every file is read, because a
 * variable set later (an {@code @SET} further down, or in an included file) still applies, as in Fluent Bit.
 */
final class RawSection {
    private final String name;
    private final Location location;
    private final List<RawEntry> entries = new ArrayList<>();

    RawSection(String name, Location location) {
        this.name = name.toUpperCase(Locale.ROOT);
        this.location = location;
    }

    String name() { return name; }

    void add(String key, String value, Location where) { entries.add(new RawEntry(key, value, where)); }

    ConfigSection expand(Variables variables, List<String> problems) {
        List<ConfigEntry> out = new ArrayList<>(entries.size());
        for (RawEntry e : entries) {
            out.add(new ConfigEntry(e.key(), variables.expand(e.value(), e.location(), problems), e.location()));
        }
        return new ConfigSection(name, location, out);
    }
}
