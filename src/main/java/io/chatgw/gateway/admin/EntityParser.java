package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns import JSON into {@link Entities}, applying the model's defaults and rules. */
final class EntityParser {

  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Set<String> STATUSES = Set.of("available", "busy", "away", "offline");
  private static final Set<String> MESSAGE_STATUSES = Set.of("sent", "received", "read");
  private static final Set<String> KINDS = Set.of("image", "video", "audio", "file");

  private static final Set<String> TENANT = Set.of("kind", "id", "name", "apiKeys", "rateLimit");
  private static final Set<String> USER = Set.of("kind", "tenant", "id", "username", "nickname",
      "description", "avatarUrl", "isModerator", "uniqueUserIdentifier", "availabilityStatus", "lastLoginAt");
  private static final Set<String> ROOM = Set.of("kind", "tenant", "id", "number", "name", "members");
  private static final Set<String> MESSAGE = Set.of("kind", "tenant", "room", "id", "sender", "recipient",
      "type", "text", "payload", "attachment", "creditTransfer", "actionButtons", "status", "createdAt",
      "updatedAt", "messageTime", "deleted", "version", "reactions", "readBy", "hiddenBy");
  private static final Set<String> ATTACHMENT = Set.of("id", "url", "name", "size", "contentType", "kind",
      "width", "height", "durationSeconds", "thumbnailUrl");
  private static final Set<String> CREDIT = Set.of("amount", "recipientId", "senderId");
  private static final Set<String> REACTION = Set.of("id", "user", "reaction", "createdAt");
  private static final Set<String> READ = Set.of("user", "readAt");
  private static final Set<String> SESSION = Set.of("kind", "tenant", "user", "token", "expiresAt");

  private final Clock clock;
  private final ImportLimits limits;

  EntityParser(Clock clock, ImportLimits limits) {
    this.clock = clock;
    this.limits = limits;
  }

  Entities.Tenant tenant(Object json, String path) {
    Fields f = Fields.of(json, path, TENANT, limits);
    String id = f.string("id");
    if (!TENANT_ID.matcher(id).matches()) {
      throw new ImportError(f.at("id"), "must match [a-z0-9][a-z0-9_-]{0,63}");
    }
    List<String> keys = f.optStrings("apiKeys");
    return new Entities.Tenant(path, id, nonNull(f.optString("name"), id), keys == null ? List.of() : keys,
        RateLimitMember.parse(f.raw("rateLimit"), f.at("rateLimit"), limits));
  }

  Entities.User user(Object json, String path) {
    Fields f = Fields.of(json, path, USER, limits);
    String username = f.string("username");
    return new Entities.User(path, f.string("tenant"), f.string("id"), username,
        nonNull(f.optString("nickname"), username), f.optString("description"),
        f.optString("avatarUrl"), f.bool("isModerator", false), f.optString("uniqueUserIdentifier"),
        f.oneOf("availabilityStatus", "offline", STATUSES), f.optTime("lastLoginAt"));
  }

  Entities.Room room(Object json, String path) {
    Fields f = Fields.of(json, path, ROOM, limits);
    return new Entities.Room(path, f.string("tenant"), f.string("id"),
        f.optLong("number", 1, Long.MAX_VALUE), nonNull(f.optString("name"), ""), f.optStrings("members"));
  }

  Entities.Message message(Object json, String path) {
    Fields f = Fields.of(json, path, MESSAGE, limits);
    String id = f.has("id") ? f.string("id") : ObjectIds.next(clock.millis());
    OffsetDateTime created = f.optTime("createdAt");
    if (created == null) {
      created = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
    OffsetDateTime updated = nonNull(f.optTime("updatedAt"), created);
    OffsetDateTime messageTime = nonNull(f.optTime("messageTime"), created);
    Long version = f.optLong("version", 0, Integer.MAX_VALUE);
    f.optArray("actionButtons"); // must be an array
    String buttons = f.optJson("actionButtons");
    return new Entities.Message(path, f.string("tenant"), f.string("room"), id, f.string("sender"),
        f.optString("recipient"), nonNull(f.optString("type"), "text"), f.optString("text", limits.maxTextBytes()),
        f.optJson("payload"),
        attachment(f.raw("attachment"), f.at("attachment"), id),
        creditTransfer(f.raw("creditTransfer"), f.at("creditTransfer")),
        buttons == null ? "[]" : buttons,
        f.oneOf("status", "sent", MESSAGE_STATUSES), created, updated, messageTime,
        f.bool("deleted", false), version == null ? 0 : version.intValue(),
        reactions(f.optArray("reactions"), f.at("reactions")),
        reads(f.optArray("readBy"), f.at("readBy")), messageItems(f.optStrings("hiddenBy"), f.at("hiddenBy")));
  }

  Entities.Session session(Object json, String path) {
    Fields f = Fields.of(json, path, SESSION, limits);
    OffsetDateTime expires = f.optTime("expiresAt");
    if (expires == null) {
      throw new ImportError(f.at("expiresAt"), "is required");
    }
    return new Entities.Session(path, f.string("tenant"), f.string("user"), f.string("token"), expires);
  }

  private Entities.Attachment attachment(Object json, String path, String messageId) {
    if (json == null) {
      return null;
    }
    Fields f = Fields.of(json, path, ATTACHMENT, limits);
    String contentType = f.optString("contentType");
    String kind = f.oneOf("kind", null, KINDS);
    if (kind == null) {
      kind = kindOf(contentType);
    }
    return new Entities.Attachment(nonNull(f.optString("id"), messageId), f.string("url"),
        f.optString("name"), f.optLong("size", 0, Long.MAX_VALUE), contentType, kind,
        f.optLong("width", 0, Integer.MAX_VALUE), f.optLong("height", 0, Integer.MAX_VALUE),
        f.optDouble("durationSeconds"), f.optString("thumbnailUrl"));
  }

  private String creditTransfer(Object json, String path) {
    if (json == null) {
      return null;
    }
    Fields f = Fields.of(json, path, CREDIT, limits);
    if (f.optDouble("amount") == null) {
      throw new ImportError(f.at("amount"), "is required");
    }
    f.optString("recipientId");
    f.optString("senderId");
    return Json.encode(json);
  }

  /** A message's list within {@code maxMessageItems}: its reactions, receipts and hides render with it. */
  private <T> T messageItems(T list, String path) {
    if (list != null && ((java.util.List<?>) (list instanceof JsonArray a ? a.getList() : list)).size()
        > limits.maxMessageItems()) {
      throw new ImportError(path, "has more than " + limits.maxMessageItems() + " items");
    }
    return list;
  }

  private List<Entities.Reaction> reactions(JsonArray array, String path) {
    if (messageItems(array, path) == null) {
      return null;
    }
    List<Entities.Reaction> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      Fields f = Fields.of(array.getValue(i), at, REACTION, limits);
      OffsetDateTime created = f.optTime("createdAt");
      out.add(new Entities.Reaction(at, f.has("id") ? f.string("id") : ObjectIds.next(clock.millis()),
          f.string("user"), f.string("reaction"),
          created != null ? created : OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }
    return out;
  }

  private List<Entities.Read> reads(JsonArray array, String path) {
    if (messageItems(array, path) == null) {
      return null;
    }
    List<Entities.Read> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      Fields f = Fields.of(array.getValue(i), at, READ, limits);
      OffsetDateTime readAt = f.optTime("readAt");
      if (readAt == null) {
        throw new ImportError(f.at("readAt"), "is required");
      }
      out.add(new Entities.Read(at, f.string("user"), readAt));
    }
    return out;
  }

  static String kindOf(String contentType) {
    if (contentType == null) {
      return "file";
    }
    String lower = contentType.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("image/")) {
      return "image";
    }
    if (lower.startsWith("video/")) {
      return "video";
    }
    return lower.startsWith("audio/") ? "audio" : "file";
  }

  private static <T> T nonNull(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
