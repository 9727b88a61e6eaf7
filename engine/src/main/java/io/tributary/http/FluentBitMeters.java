package io.tributary.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.engine.Engine;
import io.tributary.engine.EngineView;
import io.tributary.engine.FilterInstance;
import io.tributary.engine.InputInstance;
import io.tributary.engine.OutputInstance;
import io.tributary.engine.StorageState;
import io.tributary.engine.Version;
import io.tributary.metrics.FilterMeters;
import io.tributary.metrics.InputMeters;
import io.tributary.metrics.OutputMeters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Fluent Bit's metrics, under Fluent Bit's names, labels and HELP texts, read from the running instances into a
 * registry built for one scrape. Dashboards and alerts written for Fluent Bit select on these names and on the
 * {@code name} label alone, so the {@code plugin} tag of Tributary's own meters is not carried over. The Prometheus
 * naming convention turns {@code fluentbit.output.proc.records} (a counter) into
 * {@code fluentbit_output_proc_records_total}. Tributary's additions go under {@code tributary.*}.
 *
 * <p>Two sets, as Fluent Bit has two: {@link Api#V1} ({@code /api/v1/metrics/prometheus}: the instance counters,
 * {@code fluentbit_uptime}, {@code process_start_time_seconds}, {@code fluentbit_build_info{version,edition}}) and
 * {@link Api#V2} ({@code /api/v2/metrics*}: the same counters with the v2 filter texts, {@code hostname} labels on
 * the process metrics, hot reload count, storage and per-input storage gauges).
 */
final class FluentBitMeters {
    enum Api { V1, V2 }

    private FluentBitMeters() {}

    static PrometheusMeterRegistry registry(ServerContext ctx, Engine engine, Api api) {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EngineView view = engine.view();
        List<InputInstance> inputs = new ArrayList<>(view.inputs());
        inputs.addAll(view.emitters());
        Tags host = Tags.of("hostname", ctx.hostname());
        Tags process = api == Api.V2 ? host : Tags.empty();

        gauge(r, "fluentbit.uptime", "Number of seconds that Fluent Bit has been running.", process, ctx,
                c -> c.uptimeSeconds());
        if (api == Api.V2) {
            gauge(r, "fluentbit.hot.reloaded.times", "Collect the count of hot reloaded times.", host, ctx,
                    c -> c.control().reloads());
        }

        for (InputInstance i : inputs) {
            Tags t = Tags.of("name", i.name());
            InputMeters m = i.inputMeters();
            counter(r, "fluentbit.input.bytes", "Number of input bytes.", t, m, InputMeters::bytes);
            counter(r, "fluentbit.input.records", "Number of input records.", t, m, InputMeters::records);
        }
        for (FilterInstance f : view.filters()) {
            Tags t = Tags.of("name", f.name());
            FilterMeters m = f.filterMeters();
            boolean v1 = api == Api.V1;
            // Fluent Bit's v1 exporter prints its generic text for filter metrics.
            counter(r, "fluentbit.filter.records", v1 ? "Fluentbit metrics." : "Total number of new records processed.",
                    t, m, FilterMeters::records);
            counter(r, "fluentbit.filter.add.records", v1 ? "Fluentbit metrics." : "Total number of new added records.",
                    t, m, FilterMeters::added);
            counter(r, "fluentbit.filter.drop.records", v1 ? "Fluentbit metrics." : "Total number of dropped records.",
                    t, m, FilterMeters::dropped);
        }
        for (OutputInstance o : view.outputs()) {
            Tags t = Tags.of("name", o.name());
            OutputMeters m = o.outputMeters();
            counter(r, "fluentbit.output.proc.records", "Number of processed output records.", t, m, OutputMeters::procRecords);
            counter(r, "fluentbit.output.proc.bytes", "Number of processed output bytes.", t, m, OutputMeters::procBytes);
            counter(r, "fluentbit.output.errors", "Number of output errors.", t, m, OutputMeters::errors);
            counter(r, "fluentbit.output.retries", "Number of output retries.", t, m, OutputMeters::retries);
            counter(r, "fluentbit.output.retries.failed",
                    "Number of abandoned batches because the maximum number of re-tries was reached.", t, m,
                    OutputMeters::retriesFailed);
            counter(r, "fluentbit.output.dropped.records", "Number of dropped records.", t, m, OutputMeters::droppedTotal);
        }

        double startSeconds = ctx.startedMillis() / 1000L;
        if (api == Api.V1) {
            gauge(r, "process.start.time.seconds", "Start time of the process since unix epoch in seconds.", Tags.empty(),
                    ctx, c -> startSeconds);
            // Prometheus treats *_info as an info metric whose value is 1, which is also Fluent Bit's v1 value.
            gauge(r, "fluentbit.build.info", "Build version information.",
                    Tags.of("version", Version.VERSION, "edition", BuildInfo.EDITION), ctx, c -> 1);
        } else {
            gauge(r, "fluentbit.process.start.time.seconds", "Start time of the process since unix epoch in seconds.",
                    host, ctx, c -> startSeconds);
            gauge(r, "fluentbit.build.info", "Build version information.", host.and("version", Version.VERSION, "os",
                    System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT)), ctx, c -> 1);
            storage(r, inputs);
        }
        extras(r, ctx, inputs, view.outputs());
        return r;
    }

    /** Fluent Bit's storage gauges, from each input's storage state (memory chunks are always up). */
    private static void storage(MeterRegistry r, List<InputInstance> inputs) {
        List<InputInstance> all = List.copyOf(inputs);
        ToDoubleFunction<List<InputInstance>> total = l -> l.stream().mapToDouble(StorageReport::chunks).sum();
        gauge(r, "fluentbit.storage.chunks", "Total number of chunks in the storage layer.", Tags.empty(), all, total);
        gauge(r, "fluentbit.storage.mem.chunks", "Total number of memory chunks.", Tags.empty(), all,
                l -> sum(l, false, StorageState::chunksTotal));
        gauge(r, "fluentbit.storage.fs.chunks", "Total number of filesystem chunks.", Tags.empty(), all,
                l -> sum(l, true, StorageState::chunksTotal));
        gauge(r, "fluentbit.storage.fs.chunks.up", "Total number of filesystem chunks up in memory.", Tags.empty(), all,
                l -> sum(l, true, StorageState::chunksUp));
        gauge(r, "fluentbit.storage.fs.chunks.down", "Total number of filesystem chunks down.", Tags.empty(), all,
                l -> sum(l, true, StorageState::chunksDown));
        for (InputInstance i : inputs) {
            Tags t = Tags.of("name", i.name());
            gauge(r, "fluentbit.input.ingestion.paused", "Is the input paused or not?", t, i, x -> x.isPaused() ? 1 : 0);
            gauge(r, "fluentbit.input.storage.overlimit", "Is the input memory usage overlimit ?.", t, i,
                    x -> x.memBufLimit() > 0 && x.bufferedBytes() >= x.memBufLimit() ? 1 : 0);
            gauge(r, "fluentbit.input.storage.memory.bytes", "Memory bytes used by the chunks.", t, i, InputInstance::bufferedBytes);
            gauge(r, "fluentbit.input.storage.chunks", "Total number of chunks.", t, i, StorageReport::chunks);
            gauge(r, "fluentbit.input.storage.chunks.up", "Total number of chunks up in memory.", t, i,
                    x -> x.storageState().chunksUp());
            gauge(r, "fluentbit.input.storage.chunks.down", "Total number of chunks down.", t, i,
                    x -> x.storageState().chunksDown());
            gauge(r, "fluentbit.input.storage.chunks.busy", "Total number of chunks in a busy state.", t, i,
                    InputInstance::busyChunks);
            gauge(r, "fluentbit.input.storage.chunks.busy.bytes", "Total number of bytes used by chunks in a busy state.",
                    t, i, InputInstance::busyBytes);
        }
    }

    private static double sum(List<InputInstance> inputs, boolean filesystem, java.util.function.ToIntFunction<StorageState> f) {
        double n = 0;
        for (InputInstance i : inputs) {
            StorageState st = i.storageState();
            if (st.type().equals("filesystem") == filesystem) n += f.applyAsInt(st);
        }
        return n;
    }

    /** Tributary's own gauges about buffering and flushing, which Fluent Bit does not export this way. */
    private static void extras(MeterRegistry r, ServerContext ctx, List<InputInstance> inputs, List<OutputInstance> outputs) {
        gauge(r, "tributary.hot.reloads", "Configuration reloads applied since start.", Tags.empty(), ctx,
                c -> c.control().reloads());
        for (InputInstance i : inputs) {
            Tags t = Tags.of("name", i.name(), "plugin", i.pluginName());
            gauge(r, "tributary.input.buffer.bytes", "Bytes buffered in memory for this input, not yet delivered.", t, i,
                    InputInstance::bufferedBytes);
            gauge(r, "tributary.input.mem.buf.limit.bytes", "Mem_Buf_Limit of this input (0: none).", t, i,
                    InputInstance::memBufLimit);
            gauge(r, "tributary.input.paused", "1 while the input is paused at Mem_Buf_Limit.", t, i,
                    x -> x.isPaused() ? 1 : 0);
            gauge(r, "tributary.input.chunks", "Chunks of this input by state (open: filling; busy: with outputs).",
                    t.and("state", "open"), i, InputInstance::openChunks);
            gauge(r, "tributary.input.chunks", "Chunks of this input by state (open: filling; busy: with outputs).",
                    t.and("state", "busy"), i, InputInstance::busyChunks);
        }
        for (OutputInstance o : outputs) {
            Tags t = Tags.of("name", o.name(), "plugin", o.pluginName());
            gauge(r, "tributary.output.pending.records", "Records queued, in flight or waiting for a retry.", t, o,
                    OutputInstance::pendingRecords);
            gauge(r, "tributary.output.pending.tasks", "Flush tasks queued, running or waiting for a retry.", t, o,
                    OutputInstance::pendingTasks);
        }
    }

    private static <T> void counter(MeterRegistry r, String name, String help, Tags tags, T source, ToDoubleFunction<T> f) {
        // Function counters hold their source weakly; the instances outlive the scrape, so that is enough.
        FunctionCounter.builder(name, source, f).description(help).tags(tags).register(r);
    }

    private static <T> void gauge(MeterRegistry r, String name, String help, Tags tags, T source, ToDoubleFunction<T> f) {
        Gauge.builder(name, source, f).description(help).tags(tags).strongReference(true).register(r);
    }
}
