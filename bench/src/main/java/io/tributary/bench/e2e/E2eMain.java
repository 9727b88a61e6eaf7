package io.tributary.bench.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run e2e}: the side-by-side end-to-end benchmark. For each scenario and run, Fluent Bit (when
 * given) and Tributary are started in turn as their own processes with the same config, driven by the same
 * generator, and measured the same way; medians are printed with the Tributary/Fluent Bit ratios and appended
 * to {@code bench/RESULTS.md}.
 */
public final class E2eMain {
    private E2eMain() {}

    public static void main(String[] args) throws Exception {
        E2eOptions options;
        try {
            options = E2eOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) System.err.println("bench/run e2e: " + e.getMessage());
            System.err.print(E2eOptions.USAGE);
            System.exit(2);
            return;
        }
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        Path work = options.workDir().resolve(started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(work);
        System.out.println("work directory (configs, engine logs): " + work);

        Map<String, String> generatorRates = options.generatorCheck() ? generatorCeiling(options) : Map.of();
        TestCertificate cert = options.scenarios().stream().anyMatch(Scenario::aws)
                ? TestCertificate.create(work.resolve("tls")) : null;
        if (cert != null) AwsEndpoint.warmUp();
        ScenarioRun runner = new ScenarioRun(options, cert);
        ResultTable table = new ResultTable();
        List<String> failures = new ArrayList<>();
        for (Scenario s : options.scenarios()) {
            long records = options.recordsFor(s);
            List<EngineKind> engines = new ArrayList<>();
            if (options.fluentBitBinary().isPresent() && s.fluentBitHasIt() && options.engines().contains(EngineKind.FLUENT_BIT)) {
                engines.add(EngineKind.FLUENT_BIT);
            }
            if (options.engines().contains(EngineKind.TRIBUTARY)) engines.add(EngineKind.TRIBUTARY);
            Map<EngineKind, List<RunResult>> results = new LinkedHashMap<>();
            System.out.printf(Locale.ROOT, "%n== %s: %s, %s records, %d runs%s%n", s.name(), s.description(),
                    ResultTable.count(records), options.runs(),
                    options.warmup() > 0 ? ", each after " + ResultTable.count(options.warmup()) + " warm-up records" : "");
            for (int run = 1; run <= options.runs(); run++) {
                for (EngineKind engine : engines) {   // interleaved, so drift in the machine's load hits both alike
                    Path dir = work.resolve(s.name()).resolve(engine.name().toLowerCase() + "-" + run);
                    try {
                        RunResult r = runner.run(s, engine, run, records, dir);
                        results.computeIfAbsent(engine, k -> new ArrayList<>()).add(r);
                        printRun(r, s);
                    } catch (Exception e) {
                        String msg = s.name() + " / " + engine.label + " run " + run + " failed: " + e.getMessage();
                        failures.add(msg);
                        System.out.println("  " + msg);
                    }
                }
            }
            int recordBytes = s.generator().recordBytes();
            results.values().forEach(list -> table.add(Summary.of(list, recordBytes)));
        }
        String md = table.isEmpty() ? "(no run completed)\n" : table.markdown();
        System.out.println();
        System.out.print(md);
        if (options.results() != null) {
            appendResults(options, started, generatorRates, md, failures, args);
            System.out.println("\nappended to " + options.results());
        }
        if (!failures.isEmpty()) System.exit(1);
    }

    private static void printRun(RunResult r, Scenario s) {
        System.out.printf(Locale.ROOT, "  %-10s run %d: %s records in %.2f s = %s records/s, %.2f CPU-s per M, peak RSS %.0f MB"
                        + "%s%s%n", r.engine().label, r.run(), ResultTable.count(r.delivered()), r.seconds(),
                ResultTable.count(r.recordsPerSecond()), r.cpuSecondsPerMillion(), r.peakRssBytes() / 1e6,
                s.aws() ? String.format(Locale.ROOT, ", %.1f records/request, %s duplicates, %s lost; endpoint %.0f µs/request, %d connections",
                        r.recordsPerRequest(), ResultTable.count(r.duplicates()), ResultTable.count(r.lost()),
                        r.endpointMicrosPerRequest(), r.connections()) : "",
                r.note().isEmpty() ? "" : " [" + r.note() + "]");
    }

    /** The generator's own ceiling: the same blocks and connections into a server that only reads. */
    private static Map<String, String> generatorCeiling(E2eOptions options) throws Exception {
        Set<Scenario.Input> inputs = EnumSet.noneOf(Scenario.Input.class);
        options.scenarios().forEach(s -> inputs.add(s.input()));
        Map<String, String> rates = new LinkedHashMap<>();
        for (Scenario.Input in : inputs) {
            LoadGenerator gen = in == Scenario.Input.FORWARD ? new ForwardLoad() : new SyslogLoad();
            try (DiscardServer discard = new DiscardServer()) {
                InetSocketAddress at = discard.address();
                gen.send(at, 1_000_000, options.connections(), Duration.ofSeconds(60));   // warm-up
                LoadGenerator.Sent sent = gen.send(at, 10_000_000, options.connections(), Duration.ofSeconds(120));
                String line = String.format(Locale.ROOT, "%s records/s (%.0f MB/s) over %d connections",
                        ResultTable.count(sent.recordsPerSecond()),
                        sent.bytes() / (sent.nanos() / 1e9) / 1e6, options.connections());
                rates.put(gen.name(), line);
                System.out.println("generator ceiling, " + gen.name() + " into a discard server: " + line);
            }
        }
        return rates;
    }

    private static void appendResults(E2eOptions o, ZonedDateTime started, Map<String, String> generatorRates,
                                      String table, List<String> failures, String[] args) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (!Files.exists(o.results())) {
            sb.append("# End-to-end benchmark results\n\nAppended by `bench/run e2e` (bench/README.md says how to "
                    + "reproduce). Medians of the runs; rates from the generator's first byte to the sink's last "
                    + "count. Compare engines within one entry only: absolute figures drift with the machine's load.\n");
        }
        sb.append("\n## ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(": `bench/run e2e ").append(String.join(" ", args)).append("`\n\n");
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", load average before the run ").append(loadAverage()).append('\n');
        sb.append("- Tributary ").append(o.tributary()).append(" (git ")
                .append(command("git", "-C", o.tributary().getParent().toString(), "rev-parse", "--short", "HEAD"))
                .append(" of the tree it was built in) on Java ")
                .append(System.getProperty("java.version")).append("; ");
        sb.append(o.fluentBitBinary().map(p -> command(p.toString(), "--version").lines().findFirst().orElse("?"))
                .orElse("Fluent Bit not run")).append('\n');
        sb.append("- settings for both: Flush 1, Workers ").append(o.workers()).append(", scheduler.base ")
                .append(o.schedulerBase()).append(", scheduler.cap ").append(o.schedulerCap()).append(", ")
                .append(o.connections()).append(" generator connections, ").append(o.runs()).append(" runs")
                .append(o.warmup() > 0 ? ", measured after a warm-up of " + ResultTable.count(o.warmup()) + " records per run"
                        : ", no warm-up (JIT compilation counts in Tributary's CPU)").append('\n');
        generatorRates.forEach((k, v) -> sb.append("- generator ceiling, ").append(k).append(": ").append(v).append('\n'));
        sb.append('\n').append(table);
        for (String f : failures) sb.append("- FAILED: ").append(f.replace('\n', ' ')).append('\n');
        Files.writeString(o.results(), sb.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            return out.isEmpty() ? "?" : out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
