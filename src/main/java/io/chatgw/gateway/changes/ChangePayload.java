package io.chatgw.gateway.changes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The text of a change notification: {@code {"kinds":["apiKey","tenant"],"tenants":["acme"]}}, or
 * {@code {"kinds":[...],"allTenants":true}} when the tenants' ids would not fit. Always ASCII
 * (other characters are JSON-escaped), so its length in characters is its length in bytes in any
 * server encoding, and at most {@link #MAX_BYTES}: PostgreSQL refuses a payload of 8000 bytes or
 * more. A reader ignores members and kinds it does not know.
 */
public final class ChangePayload {

  public static final int MAX_BYTES = 7999;

  private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private ChangePayload() {}

  public static String encode(Change change) {
    String named = change.allTenants() ? null : write(change);
    return named != null && named.length() <= MAX_BYTES ? named : write(change.forAllTenants());
  }

  /** The change a payload names; empty when it cannot be read (then anything may have changed). */
  public static Optional<Change> decode(String payload) {
    try {
      JsonObject json = new JsonObject(payload);
      Set<Kind> kinds = EnumSet.noneOf(Kind.class);
      for (Object name : json.getJsonArray("kinds")) {
        Kind.ofWire((String) name).ifPresent(kinds::add);
      }
      if (Boolean.TRUE.equals(json.getBoolean("allTenants"))) {
        return Optional.of(new Change(kinds, Set.of(), true));
      }
      JsonArray ids = json.getJsonArray("tenants");
      Set<String> tenants = new HashSet<>(ids.size() * 2);
      for (Object id : ids) {
        tenants.add((String) id);
      }
      return Optional.of(new Change(kinds, tenants, false));
    } catch (RuntimeException e) { // not JSON, a member missing, or of another type
      return Optional.empty();
    }
  }

  private static String write(Change change) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("kinds");
      for (Kind kind : Kind.values()) {
        if (change.kinds().contains(kind)) {
          json.writeString(kind.wire());
        }
      }
      json.writeEndArray();
      if (change.allTenants()) {
        json.writeBooleanField("allTenants", true);
      } else {
        json.writeArrayFieldStart("tenants");
        for (String tenant : new TreeSet<>(change.tenants())) {
          json.writeString(tenant);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string", e);
    }
    return out.toString();
  }
}
