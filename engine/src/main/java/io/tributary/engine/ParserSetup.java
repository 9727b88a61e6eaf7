package io.tributary.engine;

import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigSection;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Parsers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the parser registry from the [PARSER] and [MULTILINE_PARSER] sections of the main configuration and of
 * every {@code Parsers_File} (resolved against the main file's directory, as Fluent Bit does).
 */
final class ParserSetup {
    private ParserSetup() {}

    static Parsers load(ConfigDocument doc, ServiceSettings service, Map<String, String> env, List<String> problems) {
        List<ConfigSection> parsers = new ArrayList<>(doc.sections("PARSER"));
        List<ConfigSection> multiline = new ArrayList<>(doc.sections("MULTILINE_PARSER"));
        for (String file : service.getAll(ServiceSettings.PARSERS_FILE)) {
            Path path = doc.directory().resolve(file);
            try {
                ConfigDocument d = ConfigLoader.load(path, env);
                parsers.addAll(d.sections("PARSER"));
                multiline.addAll(d.sections("MULTILINE_PARSER"));
            } catch (ConfigException e) {
                problems.add(service.locationOf(ServiceSettings.PARSERS_FILE) + ": [SERVICE] Parsers_File '" + file
                        + "': " + e.getMessage());
            }
        }
        return registry(parsers, multiline, problems);
    }

    private static Parsers registry(List<ConfigSection> parsers, List<ConfigSection> multiline, List<String> problems) {
        try {
            return io.tributary.parser.ParserRegistry.from(parsers, multiline);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return io.tributary.parser.ParserRegistry.builtIn();
        }
    }
}
