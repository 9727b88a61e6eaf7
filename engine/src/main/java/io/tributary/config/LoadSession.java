package io.tributary.config;

import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The state of one load: every file read so far, in order, with includes spliced in where they stand.
 *
 * <p>Loading has two steps, as in Fluent Bit. Reading collects sections with raw values and the variables the
 * config defines; expanding then replaces {@code ${VAR}} in every value. So a variable means the same thing
 * everywhere, its last definition, even in lines above the {@code @SET}. Only include paths and the values of
 * variable definitions are expanded while reading, with what is defined by then.
 */
final class LoadSession {
    private final Path mainFile;
    private final Map<String, String> env;
    private final ConfigProblems problems = new ConfigProblems();
    private final List<RawSection> sections = new ArrayList<>();
    private final Map<String, String> defined = new LinkedHashMap<>();
    private final Variables soFar;
    private final IncludeResolver includes;
    private Location yamlServiceAt;

    LoadSession(Path mainFile, Map<String, String> env) {
        this.mainFile = mainFile;
        this.env = Map.copyOf(env);
        this.soFar = Variables.live(defined, this.env);
        this.includes = new IncludeResolver(mainFile);
    }

    static boolean isYaml(Path file) {
        if (file == null || file.getFileName() == null) return false;
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    ConfigProblems problems() { return problems; }

    void readMain() {
        readFile(mainFile, new Location(mainFile.toString(), 0), true);
    }

    /** Parses text standing for {@code mainFile} (which need not exist); includes resolve next to it. */
    void parseMain(String text, boolean yaml) {
        SourceFile src = SourceFile.of(mainFile, text);
        boolean registered = mainFile != null
                && includes.enter(mainFile, src.display(), new Location(src.display(), 0), problems);
        try {
            parse(src, yaml);
        } finally {
            if (registered) includes.leave();
        }
    }

    RawSection openSection(String name, Location at) {
        RawSection s = new RawSection(name, at);
        sections.add(s);
        return s;
    }

    /** {@code @SET name=value} or a YAML {@code env} entry; the value may use variables defined before it. */
    void define(String name, String rawValue, Location at) {
        String value = expandNow(rawValue, at);
        defined.remove(name);
        defined.put(name, value);
    }

    /** Expands with the variables defined so far (include paths, variable values). */
    String expandNow(String text, Location at) {
        List<String> found = new ArrayList<>();
        String out = soFar.expand(text, at, found);
        problems.addAll(found);
        return out;
    }

    void include(String rawPattern, SourceFile from, Location at) {
        String pattern = expandNow(rawPattern.strip(), at);
        for (Path file : includes.resolve(pattern, from.path(), at, problems)) readFile(file, at, false);
    }

    /** YAML allows one {@code service} map in the whole config, included files counted (as Fluent Bit). */
    boolean claimYamlService(Location at) {
        if (yamlServiceAt != null) {
            problems.add(at, "'service' is defined twice (first at " + yamlServiceAt + "); merge them into one");
            return false;
        }
        yamlServiceAt = at;
        return true;
    }

    void problem(Location at, String message) { problems.add(at, message); }

    LoadedConfig finish() throws ConfigException {
        Variables variables = Variables.of(defined, env);
        List<String> found = new ArrayList<>();
        List<ConfigSection> out = new ArrayList<>(sections.size());
        for (RawSection s : sections) out.add(s.expand(variables, found));
        problems.addAll(found);
        problems.throwIfAny();
        return new LoadedConfig(new ConfigDocument(mainFile, out), variables);
    }

    private void readFile(Path file, Location includedAt, boolean main) {
        String name = file.toString();
        if (!includes.enter(file, name, includedAt, problems)) return;
        try {
            SourceFile src = SourceFile.read(file);
            parse(src, isYaml(file));
        } catch (SourceFile.UnreadableFileException e) {
            if (e.line > 0) {
                problems.add(new Location(name, e.line), e.getMessage());
            } else if (main) {
                problems.add(includedAt, "cannot read config file: " + e.getMessage());
            } else {
                problems.add(includedAt, "cannot include '" + name + "': " + e.getMessage());
            }
        } finally {
            includes.leave();
        }
    }

    private void parse(SourceFile src, boolean yaml) {
        if (yaml) new YamlConfigParser(this).parse(src);
        else new ClassicConfigParser(this).parse(src);
    }
}
