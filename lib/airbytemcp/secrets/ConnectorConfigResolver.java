package airbytemcp.secrets;

import airbytemcp.common.Json;
import airbytemcp.common.PrivateFiles;
import airbytemcp.config.AgentFiles;
import airbytemcp.network.ConfigLeaves;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link ConfigInput} into one config object that still holds its secret references.
 * Literal values in fields the connector's spec marks secret are refused; whole-config secrets are
 * merged over the rest and masked.
 */
public final class ConnectorConfigResolver {
  private final SecretReferences references;
  private final Masker masker;
  private final boolean trusted;
  private final AgentFiles files;

  /**
   * @param trusted whether this caller may read files and secrets of the server's machine (trusted
   *     execution)
   * @param files the rules for config files named by the caller
   */
  public ConnectorConfigResolver(
      SecretReferences references, Masker masker, boolean trusted, AgentFiles files) {
    this.references = references;
    this.masker = masker;
    this.trusted = trusted;
    this.files = files;
  }

  /**
   * @param specSchema the connector's connection specification, when known, for the hard-coded
   *     secret check
   */
  public ObjectNode resolve(ConfigInput input, Optional<JsonNode> specSchema) {
    ObjectNode config = Json.object();
    input.configFile().ifPresent(path -> merge(config, readFile(path, "config_file")));
    input.config().ifPresent(value -> merge(config, fromConfigArgument(value)));

    if (SecretReferences.containsReference(config)) {
      requireTrusted("secret_reference:: values");
    }
    specSchema.ifPresent(spec -> refuseHardCodedSecrets(config, spec));

    if (input.configSecretName().isPresent()) {
      ObjectNode secretConfig = secretConfig(input.configSecretName().get().strip());
      masker.registerUserLeaves(secretConfig);
      Json.deepMerge(config, secretConfig);
    }
    return config;
  }

  /**
   * Refuses a whole-config secret ({@code config_secret_name}) bound for Airbyte when a value of it
   * that is kept secret would land outside the fields the spec marks secret (anywhere, when no spec
   * is known), as {@link SecretPlacement} refuses a misplaced reference: Airbyte stores other
   * fields as plain text. Values too short to be masked (a port, {@code ssl: true}) may go
   * anywhere.
   */
  public void requireSecretConfigOnlyInSecretFields(
      ConfigInput input, Optional<JsonNode> spec, String connector) {
    if (input.configSecretName().isEmpty()) {
      return;
    }
    String name = input.configSecretName().get().strip();
    ObjectNode secretConfig = secretConfig(name);
    masker.registerUserLeaves(secretConfig);
    SecretPlacement.requireSecretConfigOnlyInSecretFields(
        referencing(secretConfig, SecretReferences.PREFIX + name), spec, connector, name);
  }

  /**
   * Refuses a config bound for Airbyte that holds a literal value revealing one of the user's
   * secrets outside the fields the spec marks secret, naming the fields (never values). The
   * references were placed already; this covers what came as text: a config file the agent named
   * holds whatever the user wrote there, and an inline value may be a secret the agent learned.
   *
   * @param config the merged config, references not yet resolved
   */
  public void requireKnownSecretsOnlyInSecretFields(
      JsonNode config, Optional<JsonNode> spec, String connector) {
    SecretPlacement.requireKnownSecretsOnlyInSecretFields(
        referencing(config, SecretReferences.PREFIX + "KNOWN_SECRET"), spec, connector);
  }

  /** A copy whose values that reveal a secret are {@code reference}, so placement sees them. */
  private JsonNode referencing(JsonNode node, String reference) {
    if (node.isObject()) {
      ObjectNode copy = Json.object();
      node.fields()
          .forEachRemaining(f -> copy.set(f.getKey(), referencing(f.getValue(), reference)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      node.forEach(item -> copy.add(referencing(item, reference)));
      return copy;
    }
    return node.isValueNode() && masker.revealsSecret(node.asText())
        ? TextNode.valueOf(reference)
        : node;
  }

  private ObjectNode secretConfig(String name) {
    requireTrusted("config_secret_name");
    String value = references.lookup(name);
    JsonNode secretConfig;
    try {
      secretConfig = Json.parseJsonOrYaml(value);
    } catch (IllegalArgumentException e) {
      secretConfig = null; // its parse error would quote the secret
    }
    if (secretConfig == null || !secretConfig.isObject()) {
      throw new SecretError(
          "Secret '" + name + "' is not a JSON or YAML object.",
          "config_secret_name must name a secret whose value is a whole config object.");
    }
    return (ObjectNode) secretConfig;
  }

  /**
   * Refuses an inline config value that names a file in a place tools may not read (the dotenv
   * files, hidden files and folders, {@code /proc}, ...): a connector that runs on this machine
   * reads what its config names (source-file's {@code url} with local storage) and hands it back as
   * records, which would get around the rules on the tools' own file arguments. A value names a
   * file when it is an absolute path, starts with {@code ~} or {@code file:}, or climbs with {@code
   * ..}, as it is or after a scheme; the place it names and the one it leads to through links must
   * both be allowed. A config file's values are the user's own and are not checked.
   */
  public void requireInlinePathsAllowed(ConfigInput input) {
    if (input.config().isEmpty() || input.configIsPath()) {
      return;
    }
    Set<String> refused = new LinkedHashSet<>();
    ConfigLeaves.forEach(
        fromConfigArgument(input.config().get()),
        true,
        (path, value) -> {
          if (!namesAllowedFile(value.strip())) {
            refused.add(path.isEmpty() ? "(the whole config)" : path);
          }
        });
    if (!refused.isEmpty()) {
      throw new SecretError(
          "The config names files in places tools may not read, at: "
              + String.join(", ", refused)
              + ". A connector that runs on this machine would read them.",
          "Name a file in an allowed place (not hidden, not a dotenv file, not under /proc, /sys, /dev or "
              + "/etc), or ask the user to list its folder in AIRBYTE_MCP_FILE_ALLOW.");
    }
  }

  /**
   * Whether a value that names a local file names one in an allowed place (true if it names none),
   * read as it is and as what follows each {@code ://} in it: source-file drops any scheme before
   * it opens a local path ({@code x://~/.ssh/id_rsa} is {@code ~/.ssh/id_rsa}).
   */
  private boolean namesAllowedFile(String value) {
    for (int at = value.indexOf("://"); at >= 0; at = value.indexOf("://", at + 1)) {
      if (!namesAllowedFileAsItIs(value.substring(at + 3))) {
        return false;
      }
    }
    return namesAllowedFileAsItIs(value);
  }

  private boolean namesAllowedFileAsItIs(String value) {
    String file = value;
    if (file.regionMatches(true, 0, "file:", 0, 5)) {
      file = file.substring(5).replaceFirst("^/+", "/");
    }
    if (file.startsWith("~")) {
      file = System.getProperty("user.home") + file.substring(1);
    }
    boolean climbs = file.equals("..") || file.startsWith("../") || file.contains("/../");
    if (climbs && !file.startsWith("/")) {
      return false; // relative to a folder the connector chooses: nowhere to check
    }
    if (!file.startsWith("/")) {
      return true;
    }
    try {
      // the connector follows links: one in an allowed place may lead into a denied one
      return files.allowedPlaceThroughLinks(Path.of(file).normalize());
    } catch (InvalidPathException e) {
      return true; // no path a file system reads
    }
  }

  /**
   * The parts a config was merged from, lowest precedence first, for writing a rotated config back
   * where each field came from. Reads the files and the secret again, as they are now.
   */
  List<ConfigPart> parts(ConfigInput input) {
    List<ConfigPart> parts = new ArrayList<>();
    input
        .configFile()
        .ifPresent(
            path ->
                parts.add(
                    new ConfigPart(
                        ConfigPart.Kind.FILE, path, (ObjectNode) readFile(path, "config_file"))));
    input
        .config()
        .ifPresent(
            value -> {
              boolean isPath = ConfigInput.isPath(value);
              parts.add(
                  new ConfigPart(
                      isPath ? ConfigPart.Kind.FILE : ConfigPart.Kind.INLINE,
                      isPath ? ((String) value).strip() : null,
                      (ObjectNode) fromConfigArgument(value)));
            });
    input
        .configSecretName()
        .ifPresent(
            name -> {
              String secret = name.strip();
              parts.add(
                  new ConfigPart(
                      ConfigPart.Kind.SECRET,
                      secret,
                      (ObjectNode) Json.parseJsonOrYaml(references.lookup(secret))));
            });
    return parts;
  }

  /** Writes a config file given as {@code config_file} or {@code config} back, in its format. */
  void writeFile(String pathText, ObjectNode content) throws IOException {
    String old = files.read(pathText, "config_file");
    String text =
        (old.strip().startsWith("{")
                ? Json.MAPPER.writerWithDefaultPrettyPrinter()
                : Json.YAML.writer())
            .writeValueAsString(content);
    PrivateFiles.replaceString(files.requireReadable(pathText, "config_file"), text);
  }

  private void refuseHardCodedSecrets(ObjectNode config, JsonNode spec) {
    List<String> fields = SecretFields.of(spec).hardCoded(config);
    if (!fields.isEmpty()) {
      fields.forEach(path -> masker.registerLeaves(at(config, path)));
      throw new SecretError(
          "The config holds literal values in secret fields: " + String.join(", ", fields) + ".",
          "Put each secret in the dotenv file (AIRBYTE_MCP_ENV_FILE) and reference it by name, e.g. "
              + "{\""
              + lastSegment(fields.get(0))
              + "\": \"secret_reference::MY_SECRET_NAME\"}; "
              + "list_dotenv_secrets shows the names available.");
    }
  }

  private JsonNode fromConfigArgument(Object value) {
    if (value instanceof Map<?, ?> || value instanceof JsonNode) {
      JsonNode node = Json.toTree(value);
      if (!node.isObject()) {
        throw notAnObject("config");
      }
      return node;
    }
    if (value instanceof String text) {
      String trimmed = text.strip();
      if (trimmed.startsWith("{")) {
        JsonNode node;
        try {
          node = Json.parse(trimmed);
        } catch (IllegalArgumentException e) {
          throw new SecretError(
              "config is not valid JSON.",
              "Pass config as a JSON object, a JSON string or an absolute file path.");
        }
        return node;
      }
      if (!trimmed.isEmpty() && !trimmed.contains("\n")) {
        return readFile(trimmed, "config");
      }
    }
    throw new SecretError(
        "config must be an object, a JSON string or an absolute file path.",
        "Pass config as a JSON object, or a path in config_file.");
  }

  private JsonNode readFile(String pathText, String argument) {
    requireTrusted(argument + " files");
    String text = files.read(pathText, argument);
    JsonNode node;
    try {
      node = Json.parseJsonOrYaml(text);
    } catch (IllegalArgumentException e) {
      // the parser's own message quotes the file: say only where it failed
      throw new SecretError(
          "The " + argument + " file is not valid JSON or YAML: " + e.getMessage(),
          "Check its syntax.");
    }
    if (!node.isObject()) {
      throw notAnObject(argument);
    }
    return node;
  }

  private void requireTrusted(String feature) {
    if (!trusted) {
      throw new SecretError(
          "Using " + feature + " needs trusted execution, which is off for this server.",
          "Set AIRBYTE_MCP_TRUSTED_EXECUTION=1 for a stdio server that runs on your own machine and restart it.");
    }
  }

  private static SecretError notAnObject(String argument) {
    return new SecretError(
        argument + " must hold a JSON or YAML object.", "Wrap the settings in { ... }.");
  }

  private static void merge(ObjectNode target, JsonNode source) {
    source.fields().forEachRemaining(f -> target.set(f.getKey(), f.getValue().deepCopy()));
  }

  private static JsonNode at(JsonNode root, String dottedPath) {
    JsonNode node = root;
    for (String part : dottedPath.split("\\.")) {
      int bracket = part.indexOf('[');
      node = node.path(bracket < 0 ? part : part.substring(0, bracket));
      while (bracket >= 0) {
        int end = part.indexOf(']', bracket);
        node = node.path(Integer.parseInt(part.substring(bracket + 1, end)));
        bracket = part.indexOf('[', end);
      }
    }
    return node;
  }

  private static String lastSegment(String path) {
    String last = path.substring(path.lastIndexOf('.') + 1);
    int bracket = last.indexOf('[');
    return bracket < 0 ? last : last.substring(0, bracket);
  }
}
