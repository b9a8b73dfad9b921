package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.HttpClients;
import airbytemcp.secrets.Masker;
import airbytemcp.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The corpus read redirects every request by handing the runtime its own HTTP client; production
 * has no way to do the same: no setting, environment variable or tool argument reaches the client
 * or the URL rewrite a declarative connector runs with.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CorpusReadHookTest {
  private static List<Path> productionSources() throws Exception {
    Path root = SharedData.projectRoot();
    List<Path> out = new ArrayList<>();
    out.add(root.resolve("AirbyteMcp.java"));
    try (Stream<Path> files = Files.walk(root.resolve("lib"))) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
    }
    return out;
  }

  @Test
  void productionMakesRuntimeOptionsOnlyFromTheDefaults() throws Exception {
    List<String> offenders = new ArrayList<>();
    for (Path source : productionSources()) {
      if (source.endsWith("RuntimeOptions.java")) {
        continue;
      }
      String text = Files.readString(source);
      if (text.contains("new RuntimeOptions(") || text.contains("withBaseUrlOverride(")) {
        offenders.add(source.toString());
      }
    }
    assertEquals(
        List.of(), offenders, "production code builds redirectable runtime options itself");
  }

  @Test
  void theOnlyInterceptorInProductionSetsTheUserAgent() throws Exception {
    List<String> found = new ArrayList<>();
    for (Path source : productionSources()) {
      if (Files.readString(source).contains("Interceptor(")) {
        found.add(source.getFileName().toString());
      }
    }
    found.sort(null);
    // GetWithBody sends a GET that has a body to the request's own URL, through another client;
    // GuardedHttp's CrossSiteRedirects only takes headers off a redirect to another site
    assertEquals(
        List.of("GetWithBody.java", "GuardedHttp.java", "HttpClients.java"),
        found,
        "who may answer requests in place of a host");
  }

  @Test
  void theDefaultOptionsNeitherRewriteUrlsNorSwapTheClient() {
    RuntimeOptions defaults = RuntimeOptions.defaults(new Masker());
    String url = "https://api.example.com/v1/items?page=2";
    assertEquals(url, defaults.urlRewrite().apply(url), "the default URL rewrite changes the URL");
    assertSame(HttpClients.shared(), defaults.http(), "the default client is the shared one");
    assertEquals(
        1, HttpClients.shared().interceptors().size(), "interceptors on the shared client");
  }

  @Test
  void theConnectorFactoryRunsOnTheDefaultOptions() throws Exception {
    String factory =
        Files.readString(
            SharedData.projectRoot()
                .resolve("lib/airbytemcp/declarative/DeclarativeConnectorFactory.java"));
    assertTrue(
        factory.contains("RuntimeOptions.defaults("),
        "the factory that serves tool calls builds its options from the defaults");
  }
}
