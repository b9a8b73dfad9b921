package airbytemcp.secrets;

import airbytemcp.common.CloseNames;
import airbytemcp.config.DotenvFile;
import airbytemcp.config.DotenvUpdate;
import airbytemcp.config.SecretValues;
import airbytemcp.config.SettingsLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves {@code secret_reference::NAME} values, inside the server only. Every value it hands out
 * is registered with the {@link Masker} first, so it can never travel back to the client.
 */
public final class SecretReferences {
  public static final String PREFIX = "secret_reference::";

  private final SecretValues values;
  private final Masker masker;
  private final List<DotenvFile> dotenvFiles;
  // Values a connector rotated since start-up (OAuth refresh tokens): they win over the settings,
  // which are read once, so the next call in this process uses the token that still works.
  private final Map<String, String> rotated = new ConcurrentHashMap<>();

  public SecretReferences(SecretValues values, Masker masker) {
    this(values, masker, List.of());
  }

  /**
   * @param dotenvFiles the files secrets were read from, where rotated values are written back
   */
  public SecretReferences(SecretValues values, Masker masker, List<DotenvFile> dotenvFiles) {
    this.values = values;
    this.masker = masker;
    this.dotenvFiles = List.copyOf(dotenvFiles);
  }

  /**
   * Replaces a secret's value after the connector rotated it: from now on in this process, and in
   * the dotenv file the value was read from. False when no file holds it on a line of its own (set
   * in the process environment, or over several lines): then only this process knows the new value.
   */
  public boolean store(String name, String value) {
    masker.registerUserValue(value);
    rotated.put(name, value);
    // the file whose start-up value is the one resolved (the process environment may win over it)
    Optional<String> atStartUp = values.lookup(name);
    for (DotenvFile file : dotenvFiles) {
      String inFile = file.values().get(name);
      if (inFile != null && atStartUp.isPresent() && inFile.equals(atStartUp.get())) {
        try {
          return DotenvUpdate.replace(file.path(), name, value);
        } catch (IOException e) {
          return false;
        }
      }
    }
    return false;
  }

  private Optional<String> lookupQuietly(String name) {
    String latest = rotated.get(name);
    return latest != null ? Optional.of(latest) : values.lookup(name);
  }

  public static boolean isReference(JsonNode node) {
    return node != null && node.isTextual() && node.asText().startsWith(PREFIX);
  }

  public static String nameOf(String reference) {
    return reference.substring(PREFIX.length()).strip();
  }

  public static boolean containsReference(JsonNode node) {
    if (isReference(node)) {
      return true;
    }
    for (JsonNode child : node) {
      if (containsReference(child)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The secret's value; registered with the masker before it is returned. Only names the user
   * declared in a dotenv file or listed in AIRBYTE_MCP_SECRET_ENV_NAMES resolve, never the server's
   * own settings and credentials.
   */
  public String lookup(String name) {
    if (SettingsLoader.isServerSetting(name)) {
      throw new SecretError(
          "'"
              + name
              + "' is one of this server's own settings or credentials; secret_reference:: and "
              + "config_secret_name never resolve those.",
          "Store the connector's secret under a name of its own in the dotenv file (AIRBYTE_MCP_ENV_FILE); "
              + "list_dotenv_secrets shows the names available.");
    }
    if (name.isBlank()) {
      throw new SecretError(
          "A secret_reference:: names no secret.",
          "Write the secret's name after it, as in secret_reference::NAME; list_dotenv_secrets shows "
              + "the names that are declared.");
    }
    Optional<String> value = lookupQuietly(name);
    List<String> meant =
        value.isPresent() ? List.of() : CloseNames.closest(name, values.resolvableNames(), 3);
    if (!meant.isEmpty()) {
      throw new SecretError(
          "Secret '"
              + name
              + "' is not declared in the server's dotenv file; did you mean "
              + String.join(" or ", meant)
              + "?",
          "Use secret_reference::"
              + meant.get(0)
              + " if that is the secret meant; list_dotenv_secrets shows the names that are declared.");
    }
    if (value.isEmpty()) {
      throw new SecretError(
          "Secret '" + name + "' is not declared in the server's dotenv file.",
          "Add "
              + name
              + "=... to the dotenv file named by AIRBYTE_MCP_ENV_FILE and restart the server (a variable "
              + "of the server's environment resolves only when its name is listed in AIRBYTE_MCP_SECRET_ENV_NAMES); "
              + "list_dotenv_secrets shows the names that are declared.");
    }
    masker.registerUserValue(value.get());
    return value.get();
  }

  /** A deep copy of {@code config} with every secret reference replaced by its value. */
  public JsonNode hydrate(JsonNode config) {
    if (isReference(config)) {
      return TextNode.valueOf(lookup(nameOf(config.asText())));
    }
    if (config.isObject()) {
      ObjectNode copy = ((ObjectNode) config).objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), hydrate(field.getValue()));
      }
      return copy;
    }
    if (config.isArray()) {
      ArrayNode copy = ((ArrayNode) config).arrayNode();
      config.forEach(element -> copy.add(hydrate(element)));
      return copy;
    }
    return config;
  }
}
