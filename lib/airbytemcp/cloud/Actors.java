package airbytemcp.cloud;

import static airbytemcp.cloud.Workspaces.text;
import static airbytemcp.cloud.Workspaces.textOr;

import airbytemcp.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Deployed sources or destinations: deploy, list, describe, rename, reconfigure, delete. */
public final class Actors {
  /** A deployed source or destination as lists show it. */
  public record Summary(String id, String name, String url) {}

  /**
   * One deployed source or destination, as the API describes it.
   *
   * @param configuration the stored config as Airbyte shows it (secret fields masked), or an empty
   *     object
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Details(
      String id,
      String name,
      String url,
      String connectorDefinitionId,
      String workspaceId,
      ObjectNode configuration) {}

  private final ActorKind kind;
  private final AirbyteApi api;
  private final WebUrls urls;
  private final SafeModeLedger ledger;

  Actors(ActorKind kind, AirbyteApi api, WebUrls urls, SafeModeLedger ledger) {
    this.kind = kind;
    this.api = api;
    this.urls = urls;
    this.ledger = ledger;
  }

  public ActorKind kind() {
    return kind;
  }

  public String url(String workspaceId, String id) {
    return kind == ActorKind.SOURCE
        ? urls.source(workspaceId, id)
        : urls.destination(workspaceId, id);
  }

  /**
   * Creates the object with an already hydrated config and records it as created here.
   *
   * @param definitionId the connector's definition id when known (the API also accepts the
   *     connector type)
   */
  public Summary deploy(
      String workspaceId,
      String name,
      String connectorName,
      Optional<String> definitionId,
      ObjectNode hydratedConfig,
      boolean unique) {
    if (unique) {
      for (Summary existing : list(workspaceId, Optional.empty(), Optional.empty())) {
        if (existing.name().equals(name)) {
          throw new CloudError(
              "A "
                  + kind.label
                  + " named '"
                  + name
                  + "' already exists (id "
                  + existing.id()
                  + ").",
              "Pick another name, or pass unique=false to deploy a second one with the same name.");
        }
      }
    }
    ObjectNode configuration = hydratedConfig.deepCopy();
    configuration.put(kind.typeField, kind.connectorType(connectorName));
    ObjectNode body = Json.object().put("name", name).put("workspaceId", workspaceId);
    definitionId.ifPresent(id -> body.put("definitionId", id));
    body.set("configuration", configuration);
    String id = text(api.post(kind.path, body), kind.idField);
    ledger.recordCreated(kind.object, id);
    return new Summary(id, name, url(workspaceId, id));
  }

  /**
   * Objects of the workspace whose name contains {@code nameContains} (any case), at most {@code
   * limit}.
   */
  public List<Summary> list(
      String workspaceId, Optional<String> nameContains, Optional<Integer> limit) {
    if (limit.isPresent() && limit.get() <= 0) {
      throw new CloudError("limit must be greater than 0.", null);
    }
    ApiQuery query = ApiQuery.of().add("workspaceIds", workspaceId);
    List<JsonNode> items =
        api.list(kind.path, query, nameContains.isPresent() ? Optional.empty() : limit);
    String needle = nameContains.map(n -> n.toLowerCase(Locale.ROOT)).orElse("");
    return items.stream()
        .filter(item -> textOr(item, "name").toLowerCase(Locale.ROOT).contains(needle))
        .limit(limit.orElse(Integer.MAX_VALUE))
        .map(
            item ->
                new Summary(
                    text(item, kind.idField),
                    textOr(item, "name"),
                    url(workspaceId, text(item, kind.idField))))
        .toList();
  }

  public JsonNode get(String id) {
    return api.get(kind.path + "/" + kind.id(id), ApiQuery.of());
  }

  public Details describe(String workspaceId, String id) {
    JsonNode item = get(id);
    return new Details(
        text(item, kind.idField),
        textOr(item, "name"),
        url(workspaceId, id),
        text(item, "definitionId"),
        text(item, "workspaceId"),
        item.path("configuration") instanceof ObjectNode stored ? stored : Json.object());
  }

  /**
   * Renames; renaming is harmless, so safe mode lets it through (it is how a user marks an object).
   */
  public String rename(String workspaceId, String id, String name) {
    api.patch(kind.path + "/" + kind.id(id), Json.object().put("name", name));
    return url(workspaceId, id);
  }

  /**
   * Replaces the config (sent as given: references are not resolved, as the caller may mean them
   * literally).
   */
  public String updateConfig(String workspaceId, String id, ObjectNode config) {
    ledger.requireCreatedHere(kind.object, kind.id(id));
    ObjectNode body = Json.object();
    body.set("configuration", config);
    api.patch(kind.path + "/" + kind.id(id), body);
    return url(workspaceId, id);
  }

  /**
   * Checks safe mode before anything else, then that {@code expectedName} is the current name, then
   * deletes.
   */
  public void delete(String id, String expectedName) {
    ledger.requireCreatedHere(kind.object, kind.id(id));
    String actual = textOr(get(id), "name");
    if (!actual.equals(expectedName)) {
      throw nameMismatch(kind.label, id, actual, expectedName);
    }
    api.delete(kind.path + "/" + kind.id(id));
  }

  /**
   * Deletes an object that goes with a deleted connection; the caller has checked the ledger
   * already.
   */
  void deleteWithConnection(String id) {
    api.delete(kind.path + "/" + kind.id(id));
  }

  /**
   * Airbyte's connection check of a deployed object (Airbyte runs the connector's check in its data
   * plane).
   */
  public CheckResult check(String id) {
    JsonNode answer =
        api.config(kind.path + "/check_connection", Json.object().put(kind.idField, kind.id(id)));
    String status = textOr(answer, "status");
    return new CheckResult(
        id,
        "succeeded".equals(status),
        status,
        CappedText.cap(text(answer, "message"), api.masker()));
  }

  public record CheckResult(String id, boolean succeeded, String status, String message) {}

  static CloudError nameMismatch(String what, String id, String actual, String expected) {
    return new CloudError(
        "Name mismatch: "
            + what
            + " '"
            + id
            + "' is named '"
            + actual
            + "', not '"
            + expected
            + "'. Nothing was deleted.",
        "Pass the object's exact current name as confirmation; the describe_* Cloud tools show it.");
  }
}
