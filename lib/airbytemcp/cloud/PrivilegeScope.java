package airbytemcp.cloud;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How widely {@code list_cloud_workspaces} looks when no organization is named, by the signed-in
 * user's grants (the official server's values).
 */
public enum PrivilegeScope {
  /** Workspaces the user was granted directly (the default). */
  MEMBER_OF,
  /** Every workspace of every organization the user belongs to. */
  ORGANIZATION_ADMIN,
  /** Every workspace on the instance; only for a user holding the instance_admin grant. */
  INSTANCE_ADMIN,
  /**
   * The widest the grants allow: the whole instance for an instance admin, else the user's
   * organizations plus direct grants.
   */
  ANY;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The accepted values, in order. */
  public static List<String> names() {
    return Arrays.stream(values()).map(PrivilegeScope::value).toList();
  }

  /** The scope named {@code value}, or a message listing the accepted ones. */
  public static PrivilegeScope parse(String value) {
    for (PrivilegeScope scope : values()) {
      if (scope.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return scope;
      }
    }
    throw new CloudError(
        "privilege_scope must be one of "
            + String.join(", ", names())
            + ", not '"
            + CloudIds.shown(value)
            + "'.",
        "Omit privilege_scope to list the workspaces you were granted directly.");
  }
}
