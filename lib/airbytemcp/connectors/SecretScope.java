package airbytemcp.connectors;

import airbytemcp.secrets.ConfigInput;
import airbytemcp.secrets.SecretError;
import airbytemcp.secrets.SecretReferences;
import com.fasterxml.jackson.databind.JsonNode;

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

  public SecretScope(ConnectorResolver resolver, boolean trustAgentConnectors) {
    this.resolver = resolver;
    this.trustAgentConnectors = trustAgentConnectors;
  }

  /**
   * Refuses, before any secret is resolved, a config that references secrets (or names a
   * whole-config secret) for an agent-supplied connector.
   *
   * @param config the config with its secret references still in place
   */
  public void check(ConnectorRequest request, JsonNode config, ConfigInput input) {
    boolean usesSecrets =
        input.configSecretName().isPresent() || SecretReferences.containsReference(config);
    if (!usesSecrets || trustAgentConnectors) {
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
                      + ", so its code does not come from Airbyte's "
                      + "registry, and code the agent supplies could send a secret anywhere.",
                  "Run the registry's connector (drop manifest_path and docker_image), or pass no secret_reference:: and no "
                      + "config_secret_name. If the user trusts connectors the agent supplies, they can set "
                      + SETTING
                      + "=1 in the server's settings and restart it.");
            });
  }
}
