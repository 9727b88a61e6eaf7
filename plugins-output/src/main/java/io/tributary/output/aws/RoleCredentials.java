package io.tributary.output.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.NonBlocking;
import software.amazon.awssdk.utils.cache.RefreshResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Credentials from STS (AssumeRole on top of base credentials, or AssumeRoleWithWebIdentity for EKS IRSA), cached
 * and refreshed in the background before they expire, so flushes keep signing with valid keys and never wait for
 * STS. The refresh points follow the lifetime STS actually granted: prefetch at half of it (at most 5 minutes
 * before expiry), and only a call made in the last tenth (at most 1 minute) waits for a refresh.
 */
public final class RoleCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
    private final Supplier<Credentials> call;
    private final Clock clock;
    private final CachedSupplier<AwsCredentials> cache;
    private final String description;

    RoleCredentials(Supplier<Credentials> call, Clock clock, String description) {
        this.call = call;
        this.clock = clock;
        this.description = description;
        this.cache = CachedSupplier.builder(this::refresh)
                .cachedValueName("tributary-sts")
                .prefetchStrategy(new NonBlocking("tributary-sts-refresh"))
                .clock(clock)
                .build();
    }

    /** AssumeRole with the STS client (which signs with the base credentials). */
    public static RoleCredentials assumeRole(StsClient sts, String roleArn, String externalId, String sessionName,
                                             Duration duration, Clock clock) {
        AssumeRoleRequest request = AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName(sessionName)
                .externalId(externalId).durationSeconds((int) duration.toSeconds()).build();
        return new RoleCredentials(() -> sts.assumeRole(request).credentials(), clock, "role " + roleArn);
    }

    /** AssumeRoleWithWebIdentity, reading the token file at each refresh (Kubernetes rotates it). */
    public static RoleCredentials webIdentity(StsClient sts, String roleArn, Path tokenFile, String sessionName, Clock clock) {
        return new RoleCredentials(() -> {
            String token;
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the web identity token file " + tokenFile, e);
            }
            return sts.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityRequest.builder().roleArn(roleArn)
                    .roleSessionName(sessionName).webIdentityToken(token).build()).credentials();
        }, clock, "web identity role " + roleArn);
    }

    private RefreshResult<AwsCredentials> refresh() {
        Credentials c = call.get();
        Instant expiry = c.expiration();
        Instant now = clock.instant();
        Duration life = expiry.isAfter(now) ? Duration.between(now, expiry) : Duration.ZERO;
        Duration prefetchBefore = min(Duration.ofMinutes(5), life.dividedBy(2));
        Duration staleBefore = min(Duration.ofMinutes(1), life.dividedBy(10));
        AwsSessionCredentials creds = AwsSessionCredentials.builder().accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretAccessKey()).sessionToken(c.sessionToken()).expirationTime(expiry).build();
        return RefreshResult.builder((AwsCredentials) creds)
                .staleTime(expiry.minus(staleBefore))
                .prefetchTime(expiry.minus(prefetchBefore))
                .build();
    }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }

    @Override public AwsCredentials resolveCredentials() { return cache.get(); }

    @Override public void close() { cache.close(); }

    @Override public String toString() { return "RoleCredentials[" + description + "]"; }
}
