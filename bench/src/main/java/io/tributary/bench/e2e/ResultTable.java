package io.tributary.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results as a Markdown table (readable in a terminal too): one row per scenario and engine, then a row of
 * Tributary/Fluent Bit ratios where both ran.
 */
final class ResultTable {
    private final List<Summary> rows = new ArrayList<>();

    void add(Summary s) { rows.add(s); }

    boolean isEmpty() { return rows.isEmpty(); }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| scenario | engine | records | records/s | MB/s | CPU-s per M | peak RSS MB | idle RSS MB | start ms "
                + "| first record ms | records/request | full batches | duplicates | lost | dropped |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<String> notes = new ArrayList<>();
        for (Scenario sc : Scenario.ALL) {
            Optional<Summary> t = find(sc, EngineKind.TRIBUTARY);
            Optional<Summary> f = find(sc, EngineKind.FLUENT_BIT);
            for (Optional<Summary> o : List.of(f, t)) {
                if (o.isEmpty()) continue;
                Summary s = o.get();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        sc.name(), s.engine().label, count(s.records()), count(s.recordsPerSecond()),
                        num(s.megabytesPerSecond(), 1), num(s.cpuPerMillion(), 2), num(s.peakRssMb(), 0),
                        num(s.idleRssMb(), 0), num(s.startupMs(), 0), num(s.firstRecordMs(), 0), num(s.recordsPerRequest(), 1),
                        pct(s.fullShare()), count(s.duplicates()), count(s.lost()), count(s.dropped())));
                if (!s.notes().isEmpty()) notes.add(sc.name() + " / " + s.engine().label + ": " + s.notes());
            }
            if (t.isPresent() && f.isPresent()) {
                sb.append(String.format(Locale.ROOT, "| %s | **Tributary/Fluent Bit** | | **%s** | %s | **%s** | **%s** | %s | %s | %s | | | | | |%n",
                        sc.name(), ratio(t.get().recordsPerSecond(), f.get().recordsPerSecond()),
                        ratio(t.get().megabytesPerSecond(), f.get().megabytesPerSecond()),
                        ratio(t.get().cpuPerMillion(), f.get().cpuPerMillion()),
                        ratio(t.get().peakRssMb(), f.get().peakRssMb()),
                        ratio(t.get().idleRssMb(), f.get().idleRssMb()),
                        ratio(t.get().startupMs(), f.get().startupMs()),
                        ratio(t.get().firstRecordMs(), f.get().firstRecordMs())));
            }
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) sb.append("- ").append(n).append('\n');
        }
        return sb.toString();
    }

    private Optional<Summary> find(Scenario sc, EngineKind e) {
        return rows.stream().filter(s -> s.scenario() == sc && s.engine() == e).findFirst();
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pct(double v) { return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f%%", v * 100); }

    /** 1234567 → 1.23M, 45600 → 45.6k. */
    static String count(double v) {
        if (Double.isNaN(v)) return "–";
        if (v >= 1e6) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        if (v >= 1e4) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
