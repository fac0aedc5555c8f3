package io.chatgw.gateway.changes;

import java.util.Optional;

/** What a change notification can say changed, with its name in the payload. */
public enum Kind {
  /** The tenant row: its name and rate limit. */
  TENANT("tenant"),
  API_KEY("apiKey"),
  USER("user"),
  /** A room and its members. */
  ROOM("room"),
  /** Messages with their reactions, read receipts and hides. */
  MESSAGE("message"),
  SESSION("session");

  private final String wire;

  Kind(String wire) {
    this.wire = wire;
  }

  /** The name in the payload. */
  public String wire() {
    return wire;
  }

  /** The kind of a payload name; empty for one this version does not know (a newer sender's). */
  static Optional<Kind> ofWire(String name) {
    for (Kind kind : values()) {
      if (kind.wire.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
