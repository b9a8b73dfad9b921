package airbytemcp.declarative;

import airbytemcp.common.Json;
import airbytemcp.registry.ConnectorFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads declarative manifests from the registry CDN, a local file or given text, and turns them
 * into a {@link Manifest}: rejects manifests that need custom Python components, resolves {@code
 * $ref}s, propagates {@code $parameters}, fills schema defaults and validates against the component
 * schema.
 */
public final class ManifestLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestLoader.class);
  private final ConnectorFiles files;
  private final Supplier<Optional<ComponentSchema>> schema;

  /**
   * @param files where registry manifests are downloaded from; may be null when only local
   *     manifests are used
   * @param schema the component schema, or empty when it cannot be had (then validation is skipped,
   *     with a warning)
   */
  public ManifestLoader(ConnectorFiles files, Supplier<Optional<ComponentSchema>> schema) {
    this.files = files;
    this.schema = schema;
  }

  /** The manifest the registry publishes for this connector version (e.g. {@code latest}). */
  public Manifest fromRegistry(String connector, String version) {
    if (files == null) {
      throw new DeclarativeError(
          "No registry is configured to download manifests from.",
          "Give the manifest with manifest_path instead.");
    }
    String text =
        files
            .fetchText(connector, version, "manifest.yaml")
            .orElseThrow(
                () ->
                    new DeclarativeError(
                        connector
                            + " "
                            + version
                            + " has no manifest.yaml in the registry, so it is not a declarative connector.",
                        "Run it with the Docker or Python executor."));
    Manifest m = fromText(connector, text);
    return new Manifest(
        m.name(), m.definition(), m.cdkVersion(), connector + " " + version + " (registry)");
  }

  public Manifest fromPath(Path path) {
    try {
      String name =
          path.getFileName().toString().replaceFirst("\\.manifest\\.ya?ml$|\\.ya?ml$", "");
      Manifest m = fromText(name, Files.readString(path));
      return new Manifest(m.name(), m.definition(), m.cdkVersion(), path.toString());
    } catch (IOException e) {
      throw new DeclarativeError(
          "The manifest file "
              + path
              + " could not be read: it may not exist (any more) or may not be readable by the"
              + " server.",
          "Check that manifest_path names a YAML file that exists and that the server's user may"
              + " read.");
    }
  }

  public Manifest fromText(String name, String yaml) {
    JsonNode raw;
    try {
      raw = Json.YAML.readTree(yaml);
    } catch (IOException e) {
      // the parser's message quotes the offending lines: give its position and its reason only
      String where = e instanceof JsonProcessingException p ? " " + Json.where(p) : "";
      String reason = e instanceof JsonProcessingException p ? Json.yamlReason(p) : "";
      throw new DeclarativeError(
          "The manifest of "
              + name
              + " is not valid YAML"
              + where
              + (reason.isEmpty() ? "" : ": " + reason)
              + ".",
          "Fix the YAML syntax of the manifest at that line (indentation, a missing ':' or an"
              + " unclosed quote or bracket are the usual causes).");
    }
    return fromJson(name, raw);
  }

  public Manifest fromJson(String name, JsonNode raw) {
    if (raw != null
        && raw.isObject()
        && !raw.has("type")
        && (raw.has("streams") || raw.has("dynamic_streams"))) {
      ((ObjectNode) raw)
          .put("type", "DeclarativeSource"); // the CDK assumes it when the manifest leaves it out
    }
    if (raw == null || !raw.isObject() || !"DeclarativeSource".equals(raw.path("type").asText())) {
      throw new DeclarativeError(
          "The manifest of " + name + " is not a declarative source (type: DeclarativeSource).",
          "Give an Airbyte low-code manifest (manifest.yaml).");
    }
    List<String> custom = CustomComponents.find(raw);
    if (!custom.isEmpty()) {
      throw new CustomComponentsError(name, custom);
    }
    ObjectNode resolved = (ObjectNode) RefResolver.resolve(raw);
    resolved.remove("definitions");
    ObjectNode propagated = ParameterPropagator.propagate(resolved);
    Optional<ComponentSchema> components = schema.get();
    if (components.isPresent()) {
      List<String> problems = components.get().validate(propagated);
      if (!problems.isEmpty()) {
        throw new DeclarativeError(
            "The manifest of "
                + name
                + " does not match the declarative component schema: "
                + String.join("; ", problems),
            "Fix the manifest at the paths named; the schema is Airbyte's declarative_component_schema.yaml.");
      }
      components.get().applyDefaults(propagated);
    } else {
      LOG.warn(
          "The declarative component schema is not available; {} is used without validation.",
          name);
    }
    return new Manifest(name, propagated, propagated.path("version").asText(""));
  }

  /**
   * Component types the manifest uses that the JVM runtime cannot run, seen as the CDK sees the
   * manifest.
   */
  public Set<String> unsupported(Manifest manifest) {
    return SupportedComponents.unsupported(manifest.definition(), schema.get());
  }
}
