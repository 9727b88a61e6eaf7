package io.tributary.config;

import io.tributary.spi.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One section: {@code SERVICE}, {@code INPUT}, {@code FILTER}, {@code OUTPUT}, {@code PARSER},
 * {@code MULTILINE_PARSER} (names upper-cased), with its entries in file order. Keys may repeat (modify's
 * {@code Set}, a multiline parser's {@code rule}).
 */
public record ConfigSection(String name, Location location, List<ConfigEntry> entries) {
    public ConfigSection { entries = List.copyOf(entries); }

    /** The first value of a key, case-insensitively. */
    public Optional<String> get(String key) {
        for (ConfigEntry e : entries) if (e.key().equalsIgnoreCase(key)) return Optional.of(e.value());
        return Optional.empty();
    }

    public Optional<ConfigEntry> entry(String key) {
        for (ConfigEntry e : entries) if (e.key().equalsIgnoreCase(key)) return Optional.of(e);
        return Optional.empty();
    }

    public List<String> getAll(String key) {
        List<String> out = new ArrayList<>();
        for (ConfigEntry e : entries) if (e.key().equalsIgnoreCase(key)) out.add(e.value());
        return out;
    }

    public boolean is(String sectionName) { return name.equalsIgnoreCase(sectionName); }
}
