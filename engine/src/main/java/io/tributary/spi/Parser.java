package io.tributary.spi;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A named parser from a {@code [PARSER]} section or a built-in one. Thread-safe. */
public interface Parser {
    String name();

    /** Parses one message; empty when it does not match. */
    Optional<ParsedRecord> parse(String text);

    default Optional<ParsedRecord> parse(byte[] data, int offset, int length) {
        return parse(new String(data, offset, length, StandardCharsets.UTF_8));
    }
}
