package io.tributary.bench.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The medians of one engine's runs of one scenario. */
record Summary(Scenario scenario, EngineKind engine, int runs, long records, double recordsPerSecond,
               double megabytesPerSecond, double cpuPerMillion, double peakRssMb, double idleRssMb,
               double startupMs, double firstRecordMs, double recordsPerRequest, double fullShare, double duplicates, double lost,
               double dropped, String notes) {

    static Summary of(List<RunResult> runs, int recordBytes) {
        RunResult first = runs.get(0);
        StringBuilder notes = new StringBuilder();
        for (RunResult r : runs) {
            if (!r.note().isEmpty()) notes.append("run ").append(r.run()).append(": ").append(r.note()).append(' ');
        }
        return new Summary(first.scenario(), first.engine(), runs.size(), first.sent(),
                median(runs, RunResult::recordsPerSecond),
                median(runs, r -> r.megabytesPerSecond(recordBytes)),
                median(runs, RunResult::cpuSecondsPerMillion),
                median(runs, r -> r.peakRssBytes() / 1e6),
                median(runs, r -> r.idleRssBytes() / 1e6),
                median(runs, RunResult::startupMillis),
                median(runs, RunResult::firstRecordMillis),
                median(runs, RunResult::recordsPerRequest),
                median(runs, RunResult::fullRequestShare),
                median(runs, RunResult::duplicates),
                median(runs, RunResult::lost),
                median(runs, RunResult::dropped),
                notes.toString().trim());
    }

    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0 || Arrays.stream(v).anyMatch(Double::isNaN)) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
