package airbytemcp.tools;

import airbytemcp.common.UserError;
import airbytemcp.config.Domain;
import airbytemcp.config.DotenvFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tools that work on the server's machine: secrets, connectors run locally, the local cache. */
public final class LocalTools {
  private final Services services;

  public LocalTools(Services services) {
    this.services = services;
  }

  public List<ToolDefinition> definitions() {
    return List.of(listDotenvSecrets());
  }

  private ToolDefinition listDotenvSecrets() {
    return new ToolDefinition(
        "list_dotenv_secrets",
        Domain.LOCAL,
        """
        List the names of the secrets in the server's dotenv files, per file (never values); use one in a \
        config as "secret_reference::NAME".""",
        InputSchema.builder().build(),
        Map.of(
            "type",
            "object",
            "additionalProperties",
            Map.of("type", "array", "items", Map.of("type", "string"))),
        ToolHints.LOCAL_READ,
        Set.of(ToolTrait.RUNS_ON_SERVER_MACHINE),
        call -> {
          List<DotenvFile> files = services.settings().dotenvFiles();
          if (files.isEmpty()) {
            throw new UserError(
                "No dotenv file is configured.",
                "Set AIRBYTE_MCP_ENV_FILE to the absolute path of a dotenv file with your secrets and restart the server.");
          }
          Map<String, Object> names = new LinkedHashMap<>();
          for (DotenvFile file : files) {
            if (file.problem().isPresent()) {
              throw new UserError(
                  file.problem().get(),
                  "Fix AIRBYTE_MCP_ENV_FILE (an absolute path to a readable KEY=VALUE file) and restart the server.");
            }
            names.put(file.path().toString(), List.copyOf(file.values().keySet()));
          }
          return ToolResult.data(names);
        });
  }
}
