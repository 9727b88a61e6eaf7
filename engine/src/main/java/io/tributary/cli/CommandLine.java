package io.tributary.cli;

import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigSection;
import io.tributary.config.LoadedConfig;
import io.tributary.config.Variables;
import io.tributary.log.LogLevel;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.PluginType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fluent Bit's command line: {@code tributary -c app.conf}, or a pipeline from flags alone,
 * {@code tributary -i forward -p port=24224 -t app -o stdout -m '*'}.
 *
 * <p>Parsed by hand, the way getopt_long does it, because {@code -p}, {@code -t} and {@code -m} bind to the
 * {@code -i/-F/-o} before them, which option libraries model poorly. Accepted spellings are getopt's: clustered
 * short flags ({@code -vv}, {@code -vD}), attached or separate arguments ({@code -pport=1}, {@code -p port=1}),
 * {@code --long=value} or {@code --long value}, and unique prefixes of long names ({@code --conf}).
 *
 * <p>Differences from Fluent Bit, each where it silently does something else: a {@code -p} without {@code =},
 * a {@code -p/-t/-m} with no plugin before it, a {@code -m} after an input, a stray positional argument and a
 * second {@code -c} are errors rather than ignored. Flags override the file's {@code [SERVICE]}
 * ({@link #toDocument}); in Fluent Bit the file wins, so {@code fluent-bit -vv -c f.conf} with
 * {@code Log_Level info} logs at info, which surprises everyone who tries it.
 */
public final class CommandLine {
    private CommandLine() {}

    public static CliOptions parse(String... args) throws ConfigException {
        return new Parse().run(args);
    }

    /**
     * The one config to run: the {@code -c} file (if any) with the flag-built sections appended and the flag
     * service keys applied. All {@code [SERVICE]} sections become one, at the place of the first (or first in the
     * document when the file has none); a key set by a flag replaces the file's, except {@code Parsers_File}
     * ({@code -R}), which adds a file as Fluent Bit does. Flag values may use {@code ${VAR}}, expanded with the
     * file's variables and {@code env}, as Fluent Bit expands plugin properties.
     */
    public static ConfigDocument toDocument(CliOptions options, Map<String, String> env) throws ConfigException {
        LoadedConfig loaded = options.configFile().isPresent()
                ? ConfigLoader.read(options.configFile().get(), env)
                : new LoadedConfig(new ConfigDocument(null, List.of()), Variables.of(Map.of(), env));
        Variables variables = loaded.variables();
        List<String> problems = new ArrayList<>();

        List<ConfigEntry> flags = new ArrayList<>(options.serviceEntries());
        options.logLevel().ifPresent(l -> flags.add(
                new ConfigEntry("Log_Level", l.name().toLowerCase(Locale.ROOT), Location.COMMAND_LINE)));
        List<ConfigEntry> flagService = new ArrayList<>();
        Set<String> overridden = new HashSet<>();
        for (int i = flags.size() - 1; i >= 0; i--) {   // the last -f wins, as getopt's last value does
            ConfigEntry e = flags.get(i);
            String key = e.key().toLowerCase(Locale.ROOT);
            boolean adds = key.equals("parsers_file");
            if (!adds && !overridden.add(key)) continue;
            flagService.addFirst(expand(e, variables, problems));
        }

        List<ConfigSection> out = new ArrayList<>();
        int serviceIndex = 0;
        Location serviceAt = Location.COMMAND_LINE;
        List<ConfigEntry> service = new ArrayList<>();
        boolean fileHasService = false;
        for (ConfigSection s : loaded.document().sections()) {
            if (!s.is("SERVICE")) {
                out.add(s);
                continue;
            }
            if (!fileHasService) {
                fileHasService = true;
                serviceIndex = out.size();
                serviceAt = s.location();
            }
            for (ConfigEntry e : s.entries()) {
                if (!overridden.contains(e.key().toLowerCase(Locale.ROOT))) service.add(e);
            }
        }
        service.addAll(flagService);
        if (fileHasService || !service.isEmpty()) {
            out.add(serviceIndex, new ConfigSection("SERVICE", serviceAt, service));
        }
        for (ConfigSection s : options.sections()) {
            List<ConfigEntry> entries = new ArrayList<>();
            for (ConfigEntry e : s.entries()) entries.add(expand(e, variables, problems));
            out.add(new ConfigSection(s.name(), s.location(), entries));
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new ConfigDocument(loaded.document().mainFile(), out);
    }

    /**
     * Usage text in Fluent Bit's layout: the options, then the available plugins by kind. {@code program} is the
     * name to show ({@code tributary}).
     */
    public static String usage(String program, Collection<? extends PluginFactory> plugins) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(program).append(" [OPTION]\n\nAvailable Options\n");
        for (CliFlag f : CliFlag.values()) {
            if (!f.supported) continue;
            String name = (f.shortName != '\0' ? "-" + f.shortName + ", " : "    ") + "--" + f.longName
                    + (f.takesArgument() ? "=" + f.argument : "");
            row(out, name, f.description);
        }
        for (PluginType type : PluginType.values()) {
            List<PluginFactory> ofType = new ArrayList<>();
            for (PluginFactory p : plugins) if (p.type() == type) ofType.add(p);
            if (ofType.isEmpty()) continue;
            ofType.sort(Comparator.comparing(PluginFactory::name));
            String title = type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT) + "s";
            out.append('\n').append(title).append('\n');
            for (PluginFactory p : ofType) row(out, p.name(), p.description());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String description) {
        out.append("  ").append(name);
        // Fluent Bit pads names to 24 columns; a longer name gets its description on the same line after a space.
        out.append(" ".repeat(Math.max(1, 24 - name.length()))).append(description).append('\n');
    }

    private static ConfigEntry expand(ConfigEntry e, Variables variables, List<String> problems) {
        return new ConfigEntry(e.key(), variables.expand(e.value(), e.location(), problems), e.location());
    }

    /** The state of one parse. */
    private static final class Parse {
        private Path configFile;
        private final List<SectionBuilder> sections = new ArrayList<>();
        private final List<ConfigEntry> service = new ArrayList<>();
        private LogLevel logLevel;
        private boolean dryRun;
        private boolean version;
        private HelpRequest help;
        private final List<String> notes = new ArrayList<>();

        CliOptions run(String[] args) throws ConfigException {
            int i = 0;
            while (i < args.length && help == null && !version) {
                String arg = args[i++];
                if (arg.equals("--")) {
                    if (i < args.length) throw error("unexpected argument '" + args[i] + "'");
                    break;
                }
                if (arg.startsWith("--")) {
                    String body = arg.substring(2);
                    int eq = body.indexOf('=');
                    String name = eq < 0 ? body : body.substring(0, eq);
                    CliFlag flag = longFlag(name);
                    String value = eq < 0 ? null : body.substring(eq + 1);
                    if (flag.takesArgument() && value == null) {
                        if (i >= args.length) throw error("--" + flag.longName + " needs " + flag.argument);
                        value = args[i++];
                    } else if (!flag.takesArgument() && value != null) {
                        throw error("--" + flag.longName + " takes no value, got '" + arg + "'");
                    }
                    apply(flag, value);
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    for (int k = 1; k < arg.length() && help == null && !version; k++) {
                        char c = arg.charAt(k);
                        CliFlag flag = c == '\0' ? null : CliFlag.byShort(c);
                        if (flag == null) {
                            throw error("unknown option '-" + c + "'" + (arg.length() > 2 ? " in '" + arg + "'" : "")
                                    + "; see -h");
                        }
                        if (flag.takesArgument()) {
                            String value;
                            if (k + 1 < arg.length()) value = arg.substring(k + 1);
                            else if (i < args.length) value = args[i++];
                            else throw error("-" + c + " needs " + flag.argument);
                            apply(flag, value);
                            break;
                        }
                        apply(flag, null);
                    }
                } else {
                    throw error("unexpected argument '" + arg + "'"
                            + (arg.endsWith(".conf") || arg.endsWith(".yaml") || arg.endsWith(".yml")
                               ? " (a config file goes after -c)" : ""));
                }
            }
            List<ConfigSection> built = new ArrayList<>();
            for (SectionBuilder s : sections) built.add(s.build());
            return new CliOptions(Optional.ofNullable(configFile), built, service, Optional.ofNullable(logLevel),
                    dryRun, version, Optional.ofNullable(help), notes);
        }

        private void apply(CliFlag flag, String value) throws ConfigException {
            if (!flag.supported) {
                throw error(flag.spelling() + " is not supported by Tributary: " + flag.unsupportedReason);
            }
            switch (flag) {
                case CONFIG -> {
                    if (configFile != null) throw error("-c/--config given twice ('" + configFile + "', '" + value + "')");
                    if (value.isBlank()) throw error("-c/--config needs a file name");
                    configFile = Path.of(value);
                }
                case DRY_RUN -> dryRun = true;
                case STORAGE_PATH -> service(flag, "storage.path", value);
                case FLUSH -> service(flag, "Flush", value);
                case PARSER -> service(flag, "Parsers_File", value);
                case LOG_FILE -> service(flag, "Log_File", value);
                case HTTP -> service(flag, "HTTP_Server", "On");
                case HTTP_LISTEN -> service(flag, "HTTP_Listen", value);
                case PORT -> service(flag, "HTTP_Port", value);
                case HOT_RELOAD -> service(flag, "Hot_Reload", "On");
                case INPUT -> plugin("INPUT", flag, value);
                case FILTER -> plugin("FILTER", flag, value);
                case OUTPUT -> plugin("OUTPUT", flag, value);
                case CUSTOM -> plugin("CUSTOM", flag, value);
                case PROP -> {
                    SectionBuilder s = current(flag, value);
                    int eq = value.indexOf('=');
                    String key = eq < 0 ? "" : value.substring(0, eq).strip();
                    if (eq < 0 || key.isEmpty()) {
                        throw error("-p/--prop expects key=value, got '" + value + "'");
                    }
                    s.add(key, value.substring(eq + 1).strip());
                }
                case TAG -> current(flag, value).add("Tag", value);
                case MATCH -> {
                    SectionBuilder s = current(flag, value);
                    if (!s.name.equals("FILTER") && !s.name.equals("OUTPUT")) {
                        throw error("-m/--match '" + value + "' follows " + s.describe() + "; only filters (-F) and"
                                + " outputs (-o) have a Match (an input's tag is -t)");
                    }
                    s.add("Match", value);
                }
                case VERBOSE -> {
                    // Fluent Bit counts up from info, or from off after -q.
                    LogLevel from = logLevel == null ? LogLevel.INFO : logLevel;
                    logLevel = LogLevel.values()[Math.min(from.ordinal() + 1, LogLevel.TRACE.ordinal())];
                }
                case QUIET -> logLevel = LogLevel.OFF;
                case VERSION -> version = true;
                case HELP -> help = sections.isEmpty() ? HelpRequest.GENERAL
                        : new HelpRequest(sections.getLast().name, sections.getLast().plugin);
                case EXTERNAL_PLUGIN -> notes.add("ignoring -e " + value + ": Tributary does not load shared-library"
                        + " plugins; the AWS Go plugins' outputs (kinesis, firehose) are built in");
                case CORO_STACK_SIZE -> notes.add("ignoring -s " + value + ": Tributary runs no coroutines");
                default -> throw new IllegalStateException("flag without handling: " + flag);
            }
        }

        private void service(CliFlag flag, String key, String value) throws ConfigException {
            if (value.isBlank()) throw error(flag.spelling() + " needs " + flag.argument);
            service.add(new ConfigEntry(key, value.strip(), Location.COMMAND_LINE));
        }

        private void plugin(String section, CliFlag flag, String name) throws ConfigException {
            if (name.isBlank()) throw error(flag.spelling() + " needs a plugin name");
            SectionBuilder s = new SectionBuilder(section, name.strip());
            s.add("Name", name.strip());
            sections.add(s);
        }

        private SectionBuilder current(CliFlag flag, String value) throws ConfigException {
            if (sections.isEmpty()) {
                throw error(flag.spelling() + " '" + value + "' comes before any -i/-F/-o; it sets an option of the"
                        + " plugin named before it");
            }
            return sections.getLast();
        }

        private static CliFlag longFlag(String name) throws ConfigException {
            List<CliFlag> prefixed = new ArrayList<>();
            for (CliFlag f : CliFlag.values()) {
                if (f.longName.equals(name) || f.otherLongNames.contains(name)) return f;
                if (!name.isEmpty() && (f.longName.startsWith(name)
                        || f.otherLongNames.stream().anyMatch(o -> o.startsWith(name)))) {
                    prefixed.add(f);
                }
            }
            if (prefixed.size() == 1) return prefixed.getFirst();
            if (prefixed.size() > 1) {
                List<String> names = new ArrayList<>();
                for (CliFlag f : prefixed) names.add("--" + f.longName);
                throw error("option '--" + name + "' is ambiguous: " + String.join(", ", names));
            }
            throw error("unknown option '--" + name + "'" + suggestion(name) + "; see -h");
        }

        private static String suggestion(String name) {
            CliFlag best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (CliFlag f : CliFlag.values()) {
                if (!f.supported) continue;
                int d = editDistance(name, f.longName);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = f;
                }
            }
            return best != null && bestDistance <= 2 ? " (did you mean --" + best.longName + "?)" : "";
        }

        private static int editDistance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) prev[j] = j;
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }

        private static ConfigException error(String message) {
            return new ConfigException(Location.COMMAND_LINE + ": " + message);
        }
    }

    /** A flag-built section while its -p/-t/-m are still arriving. */
    private static final class SectionBuilder {
        final String name;
        final String plugin;
        final List<ConfigEntry> entries = new ArrayList<>();

        SectionBuilder(String name, String plugin) {
            this.name = name;
            this.plugin = plugin;
        }

        void add(String key, String value) { entries.add(new ConfigEntry(key, value, Location.COMMAND_LINE)); }

        String describe() { return "[" + name + "] " + plugin; }

        ConfigSection build() { return new ConfigSection(name, Location.COMMAND_LINE, entries); }
    }
}
