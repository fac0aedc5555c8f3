package io.chatgw.gateway.dialect.allmine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chatgw.gateway.directory.RoomMembers;
import io.chatgw.gateway.directory.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An Allmine answer's {@code participants}: every member of the chat, ordered by user id in
 * {@code COLLATE "C"} order, {@code {"_id","username","profilePhoto","availabilityStatus"}} with
 * the photo only for a non-empty avatar. A member whose profile the store no longer has is left
 * out (the join that built this list before did the same).
 */
final class AllmineParticipants {

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  });

  private AllmineParticipants() {}

  static void write(JsonGenerator json, RoomMembers members, Map<Long, User> users) throws IOException {
    List<User> participants = new ArrayList<>(members.size());
    for (long pk : members.userPks()) {
      User user = users.get(pk);
      if (user != null) {
        participants.add(user);
      }
    }
    participants.sort((a, b) -> CollateC.compare(a.id(), b.id()));
    json.writeArrayFieldStart("participants");
    for (User user : participants) {
      json.writeStartObject();
      json.writeStringField("_id", user.id());
      json.writeStringField("username", user.username());
      String avatar = user.avatarUrl();
      if (avatar != null && !avatar.isEmpty()) {
        json.writeObjectFieldStart("profilePhoto");
        json.writeStringField("_id", photoId(user.id(), avatar));
        json.writeStringField("url", avatar);
        json.writeStringField("type", "image");
        json.writeEndObject();
      }
      json.writeStringField("availabilityStatus", user.availabilityStatus());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** The first 24 hex digits of md5(id || '\n' || avatar url), as the store computed it before. */
  static String photoId(String userId, String avatarUrl) {
    byte[] md5 = MD5.get().digest((userId + "\n" + avatarUrl).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md5, 0, 12);
  }
}
