package airbytemcp.connectors;

import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.Masker;
import airbytemcp.secrets.SecretError;
import airbytemcp.secrets.SecretReferences;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a connector may receive the user's secrets: registry connectors may; connectors
 * whose code the agent supplied (a manifest, a custom image, a program the registry does not list)
 * may only when the user set AIRBYTE_MCP_TRUST_AGENT_CONNECTORS=1, since such code could send the
 * secret anywhere.
 */
public final class SecretScope {
  public static final String SETTING = "AIRBYTE_MCP_TRUST_AGENT_CONNECTORS";

  private final ConnectorResolver resolver;
  private final boolean trustAgentConnectors;
  private final Masker masker;

  /**
   * @param masker knows the user's secrets, so that one written out in a config counts as one
   */
  public SecretScope(ConnectorResolver resolver, boolean trustAgentConnectors, Masker masker) {
    this.resolver = resolver;
    this.trustAgentConnectors = trustAgentConnectors;
    this.masker = masker;
  }

  /**
   * Refuses, before any secret is resolved, a config that may carry the user's secrets for an
   * agent-supplied connector: one that references secrets, names a whole-config secret, comes from
   * a file (a file the agent names holds whatever the user wrote there, and no one can tell which
   * of its values are secrets), or holds a secret written out.
   *
   * @param config the config with its secret references still in place
   */
  public void check(ConnectorRequest request, JsonNode config, ConfigInput input) {
    if (trustAgentConnectors) {
      return;
    }
    Optional<String> secrets = secretsIn(config, input);
    if (secrets.isEmpty()) {
      return;
    }
    resolver
        .agentSupplied(request)
        .ifPresent(
            why -> {
              throw new SecretError(
                  "Secrets are not given to "
                      + request.name()
                      + ": "
                      + why
                      + ", so its code does not come from Airbyte's registry, and code the agent "
                      + "supplies could send a secret anywhere. The config "
                      + secrets.get()
                      + ".",
                  "Run the registry's connector (drop manifest_path and docker_image), or give only values that "
                      + "are no secrets, inline in config: no secret_reference::, config_secret_name or config "
                      + "file. If the user trusts connectors the agent supplies, they can set "
                      + SETTING
                      + "=1 in the server's settings and restart it.");
            });
  }

  /** How the config would carry the user's secrets, if it would. */
  private Optional<String> secretsIn(JsonNode config, ConfigInput input) {
    if (input.configSecretName().isPresent()) {
      return Optional.of("names a whole-config secret (config_secret_name)");
    }
    if (input.configFile().isPresent() || input.configIsPath()) {
      return Optional.of("comes from a file, which may hold any of your secrets");
    }
    if (SecretReferences.containsReference(config)) {
      return Optional.of("references secrets (secret_reference::)");
    }
    List<String> written = masker.pathsRevealingSecrets(config);
    return written.isEmpty()
        ? Optional.empty()
        : Optional.of("holds values of your secrets at " + String.join(", ", written));
  }
}
