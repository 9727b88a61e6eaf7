package io.tributary.output.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP proxy the environment names for an endpoint, as the AWS SDK honours it: HTTPS_PROXY (https_proxy) for
 * https endpoints, HTTP_PROXY (http_proxy) for http ones, unless NO_PROXY (no_proxy) lists the host. A user and
 * password in the proxy URL become a Basic Proxy-Authorization. Https endpoints are reached through a CONNECT
 * tunnel, http ones by asking the proxy for the absolute URL.
 */
record HttpProxy(String host, int port, String authorization) {

    /**
     * The proxy to use for {@code endpoint}, or null for a direct connection. Throws IllegalArgumentException
     * naming the variable when its value is not an http proxy URL.
     */
    static HttpProxy forEndpoint(Map<String, String> env, URI endpoint) {
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        String name = https ? first(env, "HTTPS_PROXY", "https_proxy") : first(env, "HTTP_PROXY", "http_proxy");
        if (name == null || bypassed(value(env, "NO_PROXY", "no_proxy"), endpoint.getHost())) return null;
        try {
            return parse(env.get(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    static HttpProxy parse(String url) {
        String text = url.trim();
        if (!text.contains("://")) text = "http://" + text;
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("proxy URL is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("proxy scheme must be http, not " + u.getScheme());
        }
        if (u.getHost() == null) throw new IllegalArgumentException("proxy URL names no host");
        String auth = null;
        if (u.getRawUserInfo() != null) {
            String userInfo = URLDecoder.decode(u.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            auth = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        }
        return new HttpProxy(u.getHost(), u.getPort() < 0 ? 80 : u.getPort(), auth);
    }

    /**
     * NO_PROXY: comma-separated host names, each also matching its subdomains (".example.com" and "*.example.com"
     * alike), IP addresses, or "*" for every host.
     */
    static boolean bypassed(String noProxy, String host) {
        if (noProxy == null || host == null) return false;
        String h = strip(host.toLowerCase(Locale.ROOT));
        for (String entry : noProxy.split(",")) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) continue;
            if (e.equals("*")) return true;
            if (e.startsWith("*.")) e = e.substring(1);
            if (e.startsWith(".")) e = e.substring(1);
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon) e = e.substring(0, colon);   // host:port; not IPv6
            e = strip(e);
            if (h.equals(e) || h.endsWith("." + e)) return true;
        }
        return false;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The name of the first of the two variables that is set, or null. */
    private static String first(Map<String, String> env, String upper, String lower) {
        if (notBlank(env.get(upper))) return upper;
        return notBlank(env.get(lower)) ? lower : null;
    }

    private static String value(Map<String, String> env, String upper, String lower) {
        String name = first(env, upper, lower);
        return name == null ? null : env.get(name);
    }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }

    @Override public String toString() { return "HttpProxy[" + host + ":" + port + "]"; }   // never the credentials
}
