package io.tributary.output.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which proxy the environment names for an endpoint, as the AWS SDK read it. */
class HttpProxyTest {
    private static final URI KINESIS = URI.create("https://kinesis.us-east-1.amazonaws.com");
    private static final URI LOCAL = URI.create("http://127.0.0.1:4567");

    @Test
    void theSchemeOfTheEndpointPicksTheVariable() {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://secure:3128", "http_proxy", "plain:8080");
        assertEquals(new HttpProxy("secure", 3128, null), HttpProxy.forEndpoint(env, KINESIS));
        assertEquals(new HttpProxy("plain", 8080, null), HttpProxy.forEndpoint(env, LOCAL));
        assertNull(HttpProxy.forEndpoint(Map.of("HTTP_PROXY", "plain:8080"), KINESIS));
        assertNull(HttpProxy.forEndpoint(Map.of(), KINESIS));
    }

    @Test
    void credentialsBecomeBasicAuthorizationAndNeverPrint() {
        HttpProxy p = HttpProxy.parse("http://user%40corp:s3cret@proxy.corp:8080");
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("user@corp:s3cret".getBytes()), p.authorization());
        assertFalse(p.toString().contains("s3cret"));
        assertEquals(80, HttpProxy.parse("http://proxy.corp").port());
    }

    @Test
    void noProxyMatchesHostsTheirSubdomainsAndEverything() {
        assertTrue(HttpProxy.bypassed("localhost,.amazonaws.com", "kinesis.us-east-1.amazonaws.com"));
        assertTrue(HttpProxy.bypassed("*.amazonaws.com", "kinesis.us-east-1.amazonaws.com"));
        assertTrue(HttpProxy.bypassed("amazonaws.com", "kinesis.us-east-1.amazonaws.com"));
        assertTrue(HttpProxy.bypassed(" 127.0.0.1 ", "127.0.0.1"));
        assertTrue(HttpProxy.bypassed("kinesis.us-east-1.amazonaws.com:443", "kinesis.us-east-1.amazonaws.com"));
        assertTrue(HttpProxy.bypassed("*", "anything"));
        assertFalse(HttpProxy.bypassed("notamazonaws.com", "amazonaws.com"));
        assertFalse(HttpProxy.bypassed("zonaws.com", "kinesis.amazonaws.com"));
        assertFalse(HttpProxy.bypassed("", "kinesis.amazonaws.com"));
        assertNull(HttpProxy.forEndpoint(Map.of("HTTPS_PROXY", "p:1", "no_proxy", "amazonaws.com"), KINESIS));
    }

    @Test
    void aProxyThatIsNotHttpIsRefusedNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpProxy.forEndpoint(Map.of("HTTPS_PROXY", "socks5://p:1080"), KINESIS));
        assertTrue(e.getMessage().startsWith("HTTPS_PROXY: "), e.getMessage());
    }
}
