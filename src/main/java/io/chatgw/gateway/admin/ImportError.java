package io.chatgw.gateway.admin;

/** A bad entity in an import: where ({@code path}, e.g. {@code messages[3].sender}) and why. */
final class ImportError extends RuntimeException {

  private final String path;

  ImportError(String path, String message) {
    super(message, null, false, false);
    this.path = path;
  }

  String path() {
    return path;
  }
}
