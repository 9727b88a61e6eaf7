package io.tributary.output.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * STS on 127.0.0.1 as strict as the real one for the two calls the outputs make: AssumeRole (form-encoded query
 * protocol, SigV4-signed by the base credentials, role, session name, duration and external ID checked) and
 * AssumeRoleWithWebIdentity (unsigned, token checked). Issued credentials go into the shared {@link KeyRing}, so
 * the service servers accept them until they expire, after {@code lifetime}, however long the caller asked for.
 */
public final class StrictStsServer implements AutoCloseable {
    private static final Pattern SESSION = Pattern.compile("[\\w+=,.@-]{2,64}");

    public final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    public final List<KeyRing.Key> issued = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms for the
        // client's delayed ACK, which would make the server, not the client, the thing measured.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private final KeyRing keys;
    private final Clock clock;
    private final SigV4Check sigv4;
    private final String roleArn;
    private final String externalId;
    private final Path webIdentityToken;
    private volatile Duration lifetime;

    public StrictStsServer(KeyRing keys, Clock clock, String region, String roleArn, String externalId,
                           Path webIdentityToken, Duration lifetime) throws IOException {
        this.keys = keys;
        this.clock = clock;
        this.sigv4 = new SigV4Check(keys, region, "sts");
        this.roleArn = roleArn;
        this.externalId = externalId;
        this.webIdentityToken = webIdentityToken;
        this.lifetime = lifetime;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    public void lifetime(Duration d) { lifetime = d; }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!ex.getRequestMethod().equals("POST")) { error(ex, 405, "Sender", "InvalidAction", "POST only"); return; }
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                error(ex, 400, "Sender", "InvalidParameterValue", "form-urlencoded body expected, got " + type);
                return;
            }
            Map<String, String> p = form(new String(body, StandardCharsets.UTF_8));
            calls.add(p);
            if (!"2011-06-15".equals(p.get("Version"))) { error(ex, 400, "Sender", "InvalidParameterValue", "Version"); return; }
            String action = p.getOrDefault("Action", "");
            if (!roleArn.equals(p.get("RoleArn"))) {
                error(ex, 403, "Sender", "AccessDenied", "not authorized to perform: sts:" + action + " on " + p.get("RoleArn"));
                return;
            }
            String session = p.get("RoleSessionName");
            if (session == null || !SESSION.matcher(session).matches()) {
                error(ex, 400, "Sender", "ValidationError", "RoleSessionName: " + session);
                return;
            }
            if (action.equals("AssumeRole")) {
                SigV4Check.Refusal r = sigv4.verify(ex, body);
                if (r != null) { error(ex, r.status(), "Sender", r.code(), r.message()); return; }
                int duration = Integer.parseInt(p.getOrDefault("DurationSeconds", "3600"));
                if (duration < 900 || duration > 43200) {
                    error(ex, 400, "Sender", "ValidationError", "DurationSeconds " + duration);
                    return;
                }
                if (externalId != null && !externalId.equals(p.get("ExternalId"))) {
                    error(ex, 403, "Sender", "AccessDenied", "external id does not match");
                    return;
                }
            } else if (action.equals("AssumeRoleWithWebIdentity")) {
                if (ex.getRequestHeaders().getFirst("Authorization") != null) {
                    error(ex, 400, "Sender", "InvalidParameterValue", "AssumeRoleWithWebIdentity is not signed");
                    return;
                }
                String expected = Files.readString(webIdentityToken).trim();
                if (!expected.equals(p.get("WebIdentityToken"))) {
                    error(ex, 400, "Sender", "InvalidIdentityToken", "token not valid");
                    return;
                }
            } else {
                error(ex, 400, "Sender", "InvalidAction", action);
                return;
            }
            Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
            String id = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
            KeyRing.Key k = keys.addTemporary(id, "S" + UUID.randomUUID(), "T" + UUID.randomUUID() + UUID.randomUUID(), expires);
            issued.add(k);
            String result = action + "Result";
            String xml = "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + result + ">"
                    + "<Credentials><AccessKeyId>" + k.accessKeyId() + "</AccessKeyId><SecretAccessKey>" + k.secret()
                    + "</SecretAccessKey><SessionToken>" + k.sessionToken() + "</SessionToken><Expiration>" + expires
                    + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROATEST:" + session
                    + "</AssumedRoleId><Arn>" + roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/"
                    + session + "</Arn></AssumedRoleUser></" + result + "><ResponseMetadata><RequestId>"
                    + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
            send(ex, 200, xml);
        } catch (Exception e) {
            try {
                error(ex, 500, "Receiver", "InternalFailure", String.valueOf(e));
            } catch (IOException ignored) {
                // the client has gone
            }
        }
    }

    private static Map<String, String> form(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : s.split("&")) {
            if (kv.isEmpty()) continue;
            int eq = kv.indexOf('=');
            m.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void error(HttpExchange ex, int status, String type, String code, String message) throws IOException {
        send(ex, status, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>" + type
                + "</Type><Code>" + code + "</Code><Message>" + message.replace("<", "&lt;") + "</Message></Error><RequestId>"
                + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static void send(HttpExchange ex, int status, String xml) throws IOException {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override public void close() { server.stop(0); }
}
