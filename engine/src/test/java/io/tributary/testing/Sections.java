package io.tributary.testing;

import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.spi.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds config documents in code: {@code Sections.doc(section("INPUT", "name", "push", "id", "a"), ...)}. */
public final class Sections {
    private Sections() {}

    public static ConfigSection section(String name, String... keyValues) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            entries.add(new ConfigEntry(keyValues[i], keyValues[i + 1], new Location("test.conf", i / 2 + 2)));
        }
        return new ConfigSection(name, new Location("test.conf", 1), entries);
    }

    public static ConfigDocument doc(ConfigSection... sections) {
        return new ConfigDocument(Path.of("test.conf"), List.of(sections));
    }
}
