package io.chatgw.gateway.admin;

import java.time.OffsetDateTime;
import java.util.List;

/** The validated import entities, as the writer stores them. */
final class Entities {

  private Entities() {}

  /** {@code rateLimit} is null when not given: the configured default then applies. */
  record Tenant(String path, String id, String name, List<String> apiKeys, RateLimit rateLimit) {}

  record RateLimit(int perSecond, int burst) {}

  record User(String path, String tenant, String id, String username, String nickname,
      String description, String avatarUrl, boolean isModerator, String uniqueUserIdentifier,
      String availabilityStatus, OffsetDateTime lastLoginAt) {}

  /** {@code members} is null when not given (stored members are then kept). */
  record Room(String path, String tenant, String id, Long number, String name, List<String> members) {}

  record Attachment(String id, String url, String name, Long size, String contentType, String kind,
      Long width, Long height, Double durationSeconds, String thumbnailUrl) {}

  record Reaction(String path, String id, String user, String reaction, OffsetDateTime createdAt) {}

  record Read(String path, String user, OffsetDateTime readAt) {}

  /** {@code reactions}, {@code readBy} and {@code hiddenBy} are null when not given. */
  record Message(String path, String tenant, String room, String id, String sender, String recipient,
      String type, String text, String payloadJson, Attachment attachment, String creditTransferJson,
      String actionButtonsJson, String status, OffsetDateTime createdAt, OffsetDateTime updatedAt,
      OffsetDateTime messageTime, boolean deleted, int version, List<Reaction> reactions,
      List<Read> readBy, List<String> hiddenBy) {}

  record Session(String path, String tenant, String user, String token, OffsetDateTime expiresAt) {}
}
