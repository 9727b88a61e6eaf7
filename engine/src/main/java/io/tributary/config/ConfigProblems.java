package io.tributary.config;

import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found while loading one config, in the order they were found. Loading goes on after a problem
 * so that one run reports everything wrong with a file, not just the first mistake.
 */
final class ConfigProblems {
    private final List<String> problems = new ArrayList<>();

    void add(Location where, String problem) { problems.add(where + ": " + problem); }

    /** Records problems already formatted as {@code where: what} (from {@link Variables#expand}). */
    void addAll(List<String> formatted) { problems.addAll(formatted); }

    boolean isEmpty() { return problems.isEmpty(); }

    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }
}
