package airbytemcp.config;

import java.util.Set;

/**
 * What the server lets an agent do with this machine's files, secrets and programs. The agent's
 * tool calls may be chosen by an attacker (a prompt injection); the user who wrote these settings
 * is trusted.
 *
 * @param files which files tool arguments may name ({@code AIRBYTE_MCP_FILE_ALLOW}, {@code
 *     AIRBYTE_MCP_FILE_DENY})
 * @param trustAgentConnectors whether connectors the agent supplies (a manifest, a custom image, a
 *     program the registry does not list) may receive secrets ({@code
 *     AIRBYTE_MCP_TRUST_AGENT_CONNECTORS})
 * @param extraPythonPackages pip packages the Python mode may install for connectors the registry
 *     does not list ({@code AIRBYTE_MCP_PYTHON_PACKAGES})
 */
public record AgentPolicy(
    AgentFiles files, boolean trustAgentConnectors, Set<String> extraPythonPackages) {
  public AgentPolicy {
    extraPythonPackages = Set.copyOf(extraPythonPackages);
  }
}
