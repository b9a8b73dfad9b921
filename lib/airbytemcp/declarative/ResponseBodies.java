package airbytemcp.declarative;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
    long declared = body.contentLength();
    if (declared > MAX_BYTES) {
      throw tooLarge(shownUrl);
    }
    // A declared length sizes the buffer exactly, so a page is read without growing or copying it.
    byte[] buffer = new byte[declared >= 0 ? (int) declared : 16 * 1024];
    int size = 0;
    try (InputStream in = body.byteStream()) {
      while (true) {
        if (size == buffer.length) {
          int next = in.read();
          if (next < 0) {
            return buffer;
          }
          if (size >= MAX_BYTES) {
            throw tooLarge(shownUrl);
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BYTES, Math.max(16 * 1024, 2L * size)));
          buffer[size++] = (byte) next;
          continue;
        }
        int n = in.read(buffer, size, buffer.length - size);
        if (n < 0) {
          return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }
        size += n;
      }
    }
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
