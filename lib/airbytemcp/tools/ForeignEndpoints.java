package airbytemcp.tools;

import airbytemcp.cloud.ActorKind;
import airbytemcp.cloud.AirbyteCloud;
import airbytemcp.cloud.CloudError;
import airbytemcp.cloud.SafeModeLedger;
import java.util.Optional;

/**
 * Safe mode's rule for new connections: joining a source or destination this session did not create
 * sends data somewhere the user may not expect, so the user confirms it, through MCP elicitation
 * when the client supports it, otherwise by the object's exact current name (as deletes are
 * confirmed).
 */
final class ForeignEndpoints {
  private ForeignEndpoints() {}

  static void confirm(
      ToolCall call, AirbyteCloud cloud, String workspace, ActorKind kind, String id) {
    SafeModeLedger ledger = cloud.ledger();
    if (!ledger.enabled() || ledger.createdHere(kind.object(), id)) {
      return;
    }
    String actual = cloud.actors(kind).describe(workspace, id).name();
    String label = kind.label();
    Optional<Boolean> answer =
        call.askUser(
            "An agent wants to connect the existing "
                + label
                + " '"
                + actual
                + "' ("
                + id
                + "), which it did not create, to a new connection, so data will move "
                + (kind == ActorKind.SOURCE ? "out of it" : "into it")
                + ". Allow this?");
    if (answer.isPresent()) {
      if (!answer.get()) {
        throw new CloudError(
            "The user declined to connect " + label + " '" + actual + "'. Nothing was created.",
            "Do not retry without asking the user; they may connect objects this session created instead.");
      }
      return;
    }
    String argument = label + "_name_confirmation";
    String given = call.args().optionalString(argument).orElse(null);
    if (!actual.equals(given)) {
      throw new CloudError(
          "Safe mode: "
              + label
              + " '"
              + id
              + "' was not created in this session, so connecting it "
              + "needs the user's confirmation. Nothing was created.",
          "Ask the user whether "
              + label
              + " '"
              + actual
              + "' may be connected; if they agree, call again with "
              + argument
              + " set to its exact current name. ("
              + SafeModeLedger.VARIABLE
              + "=0 turns safe mode off.)");
    }
  }
}
