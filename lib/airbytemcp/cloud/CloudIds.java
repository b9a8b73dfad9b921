package airbytemcp.cloud;

import java.util.regex.Pattern;

/**
 * Airbyte ids are data, never paths: every id that goes into a request path is checked against its
 * format first (UUIDs; job ids are positive whole numbers), so {@code ../workspaces/X} or {@code
 * a/b} can never reach another endpoint.
 */
public final class CloudIds {
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** How much of a rejected value an error repeats (it may be long or hostile). */
  private static final int SHOWN = 60;

  private CloudIds() {}

  public static boolean isUuid(String value) {
    return value != null && UUID.matcher(value).matches();
  }

  /**
   * The id when it is a UUID.
   *
   * @param what names the id in the error, e.g. {@code source_id} or {@code the
   *     X-Airbyte-Workspace-Id header}
   */
  public static String uuid(String what, String value) {
    if (!isUuid(value)) {
      throw new CloudError(
          what
              + " must be an Airbyte id (a UUID like 1f2e3d4c-0000-4000-8000-00000000abcd), not '"
              + shown(value)
              + "'. Nothing was sent to Airbyte.",
          "Take ids from the list_* and describe_* Cloud tools; an id is never a path or a name.");
    }
    return value;
  }

  /** A job id: a positive whole number. */
  public static long job(long value) {
    if (value <= 0) {
      throw new CloudError(
          "job_id must be a positive whole number, not " + value + ".",
          "Take job ids from list_cloud_sync_jobs or get_cloud_sync_status.");
    }
    return value;
  }

  static String shown(String value) {
    if (value == null) {
      return "";
    }
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > SHOWN ? clean.substring(0, SHOWN) + "..." : clean;
  }
}
