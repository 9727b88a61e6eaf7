package io.tributary.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@code [MULTILINE_PARSER]} definition or a built-in mode ({@code docker}, {@code cri}, {@code java},
 * {@code python}, {@code go}): how lines that belong together are recognised. The definition is immutable and
 * shared; the state of one source of lines lives in the {@link MultilineStream}s it creates.
 */
public interface MultilineParser {
    String name();

    /** The record key that holds the text when the user names none ({@code log} for docker and cri). */
    Optional<String> keyContent();

    /** How long a message may wait for more lines before it is emitted as it is. */
    Duration flushTimeout();

    /** State for one source of lines (one file, one tag). */
    MultilineStream newStream();
}
