package airbytemcp.server;

import airbytemcp.secrets.Masker;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;

/**
 * The servlet filters in front of the MCP endpoint: masking of everything sent, and the JSON-RPC
 * gate.
 */
final class HttpFilters {
  private HttpFilters() {}

  /**
   * Masks every response (JSON bodies and SSE events) on its way out, and answers calls to unknown
   * tools with an error result naming close ones.
   */
  static final class Masking implements Filter {
    private final Masker masker;
    private final Collection<String> offeredTools;

    Masking(Masker masker, Collection<String> offeredTools) {
      this.masker = masker;
      this.offeredTools = offeredTools;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      MaskingResponse masked =
          new MaskingResponse((HttpServletResponse) response, masker, offeredTools);
      AsyncTracking tracked = new AsyncTracking((HttpServletRequest) request, masked);
      chain.doFilter(tracked, masked);
      // An asynchronous response (SSE) is finished by the thread that completes it, maybe already:
      // touching it
      // here could write into a response the container has recycled for another request.
      if (!tracked.asyncStarted) {
        masked.finish();
      }
    }
  }

  /**
   * Answers a POST that is not one well-formed JSON-RPC message with a JSON-RPC error (HTTP 400)
   * itself.
   */
  static final class Gate implements Filter {
    private final int maxBytes;

    Gate(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      if (!"POST".equals(http.getMethod()) || http.getContentLengthLong() > maxBytes) {
        chain.doFilter(
            request, response); // the transport refuses oversized bodies (413) without reading them
        return;
      }
      byte[] body = readAtMost(http.getInputStream(), maxBytes + 1);
      HttpServletResponse out = (HttpServletResponse) response;
      if (body.length > maxBytes) {
        out.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        return;
      }
      Optional<String> refusal = JsonRpcGate.refusal(new String(body, StandardCharsets.UTF_8));
      if (refusal.isPresent()) {
        out.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        out.setContentType("application/json");
        out.setCharacterEncoding("UTF-8");
        out.getWriter().write(refusal.get());
        return;
      }
      String text = new String(body, StandardCharsets.UTF_8);
      String admitted = InFlightCalls.admit(http.getHeader("Mcp-Session-Id"), text);
      chain.doFilter(
          new CachedBody(http, admitted == text ? body : admitted.getBytes(StandardCharsets.UTF_8)),
          response);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (out.size() < limit
          && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) > 0) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /**
   * Remembers whether the servlet went asynchronous (which {@code isAsyncStarted()} stops saying
   * once done), and closes the masking response the moment the asynchronous response completes: the
   * container reuses its writer for the connection's next request, so a late write (a notification
   * racing the end of its call) must go nowhere.
   */
  private static final class AsyncTracking extends HttpServletRequestWrapper {
    private final MaskingResponse masked;
    private volatile boolean asyncStarted;

    AsyncTracking(HttpServletRequest request, MaskingResponse masked) {
      super(request);
      this.masked = masked;
    }

    @Override
    public AsyncContext startAsync() {
      asyncStarted = true;
      return new ClosingAsyncContext(super.startAsync(), masked);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
      asyncStarted = true;
      return new ClosingAsyncContext(super.startAsync(request, response), masked);
    }
  }

  /** A request whose body was read already, served again from memory. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is read already");
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }
}
