package airbytemcp.common;

/** The product version, shown by --version, in serverInfo and in the User-Agent. */
public final class Version {
  public static final String VERSION = "0.1.0";

  private Version() {}
}
