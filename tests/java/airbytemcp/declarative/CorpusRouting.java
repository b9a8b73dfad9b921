package airbytemcp.declarative;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Request;
import okio.Buffer;

/**
 * Tells apart streams that share one URL by the fixed parts of their requests (a {@code Function}
 * named in the JSON body, a {@code type} query parameter): APIs with a single endpoint pick the
 * resource that way, so the URL alone would route a parent's request to its child.
 */
final class CorpusRouting {
  /** Points per fixed request part a request carries: outweighs the bonus the target gets. */
  private static final int PER_MATCH = 10;

  private CorpusRouting() {}

  /**
   * How well a request fits a stream's fixed request parts: -1 when it carries one of them with
   * another value, else {@link #PER_MATCH} per part it carries with the same value.
   */
  static int fit(CorpusStream s, Request request) {
    Map<String, String> params = literals(s.requester.path("request_parameters"));
    Map<String, String> body = literals(s.requester.path("request_body_json"));
    body.putAll(literals(s.requester.path("request_body_data")));
    if (params.isEmpty() && body.isEmpty()) {
      return 0;
    }
    int score = 0;
    for (Map.Entry<String, String> p : params.entrySet()) {
      String sent = request.url().queryParameter(p.getKey());
      if (sent != null) {
        if (!sent.equals(p.getValue())) {
          return -1;
        }
        score += PER_MATCH;
      }
    }
    if (!body.isEmpty()) {
      Map<String, String> sent = sentBody(request);
      for (Map.Entry<String, String> b : body.entrySet()) {
        String v = sent.get(b.getKey());
        if (v != null) {
          if (!v.equals(b.getValue())) {
            return -1;
          }
          score += PER_MATCH;
        }
      }
    }
    return score;
  }

  /** A request option map's entries whose value is a plain scalar (no template). */
  private static Map<String, String> literals(JsonNode options) {
    Map<String, String> out = new LinkedHashMap<>();
    if (options.isObject()) {
      options
          .fields()
          .forEachRemaining(
              f -> {
                JsonNode v = f.getValue();
                if (v.isValueNode() && !v.isNull() && !v.asText().contains("{{")) {
                  out.put(f.getKey(), v.asText());
                }
              });
    }
    return out;
  }

  /** The top-level scalar fields of a request's JSON or form body. */
  private static Map<String, String> sentBody(Request request) {
    Map<String, String> out = new LinkedHashMap<>();
    if (request.body() == null) {
      return out;
    }
    String text;
    try {
      Buffer b = new Buffer();
      request.body().writeTo(b);
      text = b.readUtf8();
    } catch (IOException e) {
      return out;
    }
    if (text.strip().startsWith("{")) {
      try {
        Json.parse(text)
            .fields()
            .forEachRemaining(
                f -> {
                  if (f.getValue().isValueNode()) {
                    out.put(f.getKey(), f.getValue().asText());
                  }
                });
      } catch (RuntimeException e) {
        return out;
      }
      return out;
    }
    for (String pair : text.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        out.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
