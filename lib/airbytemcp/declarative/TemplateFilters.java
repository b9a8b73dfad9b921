package airbytemcp.declarative;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CDK's template filters: hash, base64encode, base64decode, string, regex_search. */
final class TemplateFilters {
  private TemplateFilters() {}

  static List<Filter> all() {
    return List.of(
        named("hash", (v, a) -> hash(v, a.length > 0 ? a[0] : "md5", a.length > 1 ? a[1] : null)),
        named(
            "base64encode",
            (v, a) ->
                Base64.getEncoder()
                    .encodeToString(PyValues.str(v).getBytes(StandardCharsets.UTF_8))),
        named(
            "base64decode",
            (v, a) ->
                new String(Base64.getDecoder().decode(PyValues.str(v)), StandardCharsets.UTF_8)),
        named("string", (v, a) -> v instanceof String s ? s : PyValues.json(v)),
        named(
            "regex_search",
            (v, a) -> {
              Matcher m = Pattern.compile(a[0]).matcher(PyValues.str(v));
              return m.find() && m.groupCount() > 0 ? m.group(1) : "";
            }));
  }

  private interface Body {
    Object apply(Object value, String[] args);
  }

  private static Filter named(String name, Body body) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, args);
      }
    };
  }

  static String hash(Object value, String algorithm, String salt) {
    String alg =
        switch (algorithm.toLowerCase(Locale.ROOT)) {
          case "md5" -> "MD5";
          case "sha1" -> "SHA-1";
          case "sha256" -> "SHA-256";
          case "sha512" -> "SHA-512";
          default -> algorithm;
        };
    try {
      MessageDigest digest = MessageDigest.getInstance(alg);
      digest.update(PyValues.str(value).getBytes(StandardCharsets.UTF_8));
      if (salt != null) {
        digest.update(salt.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unknown hash algorithm " + algorithm);
    }
  }
}
