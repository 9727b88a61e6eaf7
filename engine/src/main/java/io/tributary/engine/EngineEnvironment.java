package io.tributary.engine;

import io.tributary.spi.Parsers;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

record EngineEnvironment(Parsers parsers, Map<String, String> env, ServiceSettings service, Path configDirectory)
        implements PluginEnvironment {
    @Override public Optional<String> service(String key) { return service.raw(key); }

    @Override public Optional<Path> storagePath() { return service.storagePath(); }
}
