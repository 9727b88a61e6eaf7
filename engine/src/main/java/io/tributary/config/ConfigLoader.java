package io.tributary.config;

import io.tributary.spi.ConfigException;

import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a Tributary (Fluent Bit) config: the classic format, or YAML for {@code .yaml}/{@code .yml} files, with
 * includes spliced in and {@code ${VAR}} expanded. Every problem found is reported together in one
 * {@link ConfigException}, one line each, each starting with {@code file:line:}.
 *
 * <p>Includes may mix formats: each included file is read by its own extension.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads {@code file}, choosing the format by its extension. */
    public static ConfigDocument load(Path file, Map<String, String> env) throws ConfigException {
        return read(file, env).document();
    }

    /** As {@link #load}, also returning the variables, to expand values given elsewhere (command line). */
    public static LoadedConfig read(Path file, Map<String, String> env) throws ConfigException {
        LoadSession session = new LoadSession(file, env);
        session.readMain();
        return session.finish();
    }

    /**
     * Parses classic-format text as if it were {@code pretendFile} (which need not exist): includes resolve next
     * to it and messages name it. With a null {@code pretendFile}, includes resolve against the working
     * directory and messages say {@code config text:LINE:}.
     */
    public static ConfigDocument parseClassic(String text, Path pretendFile, Map<String, String> env)
            throws ConfigException {
        return parse(text, pretendFile, env, false).document();
    }

    /** As {@link #parseClassic}, for YAML text. */
    public static ConfigDocument parseYaml(String text, Path pretendFile, Map<String, String> env)
            throws ConfigException {
        return parse(text, pretendFile, env, true).document();
    }

    /** Whether {@link #load} reads this file as YAML. */
    public static boolean isYaml(Path file) { return LoadSession.isYaml(file); }

    private static LoadedConfig parse(String text, Path pretendFile, Map<String, String> env, boolean yaml)
            throws ConfigException {
        LoadSession session = new LoadSession(pretendFile, env);
        session.parseMain(text, yaml);
        return session.finish();
    }
}
