package io.tributary.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.config.ConfigSection;
import io.tributary.engine.Engine;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page in a real browser: headless Chromium loads /status while records flow, and through the DevTools
 * protocol the test watches the page's own polling: counters shown must be non-zero and keep rising without a
 * reload, rates must be non-zero, and the script must throw nothing. A screenshot is kept at
 * {@code engine/target/status-page.png}.
 */
class StatusPageBrowserIT {
    private Engine engine;
    private HttpServer server;
    private Thread pusher;
    private final AtomicBoolean pushing = new AtomicBoolean(true);

    @AfterEach
    void stop() throws Exception {
        pushing.set(false);
        if (pusher != null) pusher.join(5_000);
        if (server != null) server.close();
        if (engine != null) engine.stop(Duration.ofSeconds(2));
    }

    @Test
    void statusPageShowsRisingCountersWhileRecordsFlow() throws Exception {
        List<PluginFactory> factories = new ArrayList<>();
        ServiceLoader.load(PluginFactory.class).forEach(factories::add);
        factories.add(new DropOddFilter());
        ConfigSection[] sections = {
                section("SERVICE", "flush", "0.2", "http_server", "on", "http_listen", "127.0.0.1", "http_port", "0",
                        "health_check", "on", "scheduler.base", "1", "scheduler.cap", "2"),
                section("INPUT", "name", "push", "id", "page-web", "tag", "app.web", "alias", "web_in", "mem_buf_limit", "4M"),
                section("INPUT", "name", "push", "id", "page-audit", "tag", "audit.log", "alias", "audit_in"),
                section("INPUT", "name", "push", "id", "page-slow", "tag", "slow.log", "alias", "slow_in", "mem_buf_limit", "64k"),
                section("FILTER", "name", "drop_odd", "match", "app.*"),
                section("OUTPUT", "name", "collect", "match", "app.*", "id", "page-sink", "alias", "sink"),
                section("OUTPUT", "name", "collect", "match", "*", "id", "page-archive", "alias", "archive",
                        "fail_first", "4", "retry_limit", "5"),
                section("OUTPUT", "name", "collect", "match", "slow.*", "id", "page-slow-out", "alias", "slow_sink",
                        "delay_ms", "1500")};
        engine = Engine.create(Sections.doc(sections), Map.of(), new PluginCatalog(factories),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        engine.start();
        server = HttpServer.start(new FakePipelineControl(engine));
        InputContext web = PushInput.context("page-web");
        InputContext audit = PushInput.context("page-audit");
        InputContext slow = PushInput.context("page-slow");
        pusher = Thread.ofPlatform().name("page-pusher").start(() -> {
            long n = 0;
            while (pushing.get()) {
                try {
                    for (int i = 0; i < 100; i++) append(web, n++);
                    for (int i = 0; i < 20; i++) append(audit, n++);
                    // A real input stops reading while paused; so does this one.
                    for (int i = 0; i < 20 && !slow.isPaused(); i++) append(slow, n++);
                    Thread.sleep(10);
                } catch (StoreException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        Await.until(Duration.ofSeconds(10), "records delivered to sink", () -> CollectOutput.count("page-sink") > 0);

        try (HeadlessChromium chromium = HeadlessChromium.launch(); DevToolsPage page = chromium.page()) {
            page.viewport(1440, 1160);
            page.navigate("http://127.0.0.1:" + server.port() + "/status");
            Await.until(Duration.ofSeconds(20), "web_in's records shown", () -> shown(page, "input", "web_in", "records") > 0);
            double first = shown(page, "input", "web_in", "records");
            Await.until(Duration.ofSeconds(20), "web_in's records rising on the open page",
                    () -> shown(page, "input", "web_in", "records") > first);
            Await.until(Duration.ofSeconds(20), "rates shown for input and output", () ->
                    shown(page, "input", "web_in", "rate") > 0 && shown(page, "output", "sink", "rate") > 0);
            double delivered = shown(page, "output", "sink", "proc_records");
            Await.until(Duration.ofSeconds(20), "sink's delivered count rising",
                    () -> shown(page, "output", "sink", "proc_records") > delivered);
            assertTrue(shown(page, "filter", "drop_odd.0", "dropped") > 0, "filter drops shown");
            Await.until(Duration.ofSeconds(20), "archive's retries shown", () -> shown(page, "output", "archive", "retries") > 0);
            assertEquals("healthy", eval(page, "document.querySelector('#health').lastChild.textContent"));
            Await.until(Duration.ofSeconds(20), "slow_in shown paused at its Mem_Buf_Limit", () -> "true".equals(eval(page,
                    "String(document.getElementById('card-input-slow_in').classList.contains('paused'))")));
            // web_in → drop_odd.0, drop_odd.0 → sink, drop_odd.0 → archive, audit_in → archive, slow_in → archive and slow_sink.
            assertEquals("6", eval(page, "String(document.querySelectorAll('#edges path').length)"),
                    eval(page, "document.querySelector('#edges').outerHTML"));
            // Let the sparklines gather a few points before the picture.
            Await.until(Duration.ofSeconds(30), "8 polls", () -> Double.parseDouble(
                    eval(page, "document.querySelector('#footer').getAttribute('data-polls')")) >= 8);
            Path shot = Path.of("target", "status-page.png").toAbsolutePath();
            Files.createDirectories(shot.getParent());
            Files.write(shot, page.screenshot());
            assertTrue(Files.size(shot) > 10_000, "screenshot written to " + shot);
            assertEquals(List.of(), page.exceptions(), "no script errors");
        }
    }

    private static String eval(DevToolsPage page, String expression) {
        try {
            return String.valueOf(page.evaluate(expression));
        } catch (Exception e) {
            throw new AssertionError(expression + ": " + e, e);
        }
    }

    /** The numeric value a card shows for one field (its data-value), or -1 while the card is not drawn yet. */
    private static double shown(DevToolsPage page, String kind, String name, String field) {
        String v = eval(page, "(function(){var c=document.getElementById('card-" + kind + "-" + name + "');"
                + "var f=c&&c.querySelector('[data-field=\"" + field + "\"]');"
                + "return f&&f.getAttribute('data-value')||'-1';})()");
        return Double.parseDouble(v);
    }

    private static void append(InputContext in, long n) throws StoreException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("n", n);
        body.put("message", "GET /index.html 200 " + n);
        in.append(in.tag(), new LogEvent(new EventTime(1_700_000_000L + n / 1000, (int) (n % 1000)), body));
    }
}
