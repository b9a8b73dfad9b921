package airbytemcp.declarative;

import airbytemcp.network.AllowedHosts;
import airbytemcp.network.EgressPolicy;
import airbytemcp.network.EgressRules;
import airbytemcp.network.GuardedHttp;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The egress rules a declarative connector runs under: the user's grants, plus, for a connector
 * from the registry, the registry entry's {@code allowedHosts} filled in from the config of each
 * run.
 *
 * @param registryAllowedHosts the entry's {@code allowedHosts} object; null for manifests the agent
 *     supplied or entries without one (then only the address rules apply)
 */
record EgressGuard(EgressRules rules, JsonNode registryAllowedHosts) {
  static final String HINT =
      "The server only connects to the hosts a registry connector declares, never to "
          + "link-local or cloud-metadata addresses, and to loopback or private ones only when the user lists them in "
          + "AIRBYTE_MCP_EGRESS_HOSTS.";

  RuntimeOptions apply(RuntimeOptions options, JsonNode config) {
    AllowedHosts allowed = AllowedHosts.resolve(registryAllowedHosts, config);
    return options.withHttp(GuardedHttp.guard(options.http(), new EgressPolicy(rules, allowed)));
  }
}
