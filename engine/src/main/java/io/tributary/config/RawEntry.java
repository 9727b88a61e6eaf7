package io.tributary.config;

import io.tributary.spi.Location;

/** A {@code key value} pair as written, before {@code ${VAR}} expansion. */
record RawEntry(String key, String value, Location location) {}
