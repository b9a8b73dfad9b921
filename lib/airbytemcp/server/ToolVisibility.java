package airbytemcp.server;

import airbytemcp.config.Settings;
import airbytemcp.tools.ToolDefinition;
import airbytemcp.tools.ToolTrait;
import java.util.Optional;

/**
 * Decides which tools a server offers. A tool that is not offered is never registered, so it is
 * neither listed nor callable.
 */
public final class ToolVisibility {
  private final Settings settings;

  public ToolVisibility(Settings settings) {
    this.settings = settings;
  }

  public boolean offered(ToolDefinition tool) {
    return reasonHidden(tool).isEmpty();
  }

  /** Why a tool is hidden under the current settings, or empty when it is offered. */
  public Optional<String> reasonHidden(ToolDefinition tool) {
    if (!settings.domainEnabled(tool.domain())) {
      return Optional.of("domain '" + tool.domain().id() + "' is disabled");
    }
    if (settings.readOnlyMode() && tool.has(ToolTrait.CHANGES_CLOUD)) {
      return Optional.of("read-only mode");
    }
    if (!settings.trustedExecution() && tool.has(ToolTrait.RUNS_ON_SERVER_MACHINE)) {
      return Optional.of("trusted execution is off");
    }
    return Optional.empty();
  }
}
