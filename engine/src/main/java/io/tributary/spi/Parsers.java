package io.tributary.spi;

import java.util.Optional;
import java.util.Set;

/** The parsers a config defines ({@code [PARSER]}, {@code Parsers_File}, {@code -R}) plus the built-in ones. */
public interface Parsers {
    Optional<Parser> find(String name);

    Set<String> names();

    /** A {@code [MULTILINE_PARSER]} or built-in multiline mode by name. */
    default Optional<MultilineParser> findMultiline(String name) { return Optional.empty(); }

    /** The names {@link #findMultiline} knows. */
    default Set<String> multilineNames() { return Set.of(); }

    static Parsers none() {
        return new Parsers() {
            @Override public Optional<Parser> find(String name) { return Optional.empty(); }
            @Override public Set<String> names() { return Set.of(); }
        };
    }
}
