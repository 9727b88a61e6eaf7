package io.tributary.http;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client for one page target: commands are JSON messages with an id over a
 * WebSocket, answered by a message with the same id; everything else is an event. Only what the browser test uses:
 * navigate, evaluate, viewport and screenshot, and the page's uncaught exceptions.
 */
final class DevToolsPage implements AutoCloseable {
    interface Params {
        void write(JsonGenerator g) throws IOException;
    }

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();

    private DevToolsPage(WebSocket socket) { this.socket = socket; }

    static DevToolsPage connect(String webSocketUrl) throws Exception {
        Listener listener = new Listener();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(webSocketUrl), listener).get(10, TimeUnit.SECONDS);
        DevToolsPage page = new DevToolsPage(ws);
        listener.page = page;
        page.call("Runtime.enable", g -> {});
        page.call("Page.enable", g -> {});
        return page;
    }

    Map<String, Object> call(String method, Params params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String message = new String(Json.bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("id", id);
            g.writeStringField("method", method);
            g.writeObjectFieldStart("params");
            params.write(g);
            g.writeEndObject();
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
        socket.sendText(message, true).get(10, TimeUnit.SECONDS);
        Map<String, Object> reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.containsKey("error")) throw new AssertionError(method + " failed: " + reply.get("error"));
        return HttpServerIT.map(reply.get("result"));
    }

    void navigate(String url) throws Exception { call("Page.navigate", g -> g.writeStringField("url", url)); }

    void viewport(int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", g -> {
            g.writeNumberField("width", width);
            g.writeNumberField("height", height);
            g.writeNumberField("deviceScaleFactor", 1);
            g.writeBooleanField("mobile", false);
        });
    }

    /** Evaluates an expression in the page and returns its value (strings, numbers, booleans, null). */
    Object evaluate(String expression) throws Exception {
        Map<String, Object> r = call("Runtime.evaluate", g -> {
            g.writeStringField("expression", expression);
            g.writeBooleanField("returnByValue", true);
        });
        if (r.containsKey("exceptionDetails")) throw new AssertionError(expression + " threw: " + r.get("exceptionDetails"));
        return HttpServerIT.map(r.get("result")).get("value");
    }

    byte[] screenshot() throws Exception {
        Map<String, Object> r = call("Page.captureScreenshot", g -> g.writeStringField("format", "png"));
        return Base64.getDecoder().decode((String) r.get("data"));
    }

    /** Uncaught exceptions the page's script threw, as DevTools reported them. */
    List<String> exceptions() { return List.copyOf(exceptions); }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    private void onMessage(String text) {
        Map<String, Object> m;
        try {
            m = HttpServerIT.json(text);
        } catch (IOException e) {
            throw new AssertionError("DevTools sent invalid JSON: " + text, e);
        }
        Object id = m.get("id");
        if (id instanceof Long n) {
            CompletableFuture<Map<String, Object>> f = pending.remove(n.intValue());
            if (f != null) f.complete(m);
        } else if ("Runtime.exceptionThrown".equals(m.get("method"))) {
            exceptions.add(String.valueOf(m.get("params")));
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final List<String> early = new ArrayList<>();
        volatile DevToolsPage page;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                DevToolsPage p = page;
                if (p == null) {
                    early.add(text);
                } else {
                    for (String e : early) p.onMessage(e);
                    early.clear();
                    p.onMessage(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
