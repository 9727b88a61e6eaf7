package io.tributary.output.aws;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.AttributeMap;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.URI;

/**
 * What one AWS output instance shares between its calls: one HTTP connection pool, the credentials (the SDK's
 * providers composed, with STS AssumeRole on top when {@code role_arn} is set), the region and endpoint. Service
 * calls go through {@link #jsonClient}.
 *
 * <p>The HTTP client is the SDK's synchronous Apache 5 client, called from virtual threads: a blocked call parks a
 * virtual thread, not a platform thread, so concurrency costs no thread pool, and per call it does less work than
 * the async Netty client (measured in {@code HttpClientComparisonIT}).
 */
public final class AwsTransport implements SdkAutoCloseable {
    /**
     * Apache's wire and header logs and the SDK signer's canonical request print the X-Amz-Security-Token
     * header: never let them reach the log, whatever the level. Held in a field because java.util.logging keeps
     * loggers weakly.
     */
    private static final List<java.util.logging.Logger> SILENCED = List.of(
            java.util.logging.Logger.getLogger("org.apache.hc.client5.http.wire"),
            java.util.logging.Logger.getLogger("org.apache.hc.client5.http.headers"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk.http.apache5.internal.conn.SdkTlsSocketFactory"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk.http.auth.aws.internal.signer"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk.auth.signer"));

    static {
        for (java.util.logging.Logger l : SILENCED) l.setLevel(java.util.logging.Level.OFF);
    }

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final List<SdkAutoCloseable> owned;

    private AwsTransport(AwsSettings settings, SdkHttpClient http, AwsCredentialsProvider credentials, List<SdkAutoCloseable> owned) {
        this.settings = settings;
        this.http = http;
        this.credentials = credentials;
        this.owned = owned;
    }

    /** Opens the HTTP pool and builds the credential chain; nothing connects until the first call. */
    public static AwsTransport open(AwsSettings s, Clock clock) throws IOException, GeneralSecurityException {
        List<SdkAutoCloseable> owned = new ArrayList<>();
        SdkHttpClient http = httpClient(s);
        owned.add(http);
        Region region = Region.of(s.region());
        AwsCredentialsProvider base = baseChain(s, http, region, clock, owned);
        AwsCredentialsProvider creds = base;
        if (s.roleArn().isPresent()) {
            StsClient sts = stsClient(s, http, region, base);
            owned.add(sts);
            RoleCredentials role = RoleCredentials.assumeRole(sts, s.roleArn().get(),
                    s.externalId().map(x -> x.reveal()).orElse(null), s.roleSessionName(), s.roleDuration(), clock);
            owned.add(role);
            creds = role;
        }
        return new AwsTransport(s, http, creds, owned);
    }

    private static SdkHttpClient httpClient(AwsSettings s) throws IOException, GeneralSecurityException {
        Apache5HttpClient.Builder b = Apache5HttpClient.builder()
                .maxConnections(Math.max(8, s.maxConcurrency() + 4))
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(s.httpRequestTimeout())
                // AWS endpoints drop idle connections; recycle ours first so no call meets a dead socket.
                .connectionMaxIdleTime(Duration.ofSeconds(20))
                // No "Expect: 100-continue": it costs a round trip per call and AWS JSON APIs answer without it.
                .expectContinueEnabled(false)
                .tcpKeepAlive(true);
        List<Path> cas = new ArrayList<>();
        s.tlsCaFile().ifPresent(cas::add);
        if (s.tlsCaPath().isPresent()) cas.addAll(TrustedCertificates.filesIn(s.tlsCaPath().get()));
        if (!cas.isEmpty()) b.tlsTrustManagersProvider(TrustedCertificates.load(cas));
        if (!s.tlsVerify()) {
            return b.buildWithDefaults(AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
        }
        return b.build();
    }

    /** Static keys (options, then environment), web identity, profile files, ECS task role, EC2 instance role. */
    private static AwsCredentialsProvider baseChain(AwsSettings s, SdkHttpClient http, Region region, Clock clock,
                                                    List<SdkAutoCloseable> owned) {
        Map<String, String> env = s.env();
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        if (s.accessKeyId().isPresent()) {
            chain.add(staticKeys(s.accessKeyId().get(), s.secretAccessKey().get().reveal(),
                    s.sessionToken().map(t -> t.reveal()).orElse(null)));
        }
        String envKey = env.get("AWS_ACCESS_KEY_ID");
        String envSecret = env.get("AWS_SECRET_ACCESS_KEY");
        if (notBlank(envKey) && notBlank(envSecret)) chain.add(staticKeys(envKey, envSecret, env.get("AWS_SESSION_TOKEN")));

        String webRole = env.get("AWS_ROLE_ARN");
        String tokenFile = env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
        if (notBlank(webRole) && notBlank(tokenFile)) {
            StsClient sts = stsClient(s, http, region, AnonymousCredentialsProvider.create());
            owned.add(sts);
            String session = Optional.ofNullable(env.get("AWS_ROLE_SESSION_NAME")).filter(AwsTransport::notBlank)
                    .orElse(s.roleSessionName());
            RoleCredentials web = RoleCredentials.webIdentity(sts, webRole, Path.of(tokenFile), session, clock);
            owned.add(web);
            chain.add(web);
        }

        profileFile(env).ifPresent(file -> {
            String name = s.profile().or(() -> Optional.ofNullable(env.get("AWS_PROFILE")).filter(AwsTransport::notBlank))
                    .orElse("default");
            if (file.profile(name).isPresent()) {
                chain.add(ProfileCredentialsProvider.builder().profileFile(file).profileName(name).build());
            }
        });
        if (notBlank(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) || notBlank(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))) {
            ContainerCredentialsProvider ecs = ContainerCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build();
            owned.add(ecs);
            chain.add(ecs);
        }
        if (!"true".equalsIgnoreCase(env.getOrDefault("AWS_EC2_METADATA_DISABLED", ""))) {
            InstanceProfileCredentialsProvider imds = InstanceProfileCredentialsProvider.builder()
                    .asyncCredentialUpdateEnabled(true).build();
            owned.add(imds);
            chain.add(imds);
        }
        if (chain.isEmpty()) {
            return () -> { throw SdkClientException.create("no AWS credentials: none in options, environment, "
                    + "web identity, profile files or container, and instance metadata is disabled"); };
        }
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(true).build();
    }

    /** The shared credentials and config files named by the environment (or ~/.aws), when any exists. */
    static Optional<ProfileFile> profileFile(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path credentials = Path.of(env.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials"));
        Path config = Path.of(env.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config"));
        ProfileFile.Aggregator agg = ProfileFile.aggregator();
        boolean any = false;
        if (Files.isReadable(credentials)) {
            agg.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
            any = true;
        }
        if (Files.isReadable(config)) {
            agg.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            any = true;
        }
        return any ? Optional.of(agg.build()) : Optional.empty();
    }

    private static AwsCredentialsProvider staticKeys(String id, String secret, String token) {
        return StaticCredentialsProvider.create(notBlank(token)
                ? AwsSessionCredentials.create(id, secret, token) : AwsBasicCredentials.create(id, secret));
    }

    private static StsClient stsClient(AwsSettings s, SdkHttpClient http, Region region, AwsCredentialsProvider creds) {
        var b = StsClient.builder().region(region).credentialsProvider(creds).httpClient(http)
                .overrideConfiguration(stsOverride(s));
        s.stsEndpoint().ifPresent(e -> b.endpointOverride(e.uri()));
        return b.build();
    }

    /** STS calls are rare and off the send path: the SDK's standard retries suit them. */
    private static ClientOverrideConfiguration stsOverride(AwsSettings s) {
        return ClientOverrideConfiguration.builder().apiCallAttemptTimeout(s.httpRequestTimeout()).build();
    }

    /**
     * A client for one JSON-protocol service on this transport: the {@code endpoint} option, or the service's
     * regional endpoint.
     */
    public AwsJsonClient jsonClient(String endpointPrefix, String signingName, String jsonVersion) {
        URI uri = settings.endpoint().map(AwsEndpoint::uri)
                .orElseGet(() -> AwsJsonClient.defaultEndpoint(endpointPrefix, settings.region()));
        return new AwsJsonClient(http, credentials, settings.region(), signingName, uri, jsonVersion);
    }

    public AwsCredentialsProvider credentials() { return credentials; }

    public AwsSettings settings() { return settings; }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }

    @Override public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) owned.get(i).close();
    }
}
