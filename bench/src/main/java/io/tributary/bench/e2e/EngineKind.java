package io.tributary.bench.e2e;

import java.nio.file.Path;
import java.util.List;

/** The two engines the harness measures, and how each is started with a config file. */
enum EngineKind {
    TRIBUTARY("Tributary"),
    FLUENT_BIT("Fluent Bit");

    final String label;

    EngineKind(String label) { this.label = label; }

    List<String> command(Path binary, Path config) { return List.of(binary.toString(), "-c", config.toString()); }
}
