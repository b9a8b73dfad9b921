package airbytemcp.config;

import airbytemcp.common.PrivateFiles;
import airbytemcp.network.EgressRules;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads {@link Settings} from the process environment and the dotenv file it names. */
public final class SettingsLoader {
  public static final String ENV_FILE = "AIRBYTE_MCP_ENV_FILE";
  public static final String PROJECT_DIR = "AIRBYTE_PROJECT_DIR";
  public static final String CACHE_ROOT = "AIRBYTE_CACHE_ROOT";
  public static final String DOMAINS = "AIRBYTE_MCP_DOMAINS";
  public static final String DOMAINS_DISABLED = "AIRBYTE_MCP_DOMAINS_DISABLED";
  public static final String SAFE_MODE = "AIRBYTE_CLOUD_MCP_SAFE_MODE";
  public static final String READONLY_MODE = "AIRBYTE_CLOUD_MCP_READONLY_MODE";
  public static final String TRUSTED_EXECUTION = "AIRBYTE_MCP_TRUSTED_EXECUTION";
  public static final String LOCAL_REGISTRY = "AIRBYTE_LOCAL_REGISTRY";
  public static final String REGISTRY_URL = "AIRBYTE_REGISTRY_URL";
  public static final String OFFLINE_MODE = "AIRBYTE_OFFLINE_MODE";
  public static final String CONNECTORS_CDN_URL = "AIRBYTE_CONNECTORS_CDN_URL";
  public static final String DOCS_URL = "AIRBYTE_DOCS_URL";
  public static final String REGISTRY_CACHE_TTL = "AIRBYTE_REGISTRY_CACHE_TTL";
  public static final String CLIENT_ID = "AIRBYTE_CLOUD_CLIENT_ID";
  public static final String CLIENT_SECRET = "AIRBYTE_CLOUD_CLIENT_SECRET";
  public static final String BEARER_TOKEN = "AIRBYTE_CLOUD_BEARER_TOKEN";
  public static final String WORKSPACE_ID = "AIRBYTE_CLOUD_WORKSPACE_ID";
  public static final String ORGANIZATION_ID = "AIRBYTE_CLOUD_ORGANIZATION_ID";
  public static final String API_URL = "AIRBYTE_CLOUD_API_URL";
  public static final String CONFIG_API_URL = "AIRBYTE_CLOUD_CONFIG_API_URL";
  public static final String DOCKER_NETWORK = "AIRBYTE_MCP_DOCKER_NETWORK";
  public static final String CONNECTOR_TIMEOUT = "AIRBYTE_MCP_CONNECTOR_TIMEOUT";
  public static final String DECLARATIVE_SCHEMA = "AIRBYTE_DECLARATIVE_SCHEMA";
  public static final String ALLOWED_HOSTS = "AIRBYTE_MCP_ALLOWED_HOSTS";
  public static final String ALLOWED_ORIGINS = "AIRBYTE_MCP_ALLOWED_ORIGINS";
  public static final String FILE_ALLOW = "AIRBYTE_MCP_FILE_ALLOW";
  public static final String FILE_DENY = "AIRBYTE_MCP_FILE_DENY";
  public static final String SECRET_ENV_NAMES = "AIRBYTE_MCP_SECRET_ENV_NAMES";
  public static final String TRUST_AGENT_CONNECTORS = "AIRBYTE_MCP_TRUST_AGENT_CONNECTORS";
  public static final String PYTHON_PACKAGES = "AIRBYTE_MCP_PYTHON_PACKAGES";
  public static final String EGRESS_HOSTS = "AIRBYTE_MCP_EGRESS_HOSTS";

  /**
   * Server settings whose values are not secrets (everything else read from a dotenv file is
   * masked).
   */
  public static final Set<String> NON_SECRET_VARIABLES =
      Set.of(
          ENV_FILE,
          PROJECT_DIR,
          CACHE_ROOT,
          DOMAINS,
          DOMAINS_DISABLED,
          SAFE_MODE,
          READONLY_MODE,
          TRUSTED_EXECUTION,
          LOCAL_REGISTRY,
          REGISTRY_URL,
          OFFLINE_MODE,
          CONNECTORS_CDN_URL,
          DOCS_URL,
          REGISTRY_CACHE_TTL,
          WORKSPACE_ID,
          ORGANIZATION_ID,
          API_URL,
          CONFIG_API_URL,
          DOCKER_NETWORK,
          CONNECTOR_TIMEOUT,
          DECLARATIVE_SCHEMA,
          ALLOWED_HOSTS,
          ALLOWED_ORIGINS,
          FILE_ALLOW,
          FILE_DENY,
          SECRET_ENV_NAMES,
          TRUST_AGENT_CONNECTORS,
          PYTHON_PACKAGES,
          EGRESS_HOSTS);

  /**
   * This server's settings without the prefixes below; with them, every setting and credential of
   * the server.
   */
  private static final Set<String> UNPREFIXED_SETTINGS =
      Set.of(
          PROJECT_DIR,
          CACHE_ROOT,
          LOCAL_REGISTRY,
          REGISTRY_URL,
          OFFLINE_MODE,
          CONNECTORS_CDN_URL,
          DOCS_URL,
          REGISTRY_CACHE_TTL,
          DECLARATIVE_SCHEMA);

  /**
   * Whether a variable is one of this server's own settings or credentials ({@code
   * AIRBYTE_CLOUD_*}, {@code AIRBYTE_MCP_*}, {@code AIRBYTE_PROJECT_DIR}, ...): never handed to a
   * connector as a secret.
   */
  public static boolean isServerSetting(String name) {
    return name.startsWith("AIRBYTE_CLOUD_")
        || name.startsWith("AIRBYTE_MCP_")
        || UNPREFIXED_SETTINGS.contains(name);
  }

  private SettingsLoader() {}

  /**
   * @param processEnv the process environment (System.getenv() in production)
   * @param workingDir where {@code ./.envrc} is looked for
   * @param userHome the home folder, for the default project dir
   */
  public static Settings load(
      Map<String, String> processEnv, Path workingDir, Path userHome, Transport transport) {
    Optional<DotenvFile> envFile =
        blank(processEnv.get(ENV_FILE)).map(v -> readDotenv(v, ENV_FILE, processEnv));
    Optional<DotenvFile> envrc =
        Optional.of(workingDir.resolve(".envrc"))
            .filter(Files::isRegularFile)
            .map(p -> DotenvFile.read(p, ".envrc", processEnv));

    // Process environment wins; the dotenv file fills in what it does not set.
    Map<String, String> env = new HashMap<>();
    envFile.ifPresent(f -> env.putAll(f.values()));
    env.putAll(processEnv);

    Path projectDir = projectDir(env, userHome);
    Path cacheRoot =
        blank(env.get(CACHE_ROOT))
            .map(v -> absolutePath(CACHE_ROOT, v))
            .orElse(projectDir.resolve(".cache"));

    String apiUrl =
        CloudSettings.stripSlash(blank(env.get(API_URL)).orElse(CloudSettings.CLOUD_API_URL));
    String configApiUrl =
        blank(env.get(CONFIG_API_URL))
            .map(CloudSettings::stripSlash)
            .orElseGet(() -> CloudSettings.deriveConfigApiUrl(apiUrl));
    CloudSettings cloud =
        new CloudSettings(
            blank(env.get(CLIENT_ID)),
            blank(env.get(CLIENT_SECRET)),
            blank(env.get(BEARER_TOKEN)).map(SettingsLoader::stripBearer),
            blank(env.get(WORKSPACE_ID)),
            blank(env.get(ORGANIZATION_ID)),
            apiUrl,
            configApiUrl);

    String cdn =
        CloudSettings.stripSlash(
            blank(env.get(CONNECTORS_CDN_URL)).orElse(RegistrySettings.CDN_URL));
    Optional<String> localRegistry = blank(env.get(LOCAL_REGISTRY));
    String registryUrl =
        blank(env.get(REGISTRY_URL))
            .or(() -> localRegistry.filter(SettingsLoader::isUrl))
            .orElse(cdn + "/registries/v0/oss_registry.json");
    Optional<Path> registryFile =
        localRegistry.filter(v -> !isUrl(v)).map(v -> absolutePath(LOCAL_REGISTRY, v));
    RegistrySettings registry =
        new RegistrySettings(
            registryUrl,
            registryFile,
            cdn,
            CloudSettings.stripSlash(blank(env.get(DOCS_URL)).orElse(RegistrySettings.DOCS_URL)),
            truthy(OFFLINE_MODE, env.get(OFFLINE_MODE), false),
            duration(env.get(REGISTRY_CACHE_TTL), Duration.ofHours(24)));

    return new Settings(
        transport,
        projectDir,
        cacheRoot,
        envFile,
        envrc,
        cloud,
        registry,
        truthy(SAFE_MODE, env.get(SAFE_MODE), true),
        truthy(READONLY_MODE, env.get(READONLY_MODE), false),
        truthy(TRUSTED_EXECUTION, env.get(TRUSTED_EXECUTION), transport == Transport.STDIO),
        domains(env.get(DOMAINS), env.get(DOMAINS_DISABLED)),
        new SecretValues(
            processEnv,
            envFile.map(DotenvFile::values).orElse(Map.of()),
            envrc.map(DotenvFile::values).orElse(Map.of()),
            Set.copyOf(csv(env.get(SECRET_ENV_NAMES)))),
        new ConnectorRuntimeSettings(
            blank(env.get(DOCKER_NETWORK)),
            connectorTimeout(env.get(CONNECTOR_TIMEOUT)),
            blank(env.get(DECLARATIVE_SCHEMA)),
            egressRules(env.get(EGRESS_HOSTS))),
        agentPolicy(
            env,
            Stream.of(envFile, envrc).flatMap(Optional::stream).map(DotenvFile::path).toList()));
  }

  private static AgentPolicy agentPolicy(Map<String, String> env, List<Path> dotenvFiles) {
    AgentFiles files =
        new AgentFiles(
            dotenvFiles,
            roots(FILE_ALLOW, env.get(FILE_ALLOW)),
            roots(FILE_DENY, env.get(FILE_DENY)));
    return new AgentPolicy(
        files,
        truthy(TRUST_AGENT_CONNECTORS, env.get(TRUST_AGENT_CONNECTORS), false),
        Set.copyOf(csv(env.get(PYTHON_PACKAGES))));
  }

  private static List<Path> roots(String variable, String csvValue) {
    return csv(csvValue).stream().map(v -> absolutePath(variable, v)).toList();
  }

  private static EgressRules egressRules(String value) {
    try {
      return EgressRules.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigError(
          EGRESS_HOSTS + ": " + e.getMessage() + ".",
          "List host names or address blocks separated by commas, e.g. 127.0.0.1,localhost,10.0.0.0/8.");
    }
  }

  private static Optional<Duration> connectorTimeout(String value) {
    Optional<String> v = blank(value);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(v.get());
      if (seconds > 0) {
        return Optional.of(Duration.ofSeconds(seconds));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigError(
        CONNECTOR_TIMEOUT + "='" + value + "' is not a number of seconds above 0.",
        "Give whole seconds, e.g. 3600, or leave it unset for the defaults (10 min for spec/check/discover, 6 h for reads).");
  }

  private static DotenvFile readDotenv(
      String value, String variable, Map<String, String> processEnv) {
    try {
      return DotenvFile.read(Path.of(value), variable, processEnv);
    } catch (InvalidPathException e) {
      return DotenvFile.failed(
          Path.of("invalid"), variable, variable + " is not a valid path: '" + value + "'.");
    }
  }

  /** Why a folder cannot be created, in words (the JDK's exceptions name only the path). */
  private static String whyNot(Exception e) {
    if (e instanceof FileAlreadyExistsException inTheWay) {
      return inTheWay.getFile() + " is a file, not a folder";
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    return e.getMessage();
  }

  private static Path projectDir(Map<String, String> env, Path userHome) {
    Path dir =
        blank(env.get(PROJECT_DIR))
            .map(v -> absolutePath(PROJECT_DIR, v))
            .orElse(userHome.resolve(".airbyte-mcp"));
    try {
      PrivateFiles.createDirectories(dir); // 0700: it holds the cache and, briefly, configs
    } catch (IOException | SecurityException e) {
      throw new ConfigError(
          PROJECT_DIR + " points to " + dir + ", which cannot be created: " + whyNot(e) + ".",
          "Set " + PROJECT_DIR + " to an absolute path of a folder you can write to.");
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new ConfigError(
          PROJECT_DIR + " points to " + dir + ", which is not a writable folder.",
          "Set " + PROJECT_DIR + " to an absolute path of a folder you can write to.");
    }
    return dir;
  }

  private static Path absolutePath(String variable, String value) {
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      throw new ConfigError(
          variable + " is not a valid path: '" + value + "'.", "Use an absolute path.");
    }
    if (value.startsWith("~") || !path.isAbsolute()) {
      throw new ConfigError(
          variable + " must be an absolute path, but it is '" + value + "'.",
          "MCP clients start servers from unpredictable folders and do not expand '~'; write the full path, e.g. /home/me/airbyte.");
    }
    return path.normalize();
  }

  static Set<Domain> domains(String enabledCsv, String disabledCsv) {
    List<String> enabled = csv(enabledCsv);
    List<String> disabled = csv(disabledCsv);
    if (!enabled.isEmpty() && !disabled.isEmpty()) {
      throw new ConfigError(
          DOMAINS + " and " + DOMAINS_DISABLED + " are both set; they are mutually exclusive.",
          "Keep one: list the domains to enable, or the domains to disable.");
    }
    List<String> unknown = new ArrayList<>();
    EnumSet<Domain> named = EnumSet.noneOf(Domain.class);
    for (String name : enabled.isEmpty() ? disabled : enabled) {
      Domain.fromId(name).ifPresentOrElse(named::add, () -> unknown.add(name));
    }
    if (!unknown.isEmpty()) {
      throw new ConfigError(
          "Unknown tool domain(s) "
              + unknown
              + " in "
              + (enabled.isEmpty() ? DOMAINS_DISABLED : DOMAINS)
              + ".",
          "Known domains: registry, local, cloud, interactive.");
    }
    if (!enabled.isEmpty()) {
      return Set.copyOf(named);
    }
    EnumSet<Domain> all = EnumSet.allOf(Domain.class);
    all.removeAll(named);
    return Set.copyOf(all);
  }

  private static List<String> csv(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * 1/true/yes/on and 0/false/no/off, any case; blank means the default. Anything else is an error.
   */
  /** AIRBYTE_OFFLINE_MODE alone, for commands that run before (or without) the settings. */
  public static boolean offlineMode(Map<String, String> env) {
    return truthy(OFFLINE_MODE, env.get(OFFLINE_MODE), false);
  }

  static boolean truthy(String variable, String value, boolean defaultValue) {
    Optional<String> v = blank(value).map(s -> s.toLowerCase(Locale.ROOT));
    if (v.isEmpty()) {
      return defaultValue;
    }
    return switch (v.get()) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default ->
          throw new ConfigError(
              variable + "='" + value + "' is neither on nor off.",
              "Use 1 or 0 (true/false, yes/no and on/off work too).");
    };
  }

  private static Duration duration(String value, Duration defaultValue) {
    Optional<String> v = blank(value);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(v.get()));
    } catch (NumberFormatException e) {
      try {
        return Duration.parse(v.get());
      } catch (DateTimeParseException e2) {
        throw new ConfigError(
            REGISTRY_CACHE_TTL + "='" + value + "' is not a duration.",
            "Give seconds (86400) or ISO-8601 (PT24H).");
      }
    }
  }

  private static String stripBearer(String token) {
    return token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).trim() : token;
  }

  private static boolean isUrl(String value) {
    return value.startsWith("http://") || value.startsWith("https://");
  }

  static Optional<String> blank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }
}
