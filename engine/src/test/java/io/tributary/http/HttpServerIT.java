package io.tributary.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.config.ConfigSection;
import io.tributary.engine.Engine;
import io.tributary.engine.PipelineControl;
import io.tributary.engine.PluginCatalog;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.InputContext;
import io.tributary.spi.PluginFactory;
import io.tributary.spi.StoreException;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import io.tributary.testing.Sections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint against a real engine (push input, collect output) and the server on 127.0.0.1. */
class HttpServerIT {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)(\\s+\\d+)?$");

    private Engine engine;
    private HttpServer server;
    private FakePipelineControl control;
    private Http http;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (engine != null) engine.stop(Duration.ofSeconds(2));
    }

    private void start(List<String> service, MeterRegistry registry, ConfigSection... rest) throws Exception {
        List<String> keys = new ArrayList<>(List.of("flush", "0.05", "http_server", "on", "http_listen", "127.0.0.1",
                "http_port", "0"));
        keys.addAll(service);
        List<ConfigSection> sections = new ArrayList<>();
        sections.add(section("SERVICE", keys.toArray(String[]::new)));
        sections.addAll(List.of(rest));
        List<PluginFactory> factories = new ArrayList<>();
        ServiceLoader.load(PluginFactory.class).forEach(factories::add);
        factories.add(new DropOddFilter());
        engine = Engine.create(Sections.doc(sections.toArray(ConfigSection[]::new)), Map.of(),
                new PluginCatalog(factories), registry);
        engine.start();
        control = new FakePipelineControl(engine);
        server = HttpServer.start(control);
        http = new Http(server.port());
    }

    private void start(ConfigSection... rest) throws Exception {
        start(List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), rest);
    }

    /** push → drop_odd (filter) → collect, with aliases; returns the push context. */
    private InputContext standardPipeline(String id, List<String> service, MeterRegistry registry) throws Exception {
        start(service, registry,
                section("INPUT", "name", "push", "id", id + "-in", "tag", "app.web", "alias", "web_in"),
                section("FILTER", "name", "drop_odd", "match", "app.*"),
                section("OUTPUT", "name", "collect", "match", "app.*", "id", id + "-out", "alias", "sink"));
        return PushInput.context(id + "-in");
    }

    private static void push(InputContext in, int from, int count) throws StoreException {
        for (int n = from; n < from + count; n++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("n", (long) n);
            body.put("message", "hello " + n);
            in.append(in.tag(), new LogEvent(new EventTime(1_700_000_000L + n, 0), body));
        }
    }

    // ---- / and /api/v1/uptime ---------------------------------------------------------------------------------

    @Test
    void rootAnswersFluentBitBuildInfoToToolsAndTheStatusPageToBrowsers() throws Exception {
        start(section("INPUT", "name", "push", "id", "root-in"), section("OUTPUT", "name", "collect", "match", "*", "id", "root-out"));
        HttpResponse<String> r = http.get("/");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        Map<String, Object> info = json(r.body());
        Map<String, Object> fb = map(info.get("fluent-bit"));
        assertEquals(io.tributary.engine.Version.VERSION, fb.get("version"));
        assertEquals("Tributary", fb.get("edition"));
        assertTrue(((List<?>) fb.get("flags")).contains("FLB_HAVE_HTTP_SERVER"), r.body());
        assertEquals(io.tributary.engine.Version.VERSION, map(info.get("tributary")).get("version"));

        HttpResponse<String> page = http.get("/", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<title>Tributary"), "status page served to browsers");
        assertEquals(page.body(), http.get("/status").body());
        assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().contains("default-src 'none'"));
    }

    @Test
    void uptimeReportsSecondsAndFluentBitsSentence() throws Exception {
        start(section("INPUT", "name", "push", "id", "up-in"), section("OUTPUT", "name", "collect", "match", "*", "id", "up-out"));
        HttpResponse<String> r = http.get("/api/v1/uptime");
        assertEquals(200, r.statusCode());
        Map<String, Object> up = json(r.body());
        long secs = ((Number) up.get("uptime_sec")).longValue();
        assertTrue(secs >= 0 && secs < 60, r.body());
        assertEquals("Tributary has been running:  0 day, 0 hour, 0 minute and " + secs + " second" + (secs > 1 ? "s" : ""),
                up.get("uptime_hr"));
        assertEquals("Tributary has been running:  1 day, 2 hours, 1 minute and 5 seconds",
                UptimeReport.humanReadable(86_400 + 7_200 + 60 + 5));
    }

    // ---- /api/v1/metrics ----------------------------------------------------------------------------------------

    @Test
    void metricsJsonHasFluentBitsShapeKeyedByInstanceName() throws Exception {
        InputContext in = standardPipeline("json", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        push(in, 0, 10);
        Await.until(Duration.ofSeconds(20), "5 even records delivered", () -> CollectOutput.count("json-out") == 5);
        Await.until(Duration.ofSeconds(20), "proc_records 5", () -> engine.view().outputs().get(0).outputMeters().procRecords() == 5);

        HttpResponse<String> r = http.get("/api/v1/metrics");
        assertEquals(200, r.statusCode());
        Map<String, Object> m = json(r.body());
        Map<String, Object> input = map(map(m.get("input")).get("web_in"));
        assertEquals(10L, input.get("records"));
        assertTrue(((Long) input.get("bytes")) > 0);
        Map<String, Object> filter = map(map(m.get("filter")).get("drop_odd.0"));
        assertEquals(10L, filter.get("records"));
        assertEquals(5L, filter.get("drop_records"));
        assertEquals(0L, filter.get("add_records"));
        Map<String, Object> out = map(map(m.get("output")).get("sink"));
        assertEquals(5L, out.get("proc_records"));
        assertTrue(((Long) out.get("proc_bytes")) > 0);
        for (String k : List.of("errors", "retries", "retries_failed", "dropped_records")) assertEquals(0L, out.get(k), k);
    }

    // ---- Prometheus ---------------------------------------------------------------------------------------------

    @Test
    void prometheusV1ParsesAndCarriesFluentBitsNamesAndLabels() throws Exception {
        InputContext in = standardPipeline("prom1", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        push(in, 0, 20);
        Await.until(Duration.ofSeconds(20), "10 records delivered", () -> CollectOutput.count("prom1-out") == 10);
        Await.until(Duration.ofSeconds(20), "proc_records 10", () -> engine.view().outputs().get(0).outputMeters().procRecords() == 10);

        HttpResponse<String> r = http.get("/api/v1/metrics/prometheus");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertParses(r.body());
        Map<String, Double> s = samples(r.body());
        assertEquals(20.0, s.get("fluentbit_input_records_total{name=\"web_in\"}"));
        assertTrue(s.get("fluentbit_input_bytes_total{name=\"web_in\"}") > 0);
        assertEquals(20.0, s.get("fluentbit_filter_records_total{name=\"drop_odd.0\"}"));
        assertEquals(10.0, s.get("fluentbit_filter_drop_records_total{name=\"drop_odd.0\"}"));
        assertEquals(0.0, s.get("fluentbit_filter_add_records_total{name=\"drop_odd.0\"}"));
        assertEquals(10.0, s.get("fluentbit_output_proc_records_total{name=\"sink\"}"));
        assertTrue(s.get("fluentbit_output_proc_bytes_total{name=\"sink\"}") > 0);
        for (String n : List.of("errors", "retries", "retries_failed", "dropped_records")) {
            assertEquals(0.0, s.get("fluentbit_output_" + n + "_total{name=\"sink\"}"), n);
        }
        assertNotNull(s.get("fluentbit_uptime"), "uptime without labels in v1");
        assertEquals((double) (engine.startedMillis() / 1000), s.get("process_start_time_seconds"));
        assertEquals(1.0, s.get("fluentbit_build_info{edition=\"Tributary\",version=\"" + io.tributary.engine.Version.VERSION + "\"}"));
        assertTrue(r.body().contains("# HELP fluentbit_output_retries_failed_total Number of abandoned batches because "
                + "the maximum number of re-tries was reached.\n# TYPE fluentbit_output_retries_failed_total counter\n"), r.body());
        assertTrue(r.body().contains("# HELP fluentbit_input_records_total Number of input records.\n"));
        // Tributary's own meters follow, under their own prefix, with the plugin label.
        assertEquals(20.0, s.get("tributary_input_records_total{name=\"web_in\",plugin=\"push\"}"));
        assertEquals(0.0, s.get("tributary_input_paused{name=\"web_in\",plugin=\"push\"}"));
        for (String key : s.keySet()) {
            assertTrue(key.startsWith("fluentbit_") || key.startsWith("tributary_") || key.startsWith("process_"), key);
        }
    }

    @Test
    void prometheusV2AddsHostnameLabelsStorageAndPauseGauges() throws Exception {
        InputContext in = standardPipeline("prom2", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        push(in, 0, 4);
        Await.until(Duration.ofSeconds(20), "2 records delivered", () -> CollectOutput.count("prom2-out") == 2);

        HttpResponse<String> r = http.get("/api/v2/metrics/prometheus");
        assertEquals(200, r.statusCode());
        assertParses(r.body());
        Map<String, Double> s = samples(r.body());
        String host = Hostname.detect();
        assertNotNull(s.get("fluentbit_uptime{hostname=\"" + host + "\"}"), r.body());
        assertEquals(0.0, s.get("fluentbit_hot_reloaded_times{hostname=\"" + host + "\"}"));
        assertEquals((double) (engine.startedMillis() / 1000), s.get("fluentbit_process_start_time_seconds{hostname=\"" + host + "\"}"));
        assertEquals(4.0, s.get("fluentbit_input_records_total{name=\"web_in\"}"));
        assertEquals(0.0, s.get("fluentbit_input_ingestion_paused{name=\"web_in\"}"));
        assertEquals(0.0, s.get("fluentbit_input_storage_overlimit{name=\"web_in\"}"));
        assertNotNull(s.get("fluentbit_input_storage_chunks_busy_bytes{name=\"web_in\"}"));
        assertNotNull(s.get("fluentbit_storage_chunks"));
        assertEquals(0.0, s.get("fluentbit_storage_fs_chunks"));
        assertTrue(r.body().contains("# HELP fluentbit_filter_records_total Total number of new records processed.\n"));
    }

    @Test
    void prometheusMirrorsEngineMetersFromANonPrometheusRegistry() throws Exception {
        InputContext in = standardPipeline("mirror", List.of(), new SimpleMeterRegistry());
        push(in, 0, 6);
        Await.until(Duration.ofSeconds(20), "3 records delivered", () -> CollectOutput.count("mirror-out") == 3);
        Await.until(Duration.ofSeconds(20), "proc_records 3", () -> engine.view().outputs().get(0).outputMeters().procRecords() == 3);
        HttpResponse<String> r = http.get("/api/v1/metrics/prometheus");
        assertParses(r.body());
        Map<String, Double> s = samples(r.body());
        assertEquals(6.0, s.get("tributary_input_records_total{name=\"web_in\",plugin=\"push\"}"));
        assertEquals(3.0, s.get("tributary_output_proc_records_total{name=\"sink\",plugin=\"collect\"}"));
        assertEquals(3.0, s.get("fluentbit_output_proc_records_total{name=\"sink\"}"));
    }

    @Test
    void v2MetricsIsCmetricsTextOrJsonOnRequest() throws Exception {
        InputContext in = standardPipeline("cmt", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        push(in, 0, 2);
        HttpResponse<String> r = http.get("/api/v2/metrics");
        assertEquals(200, r.statusCode());
        Pattern line = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z [a-z_]+(\\{[^}]*})? = .+$");
        for (String l : r.body().split("\n")) assertTrue(line.matcher(l).matches(), "cmetrics line: " + l);
        assertTrue(r.body().contains(" fluentbit_input_records_total{name=\"web_in\"} = 2\n"), r.body());

        HttpResponse<String> j = http.get("/api/v2/metrics", "application/json");
        assertEquals("application/json", j.headers().firstValue("content-type").orElseThrow());
        assertTrue(j.body().contains("{\"name\":\"fluentbit_input_records_total\",\"type\":\"counter\""), j.body());
        assertTrue(j.body().contains("{\"labels\":{\"name\":\"web_in\"},\"value\":2}"), j.body());
    }

    // ---- /api/v1/storage ----------------------------------------------------------------------------------------

    @Test
    void storageIsServedOnlyWithStorageMetricsOnInFluentBitsShape() throws Exception {
        InputContext in = standardPipeline("stor", List.of("storage.metrics", "on", "flush", "60"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        push(in, 0, 3);
        Map<String, Object> st = json(http.get("/api/v1/storage").body());
        Map<String, Object> chunks = map(map(st.get("storage_layer")).get("chunks"));
        assertEquals(1L, chunks.get("total_chunks"), "one open chunk for tag app.web until the 60s flush");
        assertEquals(1L, chunks.get("mem_chunks"));
        assertEquals(0L, chunks.get("fs_chunks"));
        Map<String, Object> web = map(map(st.get("input_chunks")).get("web_in"));
        assertEquals(false, map(web.get("status")).get("overlimit"));
        assertTrue(((String) map(web.get("status")).get("mem_size")).matches("\\d+b"), st.toString());
        assertEquals("0b", map(web.get("status")).get("mem_limit"));
        assertEquals(1L, map(web.get("chunks")).get("total"));
        assertEquals(1L, map(web.get("chunks")).get("up"));
        assertEquals(0L, map(web.get("chunks")).get("busy"));
        assertEquals("0b", map(web.get("chunks")).get("busy_size"));
        assertEquals("1.5M", StorageReport.humanSize(1_572_864));
        assertEquals("1023b", StorageReport.humanSize(1023));
        assertEquals("1.0K", StorageReport.humanSize(1024));
    }

    @Test
    void storageReportsFilesystemChunksUpAndDown(@TempDir Path storagePath) throws Exception {
        start(List.of("storage.metrics", "on", "storage.path", storagePath.toString(), "storage.max_chunks_up", "1",
                        "scheduler.base", "30", "scheduler.cap", "60"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                section("INPUT", "name", "push", "id", "fs-in", "alias", "fs_in", "storage.type", "filesystem"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "fs-out", "always_fail", "on", "retry_limit", "no_limits"));
        InputContext in = PushInput.context("fs-in");
        for (String tag : List.of("a", "b", "c")) {
            in.append(tag, new LogEvent(new EventTime(1_700_000_000L, 0), Map.of("tag", tag)));
        }
        Await.until(Duration.ofSeconds(20), "three chunks sealed", () -> engine.storageStates().get("fs_in").chunksBusy() == 3);
        Map<String, Object> st = json(http.get("/api/v1/storage").body());
        Map<String, Object> chunks = map(map(st.get("storage_layer")).get("chunks"));
        assertEquals(3L, chunks.get("total_chunks"), st.toString());
        assertEquals(0L, chunks.get("mem_chunks"));
        assertEquals(3L, chunks.get("fs_chunks"));
        assertEquals(1L, chunks.get("fs_chunks_up"), "storage.max_chunks_up 1");
        assertEquals(2L, chunks.get("fs_chunks_down"));
        Map<String, Object> fs = map(map(map(st.get("input_chunks")).get("fs_in")).get("chunks"));
        assertEquals(List.of(3L, 1L, 2L, 3L), List.of(fs.get("total"), fs.get("up"), fs.get("down"), fs.get("busy")));
        Map<String, Double> prom = samples(http.get("/api/v2/metrics/prometheus").body());
        assertEquals(2.0, prom.get("fluentbit_storage_fs_chunks_down"));
        assertEquals(2.0, prom.get("fluentbit_input_storage_chunks_down{name=\"fs_in\"}"));
    }

    @Test
    void storageIs404WithoutStorageMetrics() throws Exception {
        standardPipeline("nostor", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertEquals(404, http.get("/api/v1/storage").statusCode());
    }

    // ---- health -------------------------------------------------------------------------------------------------

    @Test
    void healthTurns500AfterRetryFailuresWithinThePeriodAndBackTo200() throws Exception {
        start(List.of("health_check", "on", "hc_errors_count", "5", "hc_retry_failure_count", "2", "hc_period", "2"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                section("INPUT", "name", "push", "id", "hc-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "hc-out", "fail_first", "3",
                        "retry_limit", "no_retries"));
        assertEquals(200, http.get("/api/v1/health").statusCode());
        assertEquals("ok\n", http.get("/api/v1/health").body());
        InputContext in = PushInput.context("hc-in");
        // Three flushes fail without retries: three retry failures, more than HC_Retry_Failure_Count 2.
        for (int i = 0; i < 3; i++) {
            int before = CollectOutput.flushes("hc-out");
            push(in, i, 1);
            Await.until(Duration.ofSeconds(20), "flush " + (i + 1), () -> CollectOutput.flushes("hc-out") > before);
        }
        Await.until(Duration.ofSeconds(20), "3 retry failures counted",
                () -> engine.view().outputs().get(0).outputMeters().retriesFailed() == 3);
        HttpResponse<String> bad = http.get("/api/v1/health");
        assertEquals(500, bad.statusCode());
        assertEquals("error\n", bad.body());
        HttpResponse<String> bad2 = http.get("/api/v2/health");
        assertEquals(500, bad2.statusCode());
        Map<String, Object> h = json(bad2.body());
        assertEquals("error", h.get("status"));
        assertEquals(3L, h.get("retries_failed"));
        assertEquals(0L, h.get("errors"));
        assertEquals(5L, h.get("error_limit"));
        assertEquals(2L, h.get("retry_failure_limit"));
        assertEquals(2L, h.get("period_limit"));
        // No new failures: once the failures are older than HC_Period the check passes again.
        Await.until(Duration.ofSeconds(10), "health back to 200", () -> http.get("/api/v1/health").statusCode() == 200);
        assertEquals("ok", json(http.get("/api/v2/health").body()).get("status"));
    }

    @Test
    void healthAtTheLimitIsStillOk() throws Exception {
        start(List.of("health_check", "on", "hc_retry_failure_count", "2", "hc_period", "30"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                section("INPUT", "name", "push", "id", "lim-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "lim-out", "fail_first", "2",
                        "retry_limit", "no_retries"));
        InputContext in = PushInput.context("lim-in");
        for (int i = 0; i < 2; i++) {
            int before = CollectOutput.flushes("lim-out");
            push(in, i, 1);
            Await.until(Duration.ofSeconds(20), "flush " + (i + 1), () -> CollectOutput.flushes("lim-out") > before);
        }
        Await.until(Duration.ofSeconds(20), "2 retry failures counted",
                () -> engine.view().outputs().get(0).outputMeters().retriesFailed() == 2);
        // Fluent Bit is unhealthy only when the count is greater than the limit.
        assertEquals(200, http.get("/api/v1/health").statusCode());
        assertEquals(2L, json(http.get("/api/v2/health").body()).get("retries_failed"));
    }

    @Test
    void healthV1Is404WithoutHealthCheckWhileV2Answers() throws Exception {
        standardPipeline("nohc", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertEquals(404, http.get("/api/v1/health").statusCode());
        HttpResponse<String> v2 = http.get("/api/v2/health");
        assertEquals(200, v2.statusCode());
        assertEquals("ok", json(v2.body()).get("status"));
    }

    // ---- reload -------------------------------------------------------------------------------------------------

    @Test
    void reloadAnswersLikeFluentBitAndReportsARejectedConfiguration() throws Exception {
        standardPipeline("rl", List.of("hot_reload", "on"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertEquals("{\"hot_reload_count\":0}", http.get("/api/v2/reload").body());

        HttpResponse<String> done = http.method("POST", "/api/v2/reload");
        assertEquals(200, done.statusCode());
        assertEquals("{\"reload\":\"done\",\"status\":0}", done.body());
        assertEquals("{\"hot_reload_count\":1}", http.get("/api/v2/reload").body());

        HttpResponse<String> put = http.method("PUT", "/api/v2/reload");
        assertEquals(200, put.statusCode());
        assertEquals(2, control.reloadCalls());

        control.answer(() -> new PipelineControl.ReloadResult(false, "test.conf:3: [OUTPUT] collect: unknown key 'idd'"));
        HttpResponse<String> rejected = http.method("POST", "/api/v2/reload");
        assertEquals(400, rejected.statusCode());
        assertEquals("{\"reload\":\"failed\",\"status\":-3,\"message\":\"test.conf:3: [OUTPUT] collect: unknown key 'idd'\"}",
                rejected.body());
        assertEquals("{\"hot_reload_count\":2}", http.get("/api/v2/reload").body());

        HttpResponse<String> delete = http.method("DELETE", "/api/v2/reload");
        assertEquals(405, delete.statusCode());
        assertEquals("GET, POST, PUT", delete.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void aSecondReloadWhileOneRunsIsAnsweredInProgress() throws Exception {
        standardPipeline("rl2", List.of("hot_reload", "on"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        control.hold();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> http.method("POST", "/api/v2/reload"));
        control.awaitEntered();
        // The server keeps answering while a reload drains: the event loop is not blocked.
        assertEquals(200, http.get("/api/v1/uptime").statusCode());
        HttpResponse<String> second = http.method("POST", "/api/v2/reload");
        assertEquals(400, second.statusCode());
        assertEquals("{\"reload\":\"in progress\",\"status\":-2}", second.body());
        control.release();
        assertEquals("{\"reload\":\"done\",\"status\":0}", first.get().body());
        assertEquals(1, control.reloadCalls());
    }

    @Test
    void reloadWithoutHotReloadIsNotEnabled() throws Exception {
        standardPipeline("rl3", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        HttpResponse<String> r = http.method("POST", "/api/v2/reload");
        assertEquals(200, r.statusCode());
        assertEquals("{\"reload\":\"not enabled\",\"status\":-1}", r.body());
        assertEquals(0, control.reloadCalls());
    }

    // ---- routing, status JSON -----------------------------------------------------------------------------------

    @Test
    void unknownPathsAre404AndWritesToReadOnlyEndpoints405() throws Exception {
        standardPipeline("route", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertEquals(404, http.get("/api/v1/nothing").statusCode());
        assertEquals(404, http.get("/api/v1/metrics/").statusCode());
        HttpResponse<String> post = http.method("POST", "/api/v1/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
        HttpResponse<String> head = http.method("HEAD", "/api/v1/metrics");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void statusJsonDescribesThePipelineWithoutOptionValues() throws Exception {
        start(List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                section("INPUT", "name", "push", "id", "st-in-secret-id", "tag", "app.web", "alias", "web_in",
                        "mem_buf_limit", "1M"),
                section("FILTER", "name", "drop_odd", "match", "app.*"),
                section("OUTPUT", "name", "collect", "match", "app.*", "id", "st-out-secret-id", "alias", "sink"),
                section("OUTPUT", "name", "collect", "match_regex", "^other$", "id", "st-other-secret-id"));
        InputContext in = PushInput.context("st-in-secret-id");
        push(in, 0, 4);
        Await.until(Duration.ofSeconds(20), "2 records delivered", () -> CollectOutput.count("st-out-secret-id") == 2);
        HttpResponse<String> r = http.get("/status.json");
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("cache-control").orElseThrow());
        assertFalse(r.body().contains("secret-id"), "option values never appear: " + r.body());
        Map<String, Object> s = json(r.body());
        Map<String, Object> input = map(((List<?>) s.get("inputs")).get(0));
        assertEquals("web_in", input.get("name"));
        assertEquals("app.web", input.get("tag"));
        assertEquals(1_048_576L, input.get("mem_buf_limit"));
        assertEquals(List.of("drop_odd.0"), input.get("filters"));
        assertEquals(List.of("sink"), input.get("outputs"));
        assertEquals(4L, input.get("records"));
        assertEquals(false, input.get("paused"));
        Map<String, Object> filter = map(((List<?>) s.get("filters")).get(0));
        assertEquals("app.*", filter.get("match"));
        assertEquals(2L, filter.get("dropped"));
        List<?> outputs = (List<?>) s.get("outputs");
        assertEquals("/^other$/", map(outputs.get(1)).get("match"));
        assertEquals("collect.1", map(outputs.get(1)).get("name"));
        assertNull(map(outputs.get(1)).get("last_error"));
        assertEquals("ok", map(s.get("health")).get("status"));
    }

    @Test
    void statusJsonShowsTheLastErrorAndDropReasons() throws Exception {
        start(List.of("scheduler.base", "0.05", "scheduler.cap", "0.1"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                section("INPUT", "name", "push", "id", "le-in"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "le-out", "always_fail", "on", "retry_limit", "1"));
        push(PushInput.context("le-in"), 0, 3);
        Await.until(Duration.ofSeconds(10), "the chunk given up",
                () -> engine.view().outputs().get(0).outputMeters().retriesFailed() == 1);
        Map<String, Object> out = map(((List<?>) json(http.get("/status.json").body()).get("outputs")).get(0));
        assertEquals(3L, map(out.get("dropped")).get("retries exhausted"));
        assertEquals(1L, out.get("retries"));
        Map<String, Object> last = map(out.get("last_error"));
        assertEquals("error", last.get("level"));
        assertTrue(((String) last.get("message")).contains("3 record(s) dropped"), last.toString());
    }

    @Test
    void aPortInUseFailsStartWithTheAddressInTheMessage() throws Exception {
        standardPipeline("busy", List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> HttpServer.start(control, "127.0.0.1", taken.getLocalPort()));
            assertTrue(e.getMessage().startsWith("HTTP server: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    e.getMessage());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void assertParses(String exposition) throws IOException, InterruptedException {
        Promtool.Result r = Promtool.checkMetrics(exposition);
        assertEquals(0, r.exitCode(), "promtool check metrics:\n" + r.output() + "\n--- exposition:\n" + exposition);
    }

    /** name{labels} → value, labels as printed (sorted by the writer). */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> out = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "sample line: " + line);
            out.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        assertNotNull(o, "missing JSON object");
        return (Map<String, Object>) o;
    }

    static Map<String, Object> json(String text) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken(), text);
            return readObject(p);
        }
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            m.put(k, readValue(p));
        }
        return m;
    }

    private static Object readValue(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(readValue(p));
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> null;
        };
    }
}
