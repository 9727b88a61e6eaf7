package io.tributary.output.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.Set;

/** Sorts the failure of a whole AWS call into what the sender should do about it. */
public final class AwsErrors {
    private AwsErrors() {}

    public enum Kind {
        /** The service asks us to slow down (throttling codes, 429, 5xx): back off, lower the concurrency. */
        THROTTLED,
        /** Network trouble, timeouts, credentials that could not be loaded yet: back off and try again. */
        TRANSIENT,
        /** The service refuses the request as invalid: retrying it as it is will not help. */
        REJECTED,
        /** Retrying now will not help (unknown stream, access denied): give the records back to the engine. */
        STUCK
    }

    public record Failure(Kind kind, String code, String message, boolean network) {
        public Failure(Kind kind, String code, String message) { this(kind, code, message, false); }

        public boolean throttled() { return kind == Kind.THROTTLED; }
    }

    /** Throttling codes shared by Kinesis, Firehose, SQS and STS, per entry or per call. */
    private static final Set<String> THROTTLING = Set.of(
            "ProvisionedThroughputExceededException", "ThrottlingException", "Throttling", "ThrottledException",
            "LimitExceededException", "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled",
            "RequestThrottledException", "KMSThrottlingException", "ServiceUnavailableException", "ServiceUnavailable",
            "InternalFailure", "InternalFailureException", "InternalServerError", "SlowDown");

    /** Codes meaning the request itself is bad and can never succeed. */
    private static final Set<String> REJECTING = Set.of(
            "ValidationException", "InvalidArgumentException", "SerializationException",
            "InvalidParameterValue", "InvalidParameterValueException", "InvalidMessageContents");

    /** Codes that a refresh of credentials or the clock fixes: retry in a moment. */
    private static final Set<String> SELF_HEALING = Set.of(
            "ExpiredToken", "ExpiredTokenException", "RequestExpired", "RequestTimeTooSkewed",
            "InvalidSignatureException", "SignatureDoesNotMatch");

    /** Whether an entry-level error code means "slow down". */
    public static boolean isThrottling(String code) { return code != null && THROTTLING.contains(code); }

    public static Failure classify(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode();
            String message = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
            if (e.isThrottlingException() || THROTTLING.contains(code) || e.statusCode() == 429 || e.statusCode() >= 500) {
                return new Failure(Kind.THROTTLED, code, message);
            }
            if (e.isClockSkewException() || SELF_HEALING.contains(code)) return new Failure(Kind.TRANSIENT, code, message);
            if (REJECTING.contains(code)) return new Failure(Kind.REJECTED, code, message);
            return new Failure(Kind.STUCK, code, message);
        }
        if (t instanceof SdkClientException e) {
            boolean network = false;
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) network |= c instanceof java.io.IOException;
            return new Failure(Kind.TRANSIENT, "ClientError", String.valueOf(e.getMessage()), network);
        }
        return new Failure(Kind.TRANSIENT, t.getClass().getSimpleName(), String.valueOf(t.getMessage()));
    }
}
