package airbytemcp.tools;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.CloudIds;
import airbytemcp.cloud.CloudObject;
import airbytemcp.cloud.SafeModeLedger;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a connector tool means a source or a destination: the {@code connector_type} argument,
 * else the {@code source-}/{@code destination-} prefix of a connector name, else the id, looked up
 * (as a source first).
 */
final class ConnectorKinds {
  static final String TYPE_ARGUMENT = "connector_type";

  private ConnectorKinds() {}

  static Optional<ActorKind> given(ToolArgs args) {
    return args.optionalString(TYPE_ARGUMENT)
        .map(
            type ->
                switch (type.toLowerCase(Locale.ROOT)) {
                  case "source" -> ActorKind.SOURCE;
                  case "destination" -> ActorKind.DESTINATION;
                  default ->
                      throw new ArgumentError(
                          "connector_type must be 'source' or 'destination', not '" + type + "'.",
                          "Leave it out to infer it from the connector name or id.");
                });
  }

  /** From the connector name's prefix when connector_type is not given. */
  static ActorKind fromName(ToolArgs args, String connectorName) {
    return given(args)
        .orElseGet(
            () -> {
              if (connectorName.startsWith("source-")) {
                return ActorKind.SOURCE;
              }
              if (connectorName.startsWith("destination-")) {
                return ActorKind.DESTINATION;
              }
              throw new ArgumentError(
                  "Cannot tell whether '" + connectorName + "' is a source or a destination.",
                  "Pass connector_type ('source' or 'destination'), or a registry name such as 'source-faker'.");
            });
  }

  /**
   * From the id when connector_type is not given. A tool that changes things, in safe mode, learns
   * the kind from the ledger without any request (an id this session did not create is refused
   * right away); otherwise the id is looked up as a source, then as a destination.
   */
  static ActorKind fromId(ToolArgs args, AirbyteCloud cloud, String id, boolean changes) {
    Optional<ActorKind> given = given(args);
    if (given.isPresent()) {
      return given.get();
    }
    CloudIds.uuid("connector_id", id);
    SafeModeLedger ledger = cloud.ledger();
    if (changes && ledger.enabled()) {
      if (ledger.createdHere(CloudObject.SOURCE, id)) {
        return ActorKind.SOURCE;
      }
      if (ledger.createdHere(CloudObject.DESTINATION, id)) {
        return ActorKind.DESTINATION;
      }
      ledger.requireCreatedHere(CloudObject.SOURCE, id); // refuses, naming safe mode
    }
    // Ids are unique across kinds, so one lookup settles it when the id is a source, two when it is
    // not.
    if (exists(cloud, ActorKind.SOURCE, id)) {
      return ActorKind.SOURCE;
    }
    if (exists(cloud, ActorKind.DESTINATION, id)) {
      return ActorKind.DESTINATION;
    }
    throw new CloudError(
        "No source or destination with id '" + id + "' exists in Airbyte for these credentials.",
        "Check the id with list_cloud_connectors, or pass connector_type if you know it.",
        404);
  }

  private static boolean exists(AirbyteCloud cloud, ActorKind kind, String id) {
    try {
      cloud.actors(kind).get(id);
      return true;
    } catch (CloudError e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }
}
