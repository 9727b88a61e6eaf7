package io.tributary.input.pipe;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.Parser;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Options of the named_pipe input (a FIFO that rsyslog's ompipe or any other writer feeds lines into). */
final class NamedPipeConfig {
    private NamedPipeConfig() {}

    static final Option<String> PATH = Option.string("path").required()
            .doc("The FIFO to read; relative paths are resolved against the config file's directory.");
    static final Option<Boolean> CREATE = Option.bool("create").defaultValue("on")
            .doc("Create the FIFO if it does not exist.");
    static final Option<String> PERM = Option.string("perm").defaultValue("0644")
            .doc("Permissions (octal) of a FIFO this input creates.");
    static final Option<String> FORMAT = Option.choice("format", "line", "json").defaultValue("line")
            .doc("line: each line becomes {key: line}; json: each line is a JSON object. Parser overrides it.");
    static final Option<String> PARSER = Option.string("parser")
            .doc("A [PARSER] that turns each line into a record; lines it does not match keep their text under key.");
    static final Option<String> KEY = Option.string("key").defaultValue("message")
            .doc("Key of the line's text for format line and for lines that do not parse.");
    static final Option<Long> BUFFER_CHUNK_SIZE = Option.size("buffer_chunk_size").defaultValue("64k").atLeast(512)
            .atMost(64L << 20).doc("Bytes read from the pipe at a time.");
    static final Option<Long> BUFFER_MAX_SIZE = Option.size("buffer_max_size").defaultValue("1M").atLeast(512)
            .atMost(256L << 20).doc("Longest line accepted; a longer one is skipped and counted as dropped (reason oversize).");

    static final ConfigSpec SPEC = ConfigSpec.of(PATH, CREATE, PERM, FORMAT, PARSER, KEY, BUFFER_CHUNK_SIZE, BUFFER_MAX_SIZE);

    record Settings(Path path, boolean create, int perm, boolean json, Parser parser, String key, int chunkBytes, int maxLineBytes) {
        static Settings from(PluginConfig c, PluginEnvironment env) throws ConfigException {
            List<String> problems = new ArrayList<>();
            Path p = Path.of(c.get(PATH));
            if (!p.isAbsolute()) p = env.configDirectory().resolve(p);
            int perm = 0644;
            try {
                perm = Integer.parseInt(c.get(PERM).trim(), 8) & 0777;
            } catch (NumberFormatException e) {
                problems.add(c.error(PERM, "'" + c.get(PERM) + "' is not an octal mode such as 0644").getMessage());
            }
            Parser parser = null;
            String name = c.get(PARSER);
            if (name != null) {
                Optional<Parser> found = env.parsers().find(name);
                if (found.isEmpty()) {
                    problems.add(c.error(PARSER, "no parser named '" + name + "' (known: "
                            + String.join(", ", new TreeSet<>(env.parsers().names())) + ")").getMessage());
                } else {
                    parser = found.get();
                }
            }
            long chunk = c.get(BUFFER_CHUNK_SIZE);
            long max = c.get(BUFFER_MAX_SIZE);
            if (!problems.isEmpty()) throw new ConfigException(problems);
            return new Settings(p, c.get(CREATE), perm, "json".equals(c.get(FORMAT)), parser, c.get(KEY), (int) chunk, (int) max);
        }
    }
}
