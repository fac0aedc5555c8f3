package io.chatgw.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One raw TCP connection to the gateway for the protocol tests: send bytes as written, then read
 * everything until the server closes (or goes quiet), and count the HTTP responses in it.
 */
final class RawConnection {

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/[0-9.]+ [0-9]{3}[^\r\n]*");

  /** What came back: the bytes, and whether the server closed the connection (else it went quiet). */
  record Answer(byte[] bytes, boolean closed) {
    String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The status line of each response, in order (the bodies of these tests never contain one). */
    List<String> statusLines() {
      List<String> lines = new ArrayList<>();
      Matcher status = STATUS_LINE.matcher(text());
      while (status.find()) {
        lines.add(status.group());
      }
      return lines;
    }
  }

  private RawConnection() {}

  /** Sends {@code request} to 127.0.0.1:{@code port}; waits up to {@code quietMillis} for each byte. */
  static Answer exchange(int port, String request, int quietMillis) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), quietMillis);
  }

  static Answer exchange(int port, byte[] request, int quietMillis) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(quietMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      try {
        for (int n; (n = in.read(chunk)) != -1; ) {
          out.write(chunk, 0, n);
        }
        return new Answer(out.toByteArray(), true);
      } catch (SocketTimeoutException quiet) {
        return new Answer(out.toByteArray(), false);
      } catch (IOException reset) {
        return new Answer(out.toByteArray(), true);
      }
    } catch (IOException e) {
      throw new IllegalStateException("raw exchange failed: " + e, e);
    }
  }
}
