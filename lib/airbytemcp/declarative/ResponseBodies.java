package airbytemcp.declarative;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.ResponseBody;

/** Reads an API's response body into memory, refusing one larger than the runtime will hold. */
final class ResponseBodies {
  /**
   * One response page held whole (records are parsed from it): far above real pages, far below the
   * heap.
   */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private ResponseBodies() {}

  static byte[] read(ResponseBody body, String shownUrl) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    if (body.contentLength() > MAX_BYTES) {
      throw tooLarge(shownUrl);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = body.byteStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (out.size() + (long) n > MAX_BYTES) {
          throw tooLarge(shownUrl);
        }
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static DeclarativeError tooLarge(String shownUrl) {
    return new DeclarativeError(
        "The response of "
            + shownUrl
            + " is larger than "
            + (MAX_BYTES >> 20)
            + " MB, more than one page may hold; the read was stopped.",
        "Ask the API for smaller pages (a page_size or limit parameter in the manifest's paginator).");
  }
}
