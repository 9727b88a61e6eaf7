package io.tributary.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** What a plugin may consult while it is created and validated (also in a dry run). */
public interface PluginEnvironment {
    Parsers parsers();

    /** The process environment as the engine saw it; tests pass their own map instead of changing the real one. */
    Map<String, String> env();

    /** A {@code [SERVICE]} setting as written, looked up case-insensitively. */
    Optional<String> service(String key);

    /** {@code storage.path}, when filesystem storage is configured. */
    Optional<Path> storagePath();

    /** The directory of the main config file, for resolving relative paths. */
    Path configDirectory();
}
