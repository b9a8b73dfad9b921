package airbytemcp.declarative;

import airbytemcp.common.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The CDK's ResponseToFileExtractor: the response is a CSV file (gzip- or zlib-compressed or not,
 * in the charset its Content-Type names), each row a record of text values. Like pandas, which the
 * CDK reads it with, the usual "not available" words (NA, N/A, null, NaN, ...) and empty cells
 * become null; with {@code preserve_na_values} only empty cells do. Null bytes are dropped. The CDK
 * spools the body to disk; here it is held in memory, within the runtime's response size cap.
 */
final class ResponseToFile {
  /** pandas' default missing-value strings. */
  private static final Set<String> NA =
      Set.of(
          "",
          "#N/A",
          "#N/A N/A",
          "#NA",
          "-1.#IND",
          "-1.#QNAN",
          "-NaN",
          "-nan",
          "1.#IND",
          "1.#QNAN",
          "<NA>",
          "N/A",
          "NA",
          "NULL",
          "NaN",
          "None",
          "n/a",
          "nan",
          "null");

  private static final Pattern CHARSET = Pattern.compile("charset=[\"']?([^;\"'\\s]+)");

  private ResponseToFile() {}

  static List<ObjectNode> records(JsonNode extractor, HttpOutcome response) {
    boolean preserve = extractor.path("preserve_na_values").asBoolean(false);
    String text =
        new String(
            bytes(response.body(), response.masker()), charset(response.header("content-type")));
    return Csv.records(
        text, ',', v -> v == null || (preserve ? v.isEmpty() : NA.contains(v)) ? null : v);
  }

  private static Charset charset(String contentType) {
    Matcher m = CHARSET.matcher(contentType == null ? "" : contentType);
    if (!m.find()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(m.group(1));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new DeclarativeError(
          "The CSV response names an unknown charset: " + m.group(1) + ".",
          "The API answered in an encoding this runtime cannot read.");
    }
  }

  /** The body decompressed when it is gzip or zlib, else with null bytes removed. */
  private static byte[] bytes(byte[] body, Redactor masker) {
    boolean gzip = body.length > 1 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    boolean zlib =
        body.length > 1
            && (body[0] & 0x0f) == 8
            && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
    if (gzip || zlib) {
      try (InputStream in =
          gzip
              ? new GZIPInputStream(new ByteArrayInputStream(body))
              : new InflaterInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      } catch (IOException e) {
        if (gzip) {
          throw Decoders.undecodable("ResponseToFileExtractor", e, body, masker);
        }
        // zlib-looking plain text (the CDK also falls back to the raw bytes)
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    for (byte b : body) {
      if (b != 0) {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
