package airbytemcp.declarative;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code headers} a cursor paginator's templates read, as the CDK builds them: the response
 * headers under their names ({@code headers.get('Link')} is the raw header text) with {@code link}
 * replaced by the parsed links ({@code headers['link']['next']['url']}), as requests parses them.
 *
 * <p>Names are looked up exactly first, then in any case: HTTP names are case-insensitive and the
 * server's spelling is not kept, so {@code Link} and {@code X-Next-Page} are the canonical forms.
 */
final class PaginationHeaders {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>(.*)");
  private static final Pattern PARAM = Pattern.compile("\\s*([^=;\\s]+)\\s*=\\s*\"?([^\";]*)\"?");

  private PaginationHeaders() {}

  /** The template value for response headers (names in any case). */
  static PyDict of(Map<String, String> headers) {
    Map<String, Object> out = new AnyCase();
    headers.forEach((name, value) -> out.put(canonical(name), value));
    String link = out.containsKey("Link") ? (String) out.get("Link") : null;
    out.put("link", new PyDict(link == null ? Map.of() : links(link)));
    return new PyDict(out);
  }

  /** {@code x-next-page} as servers usually spell it: {@code X-Next-Page}. */
  static String canonical(String name) {
    StringBuilder b = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      b.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return b.toString();
  }

  /** requests' {@code response.links}: each link by its rel (else its URL), with url and params. */
  static Map<String, Object> links(String header) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String part : header.split(",(?=\\s*<)")) {
      Matcher m = LINK.matcher(part.strip());
      if (!m.matches()) {
        continue;
      }
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("url", m.group(1));
      for (String param : m.group(2).split(";")) {
        Matcher p = PARAM.matcher(param);
        if (p.matches()) {
          link.put(p.group(1).toLowerCase(Locale.ROOT), p.group(2).strip());
        }
      }
      Object rel = link.get("rel");
      out.put(rel != null ? (String) rel : m.group(1), new PyDict(link));
    }
    return out;
  }

  /** A map that finds a key exactly, else a header in any case (never the parsed links). */
  private static final class AnyCase extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public Object get(Object key) {
      if (super.containsKey(key) || !(key instanceof String name)) {
        return super.get(key);
      }
      for (Map.Entry<String, Object> e : entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getKey().equals("link")) {
          return e.getValue();
        }
      }
      return null;
    }

    @Override
    public boolean containsKey(Object key) {
      return super.containsKey(key)
          || (key instanceof String name
              && keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name) && !k.equals("link")));
    }
  }
}
