package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageReaderTest {
  @Test
  void eachJsonLineBecomesTheMessageOfItsType() {
    List<AirbyteMessage> messages = new ArrayList<>();
    String out =
        """
        {"type":"RECORD","record":{"stream":"s","data":{"a":1},"emitted_at":5}}
        {"type":"STATE","state":{"type":"GLOBAL","global":{"shared_state":{}}}}
        {"type":"TRACE","trace":{"type":"STREAM_STATUS","emitted_at":1,"stream_status":{"status":"COMPLETE"}}}
        {"type":"CONTROL","control":{"type":"CONNECTOR_CONFIG","emitted_at":1,"connectorConfig":{"config":{}}}}
        """;
    MessageReader.read(
        new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)), messages::add);
    assertEquals(
        List.of(MessageType.RECORD, MessageType.STATE, MessageType.TRACE, MessageType.CONTROL),
        messages.stream().map(AirbyteMessage::type).toList());
    assertEquals(1, messages.get(0).payload().path("data").path("a").asInt());
  }

  @Test
  void plainTextAndUntypedJsonAreLogsAndBlankLinesAreSkipped() {
    assertEquals(
        "starting up", MessageReader.parseLine("starting up").payload().path("message").asText());
    assertEquals(MessageType.LOG, MessageReader.parseLine("{\"hello\":1}").type());
    assertEquals(MessageType.LOG, MessageReader.parseLine("{broken json").type());
    assertNull(MessageReader.parseLine("   "));
  }

  @Test
  void aTraceErrorCarriesTheConnectorsMessageAndFailureType() {
    AirbyteMessage trace =
        MessageReader.parseLine(
            "{\"type\":\"TRACE\",\"trace\":{\"type\":\"ERROR\",\"emitted_at\":1,\"error\":{\"message\":\"bad key\","
                + "\"internal_message\":\"401\",\"failure_type\":\"config_error\"}}}");
    TraceError error = Messages.traceError(trace).orElseThrow();
    assertEquals("bad key", error.message());
    assertEquals("401", error.internalMessage());
    assertTrue(error.isConfigError());
    assertTrue(Messages.traceError(MessageReader.parseLine("text")).isEmpty());
  }

  @Test
  void messagesArriveWhileTheStreamIsStillBeingWritten() {
    // an endless stream: the reader must hand over each line as it comes, never wait for the end
    InputStream endless =
        new InputStream() {
          private final byte[] line =
              "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{}}}\n"
                  .getBytes(StandardCharsets.UTF_8);
          private long position;

          @Override
          public int read() throws IOException {
            return line[(int) (position++ % line.length)];
          }
        };
    List<AirbyteMessage> first = new ArrayList<>();
    try {
      MessageReader.read(
          endless,
          m -> {
            first.add(m);
            if (first.size() == 1000) {
              throw new StopReading();
            }
          });
    } catch (StopReading expected) {
      // the sink stopped it
    }
    assertEquals(1000, first.size());
  }

  @Test
  void theStreamOfARecordOrStreamStateIsKnown() {
    assertEquals(
        new StreamDescriptor("users", "public"),
        Messages.streamOf(
                MessageReader.parseLine(
                    "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"namespace\":\"public\",\"data\":{}}}"))
            .orElseThrow());
    assertEquals(
        new StreamDescriptor("users", null),
        Messages.streamOf(
                MessageReader.parseLine(
                    "{\"type\":\"STATE\",\"state\":{\"type\":\"STREAM\",\"stream\":{\"stream_descriptor\":{\"name\":\"users\"}}}}"))
            .orElseThrow());
  }

  @Test
  void aMalformedRecordFailsWithoutQuotingACutOfItsLine() {
    // Jackson quotes a bad token up to 256 chars: here all but the last char of the secret
    String secret = "sk_live_Q7m2Zx9Lp4Wv8Rt1";
    String line =
        "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":"
            + "x".repeat(256 - secret.length() + 1)
            + secret
            + "}}}";
    ProtocolError e = assertThrows(ProtocolError.class, () -> MessageReader.parseLine(line).json());
    assertTrue(e.getMessage().contains("not valid JSON at line 1"), e.getMessage());
    assertFalse(e.getMessage().contains("sk_live"), "part of the line quoted: " + e.getMessage());
  }
}
