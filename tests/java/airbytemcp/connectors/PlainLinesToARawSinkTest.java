package airbytemcp.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import airbytemcp.common.Json;
import airbytemcp.protocol.AirbyteMessage;
import airbytemcp.protocol.RawLineSink;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.PrintingConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink that takes lines as bytes is offered every plain line of a connector process's stdout
 * before it is decoded; the lines it leaves, and the lines that are not plain, arrive as messages.
 */
@Timeout(60)
class PlainLinesToARawSinkTest {
  @TempDir Path root;

  @Test
  void plainLinesAreOfferedAsBytesAndTheRestArriveAsMessages() throws Exception {
    String record = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":1}}}";
    String accented = "{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{\"a\":\"é\"}}}";
    String log = "{\"type\":\"LOG\",\"log\":{\"level\":\"INFO\",\"message\":\"hi\"}}";
    Path output =
        Files.write(
            root.resolve("out.jsonl"), List.of(record, accented, log), StandardCharsets.UTF_8);
    ProtocolConnector connector = PrintingConnector.of(root, "source-raw", output, 0, new Masker());
    List<String> offered = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    connector.read(
        Json.object(),
        Json.object(),
        Optional.empty(),
        new RawLineSink() {
          @Override
          public boolean acceptPlainLine(byte[] bytes, int offset, int length) {
            String line = new String(bytes, offset, length, StandardCharsets.US_ASCII);
            offered.add(line);
            return line.contains("\"RECORD\"");
          }

          @Override
          public void accept(AirbyteMessage message) {
            messages.add(message.type() + " " + message.json());
          }
        });
    assertEquals(List.of(record, log), offered, "the plain lines, in order, as their bytes");
    assertEquals(
        List.of("RECORD " + Json.parse(accented), "LOG " + Json.parse(log)),
        messages,
        "the line that is not ASCII and the line the sink left, parsed");
  }
}
