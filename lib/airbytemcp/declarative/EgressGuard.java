package airbytemcp.declarative;

import airbytemcp.network.AllowedHosts;
import airbytemcp.network.CallNamedHosts;
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

  /**
   * @param spec the manifest's spec: a host the spec gives as a property's default is not the
   *     call's choice
   */
  RuntimeOptions apply(RuntimeOptions options, JsonNode config, JsonNode spec) {
    AllowedHosts allowed = AllowedHosts.resolve(registryAllowedHosts, config);
    CallNamedHosts named =
        CallNamedHosts.of(
            config,
            options.masker()::isUserValue,
            (path, value) ->
                CallNamedHosts.specOffers(spec.path("connection_specification"), path, value));
    return options.withHttp(
        GuardedHttp.guard(options.http(), new EgressPolicy(rules, allowed, named)));
  }
}
