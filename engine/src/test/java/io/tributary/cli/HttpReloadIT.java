package io.tributary.cli;

import io.tributary.config.ConfigDocument;
import io.tributary.engine.Engine;
import io.tributary.http.HttpServer;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.StoreException;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import io.tributary.testing.PushInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/v2/reload against the real Supervisor while records flow: a good configuration replaces the pipeline,
 * a bad one is refused with its reason and the old pipeline keeps running, and every record the input accepted
 * reaches the output exactly once.
 */
class HttpReloadIT {
    private Supervisor supervisor;
    private HttpServer server;
    private Thread pusher;
    private final AtomicBoolean pushing = new AtomicBoolean(true);

    @AfterEach
    void stop() throws Exception {
        pushing.set(false);
        if (pusher != null) pusher.join(5_000);
        if (server != null) server.close();
        if (supervisor != null) supervisor.shutdown();
    }

    private static ConfigDocument config(String outputAlias, String... extraOutputKeys) {
        String[] output = new String[8 + extraOutputKeys.length];
        System.arraycopy(new String[] {"name", "collect", "match", "*", "id", "reload-out", "alias", outputAlias}, 0, output, 0, 8);
        System.arraycopy(extraOutputKeys, 0, output, 8, extraOutputKeys.length);
        return doc(section("SERVICE", "flush", "0.05", "grace", "5", "hot_reload", "on", "http_server", "on",
                        "http_listen", "127.0.0.1", "http_port", "0"),
                section("INPUT", "name", "push", "id", "reload-in", "tag", "app"),
                section("OUTPUT", output));
    }

    @Test
    void reloadsUnderLoadLoseAndDuplicateNothing() throws Exception {
        CollectOutput.clear("reload-out");
        AtomicReference<ConfigDocument> next = new AtomicReference<>(config("first"));
        Engine engine = Engine.create(next.get(), Map.of());
        engine.start();
        supervisor = new Supervisor(next::get, Map.of(), reason -> { throw new AssertionError("fatal: " + reason); }, engine, next.get());
        server = HttpServer.start(supervisor);

        AtomicLong accepted = new AtomicLong();
        pusher = Thread.ofPlatform().name("reload-pusher").start(() -> {
            long n = 0;
            while (pushing.get()) {
                try {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("n", n);
                    PushInput.context("reload-in").append("app", new LogEvent(new EventTime(1_700_000_000L, 0), body));
                    n++;
                    accepted.set(n);
                } catch (StoreException | IllegalStateException refused) {
                    // The old pipeline stopped taking records, or the new one has not started yet: send it again.
                    LockSupport.parkNanos(200_000);
                }
            }
        });
        Await.until(Duration.ofSeconds(30), "records flowing", () -> CollectOutput.count("reload-out") > 100);

        next.set(config("second"));
        HttpResponse<String> good = post(server.port());
        assertEquals(200, good.statusCode(), good.body());
        assertEquals("{\"reload\":\"done\",\"status\":0}", good.body());
        assertEquals("second", supervisor.current().view().outputs().get(0).name());

        next.set(config("third", "no_such_key", "1"));
        HttpResponse<String> bad = post(server.port());
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().startsWith("{\"reload\":\"failed\",\"status\":-3,\"message\":\"") && bad.body().contains("no_such_key"),
                bad.body());
        assertEquals("second", supervisor.current().view().outputs().get(0).name(), "the running pipeline is kept");

        next.set(config("fourth"));
        assertEquals(200, post(server.port()).statusCode());
        long before = accepted.get();
        Await.until(Duration.ofSeconds(30), "records flowing after the reloads", () -> accepted.get() > before + 100);
        pushing.set(false);
        pusher.join(5_000);

        long in = accepted.get();
        Await.until(Duration.ofSeconds(60), in + " records delivered", () -> CollectOutput.count("reload-out") >= in);
        Set<Long> seen = new HashSet<>();
        for (CollectOutput.Received r : CollectOutput.events("reload-out")) {
            assertTrue(seen.add((Long) r.event().body().get("n")), "duplicate record " + r.event().body());
        }
        assertEquals(in, seen.size(), "every accepted record delivered once");
        assertEquals(2, supervisor.reloads());
    }

    private static HttpResponse<String> post(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
