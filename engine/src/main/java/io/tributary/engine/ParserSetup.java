package io.tributary.engine;

import io.tributary.config.ConfigDocument;
import io.tributary.spi.Parsers;

import java.util.List;
import java.util.Map;

/** Builds the parser registry from [PARSER] sections and Parsers_File files. */
final class ParserSetup {
    private ParserSetup() {}

    static Parsers load(ConfigDocument doc, ServiceSettings service, Map<String, String> env, List<String> problems) {
        return Parsers.none();
    }
}
