package io.tributary.output.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Error answers name the service's code and message whether they come in JSON or in CBOR. */
class AwsErrorAnswerTest {
    @Test
    void jsonErrorAnswer() {
        byte[] body = "{\"__type\":\"com.amazonaws.kinesis#ResourceNotFoundException\",\"message\":\"Stream x not found\"}"
                .getBytes(StandardCharsets.UTF_8);
        AwsServiceException e = AwsJsonClient.error(400, null, "rid", body);
        assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        assertEquals("Stream x not found", e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }

    @Test
    void cborErrorAnswer() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", "ProvisionedThroughputExceededException");
            g.writeStringField("message", "Rate exceeded for stream s");
            g.writeEndObject();
        }
        AwsServiceException e = AwsJsonClient.error(400, null, "rid", out.toByteArray());
        assertEquals("ProvisionedThroughputExceededException", e.awsErrorDetails().errorCode());
        assertEquals("Rate exceeded for stream s", e.awsErrorDetails().errorMessage());
    }

    @Test
    void anAnswerThatIsNeitherKeepsTheStatusAndText() {
        AwsServiceException e = AwsJsonClient.error(503, "ServiceUnavailable", null, "<html>busy</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals("ServiceUnavailable", e.awsErrorDetails().errorCode());
        assertEquals(503, e.statusCode());
    }
}
