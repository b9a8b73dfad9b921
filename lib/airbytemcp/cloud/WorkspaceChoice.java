package airbytemcp.cloud;

/**
 * The workspace a call works in and where it came from: {@code argument}, {@code header} ({@code
 * X-Airbyte-Workspace-Id}), {@code setting} ({@code AIRBYTE_CLOUD_WORKSPACE_ID}), {@code
 * user_default} (the user's default workspace in Airbyte) or {@code single_grant} (the only
 * workspace the credentials reach).
 */
public record WorkspaceChoice(String id, String origin) {
  public static final String ARGUMENT = "argument";
  public static final String HEADER = "header";
  public static final String SETTING = "setting";
  public static final String USER_DEFAULT = "user_default";
  public static final String SINGLE_GRANT = "single_grant";
}
