package io.tributary.http;

import io.tributary.engine.Engine;
import io.tributary.engine.OutputInstance;
import io.tributary.engine.ServiceSettings;

import java.util.ArrayDeque;

/**
 * Fluent Bit's health check: output errors and retry failures (summed over all outputs) counted over the last
 * {@code HC_Period} seconds. The counters only grow, so the count in the period is the current total minus the
 * total at the oldest sample still inside the period; samples are taken once a second, as Fluent Bit does.
 * Unhealthy when either count is <em>greater than</em> its limit ({@code HC_Errors_Count},
 * {@code HC_Retry_Failure_Count}).
 */
final class HealthWindow {
    private record Sample(long nanos, double errors, double retriesFailed) {}

    /** The health as /api/v2/health reports it. */
    record State(boolean healthy, long errors, long retriesFailed, int errorLimit, int retryFailureLimit,
                 int periodSeconds, boolean enabled) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Records the current totals; called once a second from the HTTP server's own thread. */
    synchronized void sample(Engine engine, long nowNanos) {
        Sample s = totals(engine, nowNanos);
        Sample last = samples.peekLast();
        // A hot reload starts a new engine whose counters begin at zero: start the window again.
        if (last != null && (s.errors < last.errors || s.retriesFailed < last.retriesFailed)) samples.clear();
        samples.addLast(s);
        prune(nowNanos, periodNanos(engine));
    }

    synchronized State state(Engine engine, long nowNanos) {
        ServiceSettings service = engine.service();
        int errorLimit = service.get(ServiceSettings.HC_ERRORS_COUNT);
        int retryLimit = service.get(ServiceSettings.HC_RETRY_FAILURE_COUNT);
        int period = service.get(ServiceSettings.HC_PERIOD);
        boolean enabled = service.get(ServiceSettings.HEALTH_CHECK);
        prune(nowNanos, periodNanos(engine));
        Sample now = totals(engine, nowNanos);
        Sample oldest = samples.peekFirst();
        if (oldest == null || now.errors < oldest.errors || now.retriesFailed < oldest.retriesFailed) {
            return new State(true, 0, 0, errorLimit, retryLimit, period, enabled);
        }
        long errors = (long) (now.errors - oldest.errors);
        long failed = (long) (now.retriesFailed - oldest.retriesFailed);
        boolean healthy = !enabled || (errors <= errorLimit && failed <= retryLimit);
        return new State(healthy, errors, failed, errorLimit, retryLimit, period, enabled);
    }

    private void prune(long nowNanos, long periodNanos) {
        while (!samples.isEmpty() && nowNanos - samples.peekFirst().nanos > periodNanos) samples.removeFirst();
    }

    private static long periodNanos(Engine engine) {
        return engine.service().get(ServiceSettings.HC_PERIOD) * 1_000_000_000L;
    }

    private static Sample totals(Engine engine, long nowNanos) {
        double errors = 0;
        double failed = 0;
        for (OutputInstance o : engine.view().outputs()) {
            errors += o.outputMeters().errors();
            failed += o.outputMeters().retriesFailed();
        }
        return new Sample(nowNanos, errors, failed);
    }
}
