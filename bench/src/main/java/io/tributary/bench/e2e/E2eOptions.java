package io.tributary.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of {@code bench/run e2e}. */
record E2eOptions(Path tributary, Path fluentBit, List<Scenario> scenarios, long records, int runs, int connections,
                  int workers, String schedulerBase, String schedulerCap, Path results, Path workDir,
                  String tributaryJavaOpts, Duration sendTimeout, Duration completionTimeout, boolean generatorCheck,
                  java.util.Set<EngineKind> engines, long warmup) {

    static final String USAGE = """
            usage: bench/run e2e [options]
              --fluent-bit PATH      also run Fluent Bit (e.g. /tmp/fluent-bit) and print Tributary/Fluent Bit ratios
              --tributary PATH       Tributary launcher (default dist/target/tributary/bin/tributary)
              --scenario NAME[,..]   scenarios to run (default: all); repeatable. Known: %s
              --records N            records per run (default: each scenario's own)
              --engine NAME          only this engine: tributary or fluent-bit (default: both when --fluent-bit is given)
              --runs N               runs per engine and scenario; medians are reported (default 3)
              --warmup N             first send N records (numbered apart) and wait until the sink has them, then
                                     measure: steady-state cost, without the JIT's warm-up (default 0: none)
              --connections N        generator connections (default 4)
              --workers N            output Workers for both engines (default 1)
              --scheduler-base S     scheduler.base for both engines (default 1)
              --scheduler-cap S      scheduler.cap for both engines (default 5)
              --results FILE         append a dated entry here (default bench/RESULTS.md); --no-results: don't
              --work-dir DIR         configs, logs and recordings (default /tmp/tributary-e2e)
              --tributary-opts OPTS  TRIBUTARY_EXTRA_OPTS for Tributary; {dir} becomes the run's directory, e.g.
                                     "-XX:StartFlightRecording=filename={dir}/rec.jfr,settings=profile"
              --timeout SECONDS      bound of sending, and of waiting for the sink, per run (default 600)
              --skip-generator-check do not measure the generator against a discard server first
            """.formatted(String.join(", ", Scenario.ALL.stream().map(Scenario::name).toList()));

    static E2eOptions parse(String[] args) {
        Path tributary = Path.of("dist/target/tributary/bin/tributary");
        Path fluentBit = null;
        List<Scenario> scenarios = new ArrayList<>();
        long records = 0;
        long warmup = 0;
        int runs = 3;
        int connections = 4;
        int workers = 1;
        String base = "1";
        String cap = "5";
        Path results = Path.of("bench/RESULTS.md");
        Path work = Path.of("/tmp/tributary-e2e");
        String opts = "";
        Duration timeout = Duration.ofSeconds(600);
        boolean check = true;
        java.util.Set<EngineKind> engines = java.util.EnumSet.allOf(EngineKind.class);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--fluent-bit" -> fluentBit = Path.of(value(args, ++i, a));
                case "--tributary" -> tributary = Path.of(value(args, ++i, a));
                case "--scenario" -> {
                    for (String n : value(args, ++i, a).split(",")) {
                        scenarios.add(Scenario.named(n.trim()).orElseThrow(() -> new IllegalArgumentException(
                                "unknown scenario '" + n + "'; known: " + Scenario.ALL.stream().map(Scenario::name).toList())));
                    }
                }
                case "--records" -> records = positive(value(args, ++i, a), a);
                case "--warmup" -> warmup = positive(value(args, ++i, a), a);
                case "--runs" -> runs = (int) positive(value(args, ++i, a), a);
                case "--connections" -> connections = (int) positive(value(args, ++i, a), a);
                case "--workers" -> workers = (int) positive(value(args, ++i, a), a);
                case "--scheduler-base" -> base = value(args, ++i, a);
                case "--scheduler-cap" -> cap = value(args, ++i, a);
                case "--results" -> results = Path.of(value(args, ++i, a));
                case "--no-results" -> results = null;
                case "--work-dir" -> work = Path.of(value(args, ++i, a));
                case "--tributary-opts" -> opts = value(args, ++i, a);
                case "--timeout" -> timeout = Duration.ofSeconds(positive(value(args, ++i, a), a));
                case "--skip-generator-check" -> check = false;
                case "--engine" -> {
                    String e = value(args, ++i, a);
                    engines = java.util.EnumSet.of(switch (e) {
                        case "tributary" -> EngineKind.TRIBUTARY;
                        case "fluent-bit" -> EngineKind.FLUENT_BIT;
                        default -> throw new IllegalArgumentException("--engine takes tributary or fluent-bit, not " + e);
                    });
                }
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!Files.isExecutable(tributary)) {
            throw new IllegalArgumentException(tributary + " is not executable: build first (mvn -B -q package -DskipTests)");
        }
        if (fluentBit != null && !Files.isExecutable(fluentBit)) {
            throw new IllegalArgumentException(fluentBit + " is not executable (gunzip -c ../shared/anchors/fluent-bit/"
                    + "fluent-bit.gz > /tmp/fluent-bit && chmod +x /tmp/fluent-bit)");
        }
        if (scenarios.isEmpty()) scenarios.addAll(Scenario.ALL);
        return new E2eOptions(tributary.toAbsolutePath(), fluentBit == null ? null : fluentBit.toAbsolutePath(),
                List.copyOf(scenarios), records, runs, connections, workers, base, cap, results, work, opts,
                timeout, timeout, check, engines, warmup);
    }

    Optional<Path> fluentBitBinary() { return Optional.ofNullable(fluentBit); }

    long recordsFor(Scenario s) { return records > 0 ? records : s.defaultRecords(); }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static long positive(String v, String option) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number, not '" + v + "'");
    }
}
