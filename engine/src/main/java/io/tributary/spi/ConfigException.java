package io.tributary.spi;

import java.util.List;

/**
 * A configuration problem found before anything starts. The message names where and what, in the shape
 * {@code conf/app.conf:14: [OUTPUT] kinesis_streams: unknown key 'strem' (did you mean 'stream'?)}.
 * Several problems can travel together so that one run reports all of them.
 */
public class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(String problem) {
        super(problem);
        this.problems = List.of(problem);
    }

    public ConfigException(Location where, String problem) {
        this(where + ": " + problem);
    }

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
