package airbytemcp.connectors;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names may run as a program found on the PATH: connector names ({@code source-*}, {@code
 * destination-*}), never a well-known tool. Without this an agent could run {@code npx}, {@code sh}
 * or {@code python3} by calling it a connector.
 */
public final class ConnectorNames {
  private static final Pattern CONNECTOR =
      Pattern.compile("(source|destination)-[a-z0-9][a-z0-9._-]*");

  /** Programs an agent could abuse; refused even if a future rule let other names through. */
  private static final Set<String> TOOLS =
      Set.of(
          "sh", "bash", "dash", "zsh", "fish", "ksh", "csh", "env", "sudo", "su", "busybox",
          "nohup", "xargs", "exec", "python", "python3", "pip", "pip3", "pipx", "uv", "uvx", "node",
          "npm", "npx", "pnpm", "yarn", "bun", "deno", "java", "jbang", "mvn", "gradle", "ruby",
          "gem", "perl", "php", "go", "cargo", "docker", "podman", "kubectl", "curl", "wget", "nc",
          "ncat", "socat", "ssh", "scp", "git", "cat", "tee", "dd", "rm", "mv", "cp", "yes",
          "uname", "make", "awk", "sed", "find", "tar");

  private ConnectorNames() {}

  /** Whether a program of this name on the PATH may be run as a connector. */
  public static boolean mayRunFromPath(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return CONNECTOR.matcher(name).matches() && !TOOLS.contains(lower);
  }

  static ConnectorError notAConnectorProgram(String name) {
    return new ConnectorError(
        "'" + name + "' is not a connector name, so no program of that name is run.",
        "Only programs named source-* or destination-* on the PATH run as connectors; use a registry name such as "
            + "source-faker (list_connectors finds them).");
  }
}
