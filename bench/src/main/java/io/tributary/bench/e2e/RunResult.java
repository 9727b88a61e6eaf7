package io.tributary.bench.e2e;

/**
 * One run of one scenario on one engine. Rates are over the time from the first byte the generator wrote to
 * the moment the sink had counted every record. AWS-only figures are NaN for {@code null} outputs.
 * {@code startupMillis}: process start to the input port accepting; {@code firstRecordMillis}: process start to
 * the sink counting a record sent as soon as the port accepted (one flush interval included).
 */
record RunResult(Scenario scenario, EngineKind engine, int run,
                 long sent, long unsent, long delivered, long duplicates, long dropped, boolean complete,
                 double seconds, double cpuSeconds, long peakRssBytes, long idleRssBytes, double startupMillis,
                 double firstRecordMillis,
                 long requests, double recordsPerRequest, double fullRequestShare, double endpointMicrosPerRequest,
                 long connections,
                 String note) {

    double recordsPerSecond() { return seconds > 0 ? delivered / seconds : 0; }

    double megabytesPerSecond(int recordBytes) { return recordsPerSecond() * recordBytes / 1e6; }

    double cpuSecondsPerMillion() { return delivered > 0 ? cpuSeconds / delivered * 1e6 : Double.NaN; }

    /** Records the generator handed over that the sink never counted. */
    long lost() { return Math.max(0, sent - delivered); }
}
