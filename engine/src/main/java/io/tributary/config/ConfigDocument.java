package io.tributary.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole configuration after includes and variables are resolved: the sections in the order they appear
 * (includes spliced in where they stand). Both the classic and the YAML format load into this.
 */
public record ConfigDocument(Path mainFile, List<ConfigSection> sections) {
    public ConfigDocument { sections = List.copyOf(sections); }

    public List<ConfigSection> sections(String name) {
        List<ConfigSection> out = new ArrayList<>();
        for (ConfigSection s : sections) if (s.is(name)) out.add(s);
        return out;
    }

    /** The directory relative paths in the config are resolved against. */
    public Path directory() {
        Path parent = mainFile == null ? null : mainFile.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
