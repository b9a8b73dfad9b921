package airbytemcp.secrets;

import airbytemcp.common.Json;
import airbytemcp.common.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a config a connector rewrote (a rotated OAuth refresh token, its new access token) where
 * the user's config came from, field by field: a {@code secret_reference::NAME} field updates that
 * secret in its dotenv file, a field of a config file is written back to the file, a field of a
 * whole-config secret updates that secret. A field given inline in the tool call has nowhere to go;
 * it is named in the log (never its value). Nor does a value built from what the call or a config
 * file gave (a config migration that copies {@code groups} into {@code groups_list}) go into the
 * user's secrets: the next process would take it for the user's own, and the agent's host with it.
 *
 * <p>The call names the config file, so the agent may name any JSON/YAML file of the user's. A
 * config file therefore never gets a value that reveals a secret the masker knows (a migration's
 * copy of a resolved secret that is not its reference), nor one built from the call's inline {@code
 * config}: the agent cannot plant its own values there. What the connector made up (a rotated
 * token) or built from the file's own content still goes back to the file.
 */
public final class RotatedConfigs {
  private static final Logger LOG = LoggerFactory.getLogger(RotatedConfigs.class);

  /** Which changed fields (dotted paths) were stored, and which could not be. */
  public record Outcome(List<String> stored, List<String> notStored) {}

  private final ConnectorConfigResolver configs;
  private final SecretReferences secrets;
  private final Masker masker;

  /**
   * @param masker knows the secrets resolved so far: none of them is written into a config file
   */
  public RotatedConfigs(ConnectorConfigResolver configs, SecretReferences secrets, Masker masker) {
    this.configs = configs;
    this.secrets = secrets;
    this.masker = masker;
  }

  /**
   * Stores the fields that changed between the two configs.
   *
   * @param before the hydrated config the connector started from (or last stored)
   * @param after the config the connector announced
   */
  public Outcome store(ConfigInput input, JsonNode before, JsonNode after) {
    List<List<String>> changed = new ArrayList<>();
    changedLeaves(before, after, new ArrayList<>(), changed);
    if (changed.isEmpty()) {
      return new Outcome(List.of(), List.of());
    }
    List<ConfigPart> parts;
    try {
      parts = configs.parts(input);
    } catch (UserError e) {
      // the file or secret went away since the run started: the read goes on, the rotation is lost
      LOG.warn("The rotated config could not be stored: {}", e.getMessage());
      return new Outcome(List.of(), changed.stream().map(p -> String.join(".", p)).toList());
    }
    Given given = new Given(new HashSet<>(), new HashSet<>());
    for (ConfigPart part : parts) {
      if (part.kind() != ConfigPart.Kind.SECRET) {
        leaves(part.content(), given.all());
      }
      if (part.kind() == ConfigPart.Kind.INLINE) {
        leaves(part.content(), given.inline());
      }
    }
    List<ConfigPart> dirty = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    List<String> notStored = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (List<String> path : changed) {
      String dotted = String.join(".", path);
      JsonNode value = at(after, path);
      Placement placement = storeField(parts, path, value, dirty, given);
      (placement == Placement.STORED ? stored : notStored).add(dotted);
      if (placement == Placement.REFUSED) {
        refused.add(dotted);
      }
    }
    for (ConfigPart part : dirty) {
      if (!persist(part)) {
        notStored.add(
            part.kind() == ConfigPart.Kind.FILE ? "the config file" : "config_secret_name");
      }
    }
    if (!refused.isEmpty()) {
      LOG.warn(
          "Did not write the changed config fields {} into the config file: each holds a secret or "
              + "a value the call gave inline in config.",
          masker.mask(String.join(", ", refused)));
    }
    List<String> unplaced = notStored.stream().filter(f -> !refused.contains(f)).toList();
    if (!unplaced.isEmpty()) {
      LOG.warn(
          "The connector rotated config fields that could not be stored: {}. Give them through a "
              + "config file or secret_reference:: values in the dotenv file so that the next run "
              + "starts from them.",
          String.join(", ", unplaced));
    }
    if (!stored.isEmpty()) {
      LOG.info("Stored the rotated config fields {}.", String.join(", ", stored));
    }
    return new Outcome(List.copyOf(stored), List.copyOf(notStored));
  }

  /**
   * The values the call gave: {@code all} from its config files and inline {@code config} (not the
   * user's secrets), {@code inline} from the inline {@code config} alone.
   */
  private record Given(Set<String> all, Set<String> inline) {}

  /** What became of one changed field. */
  private enum Placement {
    STORED,
    /** Nowhere to put it (an inline field), or the write failed. */
    NOT_STORED,
    /** It had a place in a config file, but its value may not go there. */
    REFUSED
  }

  private Placement storeField(
      List<ConfigPart> parts,
      List<String> path,
      JsonNode value,
      List<ConfigPart> dirty,
      Given given) {
    Optional<ConfigPart> secret =
        parts.stream().filter(p -> p.kind() == ConfigPart.Kind.SECRET).findFirst();
    // the whole-config secret was deep-merged last: it wins for every field it has
    if (secret.isPresent() && at(secret.get().content(), path) != null) {
      return setIn(secret.get(), path, value, dirty, given);
    }
    // config_file and config were merged key by key at the top: the later one owns a top-level key
    for (int i = parts.size() - 1; i >= 0; i--) {
      ConfigPart part = parts.get(i);
      if (part.kind() != ConfigPart.Kind.SECRET && part.content().has(path.get(0))) {
        return setIn(part, path, value, dirty, given);
      }
    }
    // a field the connector added (an access token, its expiry): into a file or the secret
    for (ConfigPart part : parts) {
      if (part.kind() == ConfigPart.Kind.FILE) {
        return setIn(part, path, value, dirty, given);
      }
    }
    return secret.isPresent()
        ? setIn(secret.get(), path, value, dirty, given)
        : Placement.NOT_STORED;
  }

  private Placement setIn(
      ConfigPart part, List<String> path, JsonNode value, List<ConfigPart> dirty, Given given) {
    JsonNode old = at(part.content(), path);
    boolean intoUsersSecrets =
        SecretReferences.isReference(old) || part.kind() == ConfigPart.Kind.SECRET;
    if (intoUsersSecrets && builtFrom(value.asText(), given.all())) {
      return Placement.NOT_STORED;
    }
    if (SecretReferences.isReference(old)) {
      return value.isValueNode()
              && secrets.store(SecretReferences.nameOf(old.asText()), value.asText())
          ? Placement.STORED
          : Placement.NOT_STORED;
    }
    if (part.kind() == ConfigPart.Kind.INLINE) {
      return Placement.NOT_STORED; // the tool call's own arguments: nothing to write back to
    }
    if (part.kind() == ConfigPart.Kind.FILE
        && (revealsSecret(value) || builtFrom(value, given.inline()))) {
      return Placement.REFUSED;
    }
    ObjectNode parent = part.content();
    for (String key : path.subList(0, path.size() - 1)) {
      JsonNode child = parent.get(key);
      if (child == null || !child.isObject()) {
        child = parent.putObject(key);
      }
      parent = (ObjectNode) child;
    }
    parent.set(path.get(path.size() - 1), value.deepCopy());
    if (!dirty.contains(part)) {
      dirty.add(part);
    }
    return Placement.STORED;
  }

  /** Whether the value, as JSON or any leaf of it, holds a secret the masker knows. */
  private boolean revealsSecret(JsonNode value) {
    if (masker.revealsSecret(Json.write(value))) {
      return true;
    }
    Set<String> leaves = new HashSet<>();
    leaves(value, leaves);
    return leaves.stream().anyMatch(masker::revealsSecret);
  }

  /** Whether the value, or any leaf of it, is built from one of {@code given}. */
  private static boolean builtFrom(JsonNode value, Set<String> given) {
    Set<String> leaves = new HashSet<>();
    leaves(value, leaves);
    return leaves.stream().anyMatch(leaf -> builtFrom(leaf, given));
  }

  private boolean persist(ConfigPart part) {
    if (part.kind() == ConfigPart.Kind.SECRET) {
      return secrets.store(part.where(), Json.write(part.content()));
    }
    try {
      configs.writeFile(part.where(), part.content());
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Could not write the rotated config back to its config file: {}",
          e.getClass().getSimpleName());
      return false;
    }
  }

  /** Whether a value is, or holds, one of {@code given} (a short one only as a whole). */
  private static boolean builtFrom(String value, Set<String> given) {
    for (String g : given) {
      if (g.length() >= 4 ? value.contains(g) : value.equals(g)) {
        return true;
      }
    }
    return false;
  }

  private static void leaves(JsonNode node, Set<String> out) {
    if (node.isValueNode()) {
      if (!node.asText().isBlank()) {
        out.add(node.asText());
      }
    } else {
      node.forEach(child -> leaves(child, out));
    }
  }

  /** Paths of the scalar fields of {@code after} that are new or differ from {@code before}. */
  private static void changedLeaves(
      JsonNode before, JsonNode after, List<String> path, List<List<String>> out) {
    if (after.isObject()) {
      after
          .fields()
          .forEachRemaining(
              f -> {
                List<String> child = new ArrayList<>(path);
                child.add(f.getKey());
                JsonNode old = before == null ? null : before.get(f.getKey());
                changedLeaves(old, f.getValue(), child, out);
              });
    } else if (after.isValueNode() && !path.isEmpty() && !after.equals(before)) {
      out.add(List.copyOf(path));
    }
  }

  private static JsonNode at(JsonNode root, List<String> path) {
    JsonNode node = root;
    for (String key : path) {
      node = node == null ? null : node.get(key);
    }
    return node;
  }
}
