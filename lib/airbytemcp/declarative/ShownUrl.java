package airbytemcp.declarative;

import airbytemcp.secrets.Masker;
import java.util.Objects;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/**
 * A request's URL as errors and log lines show it. A manifest may build a path or query from a
 * config value that is a secret, and OkHttp prints it escaped by its own rules (in a path {@code ^}
 * becomes {@code %5E} while {@code !} stays), so the URL is judged on its decoded parts: a part
 * that holds a secret is withheld, not shown as a masked copy of some encoding. The scheme, host
 * and port always show, so the user can tell which API failed.
 */
final class ShownUrl {
  static final String PATH_WITHHELD = "/… (path and query withheld: they hold a secret)";
  static final String QUERY_WITHHELD = "?… (query withheld: it holds a secret)";

  private ShownUrl() {}

  static String of(HttpUrl url, Masker masker) {
    boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
    String origin =
        url.scheme() + "://" + masker.mask(url.host()) + (defaultPort ? "" : ":" + url.port());
    if (reveals(masker, pathParts(url))) {
      return origin + PATH_WITHHELD;
    }
    if (reveals(masker, queryParts(url))) {
      return origin + url.encodedPath() + QUERY_WITHHELD;
    }
    return masker.mask(url.toString());
  }

  /**
   * How many secrets the URL's parts hold, each part read alone (a secret cut by a {@code ?} into a
   * path and a query is in neither), as written or decoded.
   */
  static int secretsPartByPart(HttpUrl url, Masker masker) {
    String[][] parts = {
      {url.encodedUsername(), url.username()},
      {url.encodedPassword(), url.password()},
      {url.host(), url.host()},
      {url.encodedPath(), "/" + String.join("/", url.pathSegments())},
      {url.encodedQuery(), url.query()},
      {url.encodedFragment(), url.fragment()}
    };
    int found = 0;
    for (String[] part : parts) {
      found += Math.max(secretsIn(part[0], masker), secretsIn(part[1], masker));
    }
    return found;
  }

  /** How many secrets masking finds in a text (none in null). */
  static int secretsIn(String text, Masker masker) {
    if (text == null) {
      return 0;
    }
    String masked = masker.mask(text);
    int count = 0;
    for (int at = masked.indexOf(Masker.MASK);
        at >= 0;
        at = masked.indexOf(Masker.MASK, at + Masker.MASK.length())) {
      count++;
    }
    return count;
  }

  private static String[] pathParts(HttpUrl url) {
    return new String[] {
      url.username(),
      url.password(),
      "/" + String.join("/", url.pathSegments()),
      url.encodedPath(),
      url.fragment(),
      url.encodedFragment()
    };
  }

  private static String[] queryParts(HttpUrl url) {
    return new String[] {url.query(), url.encodedQuery()};
  }

  private static boolean reveals(Masker masker, String... parts) {
    return Stream.of(parts).filter(Objects::nonNull).anyMatch(masker::revealsSecret);
  }
}
