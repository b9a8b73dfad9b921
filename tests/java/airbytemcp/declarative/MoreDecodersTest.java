package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IterableDecoder wraps lines as records; ZipfileDecoder decodes every file of an archive with its
 * inner decoder.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MoreDecodersTest {
  @Test
  void iterableDecoderMakesARecordOfEachLine() {
    List<JsonNode> out =
        Decoders.decode(
            Json.parse("{\"type\": \"IterableDecoder\"}"),
            "alpha\nbeta\r\n\ngamma".getBytes(StandardCharsets.UTF_8),
            Redactor.NONE);
    assertEquals(
        List.of("alpha", "beta", "gamma"),
        out.stream().map(r -> r.path("record").asText()).toList());
  }

  @Test
  void zipfileDecoderReadsEveryFileWithTheInnerDecoder() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("a.csv"));
      zip.write("id,name\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("b.csv"));
      zip.write("id,name\n3,z\n".getBytes(StandardCharsets.UTF_8));
    }
    List<JsonNode> out =
        Decoders.decode(
            Json.parse("{\"type\": \"ZipfileDecoder\", \"decoder\": {\"type\": \"CsvDecoder\"}}"),
            bytes.toByteArray(),
            Redactor.NONE);
    assertEquals(List.of("x", "y", "z"), out.stream().map(r -> r.path("name").asText()).toList());
  }

  @Test
  void aBodyThatIsNotAZipFailsWithTheDecodersReason() {
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                Decoders.decode(
                    Json.parse(
                        "{\"type\": \"ZipfileDecoder\", \"decoder\": {\"type\": \"JsonDecoder\"}}"),
                    "{\"error\": \"expired\"}".getBytes(StandardCharsets.UTF_8),
                    Redactor.NONE));
    assertTrue(
        e.getMessage().contains("ZipfileDecoder could not decode")
            && e.getMessage().contains("expired"),
        e.getMessage());
  }
}
