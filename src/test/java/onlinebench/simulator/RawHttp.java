package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Test helper: HTTP/1.1 read byte by byte, so a test sees what a client library hides: each chunk
 * of a chunked body (one server write each), the exact headers, and a connection closed without an
 * answer. The same reader parses the {@code curl -i --raw} transcripts in {@code
 * src/test/resources/wire/}, so simulator and real server are compared on equal terms.
 */
final class RawHttp implements AutoCloseable {

  /**
   * One response: status, headers by lower-case name, and the body as the chunks it came in (one
   * element for a Content-Length body); {@code chunkNanos} holds when each chunk's size line was
   * read.
   */
  record Response(
      int status, Map<String, String> headers, List<String> chunks, List<Long> chunkNanos) {
    String body() {
      return String.join("", chunks);
    }

    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends a request; {@code contentType} null sends none. */
  void send(String method, String path, @Nullable String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(US_ASCII));
    out.write(bytes);
    out.flush();
  }

  void postJson(String path, String body) throws IOException {
    send("POST", path, "application/json", body);
  }

  /** The next response, or null when the server closed the connection before any byte of one. */
  @Nullable Response read() throws IOException {
    return read(in);
  }

  /** Whether the server has closed the connection (waits up to the socket timeout). */
  boolean closedByServer() throws IOException {
    return in.read() == -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Parses a {@code curl -i --raw} transcript: one response. */
  static Response transcript(String resource) throws IOException {
    try (InputStream stream = RawHttp.class.getResourceAsStream("/wire/" + resource)) {
      if (stream == null) {
        throw new IOException("no test resource /wire/" + resource);
      }
      Response response = read(new BufferedInputStream(stream));
      if (response == null) {
        throw new IOException("empty transcript " + resource);
      }
      return response;
    }
  }

  private static @Nullable Response read(InputStream in) throws IOException {
    String statusLine = line(in, true);
    if (statusLine == null) {
      return null;
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    List<String> chunks = new ArrayList<>();
    List<Long> chunkNanos = new ArrayList<>();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        int size = Integer.parseInt(line(in, false).trim(), 16);
        long nanos = System.nanoTime();
        byte[] data = in.readNBytes(size);
        line(in, false); // the CRLF after the data
        if (size == 0) {
          break;
        }
        chunks.add(new String(data, UTF_8));
        chunkNanos.add(nanos);
      }
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      chunks.add(new String(in.readNBytes(length), UTF_8));
      chunkNanos.add(System.nanoTime());
    }
    return new Response(status, headers, chunks, chunkNanos);
  }

  /** A CRLF-ended line; null at end of stream only when {@code endAllowed} and nothing was read. */
  private static @Nullable String line(InputStream in, boolean endAllowed) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      bytes.write(b);
    }
    if (b == -1 && bytes.size() == 0 && endAllowed) {
      return null;
    }
    if (b == -1) {
      throw new EOFException("connection closed in the middle of a line: " + bytes);
    }
    String line = bytes.toString(UTF_8);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
