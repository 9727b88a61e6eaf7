package io.tributary.config;

import io.tributary.spi.Location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the files an include names and guards against reading one twice.
 *
 * <p>A relative path is looked up next to the including file first, then next to the main config file.
 * Fluent Bit looks only next to the main file (and in the working directory), so a nested include written for it
 * still resolves here, while one written relative to its own file, as most people expect, works too. The working
 * directory is not searched: what a config means should not depend on where the process was started.
 *
 * <p>Like Fluent Bit, a file included a second time is an error (it would duplicate every input and its port),
 * and a cycle is reported with the chain of files that forms it.
 */
final class IncludeResolver {
    /** Fluent Bit's own limit on the number of files in one config. */
    static final int MAX_FILES = 1000;

    private final Path mainDirectory;
    private final List<Path> reading = new ArrayList<>();        // the include chain, outermost first
    private final List<String> readingNames = new ArrayList<>();
    private final Map<Path, Location> seen = new HashMap<>();
    private int files;

    IncludeResolver(Path mainFile) { this.mainDirectory = directoryOf(mainFile); }

    static Path directoryOf(Path file) {
        Path parent = file == null ? null : file.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /** The files an include refers to, in the order to read them; empty after adding a problem. */
    List<Path> resolve(String pattern, Path includingFile, Location at, ConfigProblems problems) {
        if (pattern.isEmpty()) {
            problems.add(at, "@INCLUDE needs a file name or pattern");
            return List.of();
        }
        Path here = directoryOf(includingFile);
        boolean absolute = Path.of(pattern).isAbsolute();
        List<Path> dirs = new ArrayList<>();
        dirs.add(here);
        if (!absolute && !here.normalize().equals(mainDirectory.normalize())) dirs.add(mainDirectory);
        if (Glob.isPattern(pattern)) {
            for (Path dir : dirs) {
                try {
                    List<Path> matches = Glob.expand(dir, pattern);
                    if (!matches.isEmpty()) return matches;
                } catch (IOException e) {
                    problems.add(at, "cannot expand include pattern '" + pattern + "': " + e.getMessage());
                    return List.of();
                }
            }
            problems.add(at, "include pattern '" + pattern + "' matches no file (looked in " + describe(dirs) + ")");
            return List.of();
        }
        for (Path dir : dirs) {
            Path candidate = dir.resolve(pattern).normalize();
            if (Files.exists(candidate)) return List.of(candidate);
        }
        problems.add(at, "cannot include '" + pattern + "': no such file (looked in " + describe(dirs) + ")");
        return List.of();
    }

    /**
     * Registers a file about to be read. Returns false, after adding a problem, when it is already being read (a
     * cycle) or was read before, or the config has grown past {@link #MAX_FILES} files.
     */
    boolean enter(Path file, String name, Location includedAt, ConfigProblems problems) {
        Path real = realPath(file);
        int cycleStart = reading.indexOf(real);
        if (cycleStart >= 0) {
            List<String> chain = new ArrayList<>(readingNames.subList(cycleStart, readingNames.size()));
            chain.add(name);
            problems.add(includedAt, "include cycle: " + String.join(" -> ", chain));
            return false;
        }
        Location first = seen.get(real);
        if (first != null) {
            problems.add(includedAt, "'" + name + "' is already included"
                    + (first.line() > 0 ? " at " + first : "") + "; a file can be included only once");
            return false;
        }
        if (++files > MAX_FILES) {
            problems.add(includedAt, "more than " + MAX_FILES + " config files; stopping");
            return false;
        }
        seen.put(real, includedAt);
        reading.add(real);
        readingNames.add(name);
        return true;
    }

    void leave() {
        reading.removeLast();
        readingNames.removeLast();
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String describe(List<Path> dirs) {
        List<String> names = new ArrayList<>();
        for (Path d : dirs) names.add(d.toString().isEmpty() ? "." : d.toString());
        return String.join(" and ", names);
    }
}
