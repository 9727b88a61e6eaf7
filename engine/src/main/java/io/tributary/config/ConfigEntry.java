package io.tributary.config;

import io.tributary.spi.Location;

/** One {@code key value} line of a section, after variable expansion, with where it was written. */
public record ConfigEntry(String key, String value, Location location) {}
