package airbytemcp.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables a template sees ({@code config}, {@code stream_slice}, {@code next_page_token},
 * ...), already in template form. Immutable: {@link #with} makes a copy.
 */
final class Scope {
  private final Map<String, Object> vars;
  // The config object itself, which a rotating OAuth refresh token rewrites for the rest of the
  // run.
  private final JsonNode configNode;
  // The manifest's api_budget, which every requester built from this scope draws calls from.
  private final ApiBudget budget;
  // Where requesters built from this scope may send the user's credentials.
  private final CredentialSites sites;
  // The config's secrets as decoys, against which templates read with this scope are checked.
  private final SecretDecoys decoys;

  private Scope(
      Map<String, Object> vars,
      JsonNode configNode,
      ApiBudget budget,
      CredentialSites sites,
      SecretDecoys decoys) {
    this.vars = vars;
    this.configNode = configNode;
    this.budget = budget;
    this.sites = sites;
    this.decoys = decoys;
  }

  static Scope of(JsonNode config) {
    Map<String, Object> v = new HashMap<>();
    v.put("config", PyValues.fromJson(config));
    return new Scope(v, config, ApiBudget.UNLIMITED, CredentialSites.NONE, SecretDecoys.NONE);
  }

  Scope with(String name, Object value) {
    Map<String, Object> v = new HashMap<>(vars);
    v.put(name, value instanceof JsonNode n ? PyValues.fromJson(n) : value);
    return new Scope(v, configNode, budget, sites, decoys);
  }

  /** The same variables, with requesters drawing their calls from {@code budget}. */
  Scope withBudget(ApiBudget budget) {
    return new Scope(vars, configNode, budget, sites, decoys);
  }

  ApiBudget budget() {
    return budget;
  }

  /** The same variables, with requesters sending credentials only to {@code sites}. */
  Scope withCredentialSites(CredentialSites sites) {
    return new Scope(vars, configNode, budget, sites, decoys);
  }

  CredentialSites credentialSites() {
    return sites;
  }

  /** The same variables, with templates checked against {@code decoys}. */
  Scope withSecretDecoys(SecretDecoys decoys) {
    return new Scope(vars, configNode, budget, sites, decoys);
  }

  /**
   * The same variables without the check, for an authenticator: signing a secret (a hash, a JWT)
   * transforms it by design, and what it makes goes only to the manifest's own sites.
   */
  Scope withoutSecretDecoys() {
    return withSecretDecoys(SecretDecoys.NONE);
  }

  SecretDecoys secretDecoys() {
    return decoys;
  }

  /** The config as given (not a template view of it); may be null. */
  JsonNode configNode() {
    return configNode;
  }

  Object get(String name) {
    return vars.get(name);
  }

  /** The variables plus the component's own {@code $parameters} as {@code parameters}. */
  Map<String, Object> forComponent(JsonNode component) {
    Map<String, Object> v = new HashMap<>(vars);
    JsonNode params = component == null ? null : component.get(ParameterPropagator.PARAMETERS);
    v.put("parameters", params == null ? new PyDict(new HashMap<>()) : PyValues.fromJson(params));
    return v;
  }
}
