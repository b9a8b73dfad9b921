package airbytemcp.testing;

import airbytemcp.cache.DefaultCache;
import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.config.Settings;
import airbytemcp.config.SettingsLoader;
import airbytemcp.connectors.ConnectorResolver;
import airbytemcp.connectors.DockerEngine;
import airbytemcp.connectors.HostTools;
import airbytemcp.connectors.NativeConnectorFactory;
import airbytemcp.registry.ConnectorFiles;
import airbytemcp.registry.RegistryClient;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.SecretReferences;
import airbytemcp.tools.Services;
import airbytemcp.tools.ToolCatalog;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Services as a server builds them (settings from an environment with a dotenv file and the test
 * registry), with the test connector's resolver, and a way to call any tool's handler.
 */
public final class ToolHarness {
  public final Services services;
  public final Masker masker = new Masker();
  public final List<String> progress = new ArrayList<>();

  public ToolHarness(
      Path workDir, Map<String, String> dotenv, HostTools host, DockerEngine docker) {
    this(workDir, dotenv, host, docker, NativeConnectorFactory.unavailable());
  }

  /** With a native (declarative) runtime, e.g. one whose requests go to a fake API. */
  public ToolHarness(
      Path workDir,
      Map<String, String> dotenv,
      HostTools host,
      DockerEngine docker,
      NativeConnectorFactory nativeRuntime) {
    try {
      Files.createDirectories(workDir);
      Path envFile = workDir.resolve("secrets.env");
      StringBuilder text = new StringBuilder();
      dotenv.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Files.writeString(envFile, text);
      Settings settings =
          TestSettings.in(workDir)
              .env(SettingsLoader.ENV_FILE, envFile.toString())
              .env(
                  SettingsLoader.LOCAL_REGISTRY,
                  TestResources.resource("fake-connector/registry.json").toString())
              .load();
      ConnectorResolver resolver =
          TestResolvers.create(workDir, host, docker, nativeRuntime, masker, TestResolvers.LIMITS);
      services =
          new Services(
              settings,
              masker,
              new SecretReferences(settings.secrets(), masker),
              new RegistryClient(settings.registry(), settings.projectDir()),
              new ConnectorFiles(settings.registry()),
              resolver,
              AirbyteCloud.create(settings, masker),
              new DefaultCache(settings.cacheRoot(), masker));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ToolDefinition tool(String name) {
    return ToolCatalog.all(services).stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Calls the tool's handler as the server would (exceptions included); progress is kept in {@link
   * #progress}.
   */
  public ToolResult call(String name, Map<String, Object> args) throws Exception {
    FakeToolCall call = new FakeToolCall(args);
    try {
      return tool(name).handler().call(call);
    } finally {
      progress.addAll(call.progress);
    }
  }
}
