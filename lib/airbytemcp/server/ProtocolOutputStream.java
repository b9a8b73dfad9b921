package airbytemcp.server;

import airbytemcp.common.Json;
import airbytemcp.secrets.Masker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The stdio protocol channel. Each JSON-RPC line is masked value by value before it leaves, as a last line of
 * defence behind the masking tools do themselves; protocol fields are left alone so masking can never break
 * the protocol.
 */
final class ProtocolOutputStream extends OutputStream {
  private static final Set<String> PROTOCOL_FIELDS = Set.of("jsonrpc", "method", "protocolVersion");

  private final OutputStream target;
  private final Masker masker;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);

  ProtocolOutputStream(OutputStream target, Masker masker) {
    this.target = target;
    this.masker = masker;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      writeLine();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n') {
        line.write(b, start, i - start + 1);
        writeLine();
        start = i + 1;
      }
    }
    line.write(b, start, off + len - start);
  }

  @Override
  public synchronized void flush() throws IOException {
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    writeLine();
    target.close();
  }

  private void writeLine() throws IOException {
    if (line.size() == 0) {
      return;
    }
    byte[] bytes = line.toByteArray();
    line.reset();
    if (masker.isEmpty()) {
      target.write(bytes);
      target.flush();
      return;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String out;
    try {
      JsonNode message = Json.MAPPER.readTree(text);
      out = Json.write(maskValues(message, null)) + "\n";
    } catch (IOException e) {
      out = masker.mask(text);
    }
    target.write(out.getBytes(StandardCharsets.UTF_8));
    target.flush();
  }

  private JsonNode maskValues(JsonNode node, String field) {
    if (node.isTextual()) {
      return field != null && PROTOCOL_FIELDS.contains(field) ? node : TextNode.valueOf(masker.mask(node.asText()));
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        entry.setValue(maskValues(entry.getValue(), entry.getKey()));
      }
      return object;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, maskValues(node.get(i), null));
      }
    }
    return node;
  }
}
