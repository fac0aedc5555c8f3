package io.chatgw.gateway.feed;

import io.chatgw.gateway.dialect.v1.Cursors;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One change of one message, rendered once for every subscriber: as an SSE event and as a
 * WebSocket text frame. {@code hiddenFor} holds the users who hid the message (sorted): they are
 * not sent it.
 */
record FeedEvent(long position, long roomPk, long[] hiddenFor, Buffer sse, String frame) {

  static FeedEvent of(long position, long roomPk, long[] hiddenFor, Buffer message) {
    String cursor = Cursors.feed(position);
    String json = message.toString(StandardCharsets.UTF_8);
    Buffer sse = Buffer.buffer(message.length() + 40).appendString("id: ").appendString(cursor)
        .appendString("\nevent: message\ndata: ").appendBuffer(message).appendString("\n\n");
    String frame = "{\"type\":\"message\",\"cursor\":\"" + cursor + "\",\"message\":" + json + "}";
    long[] hidden = hiddenFor.clone();
    Arrays.sort(hidden);
    return new FeedEvent(position, roomPk, hidden, sse, frame);
  }

  boolean hiddenFrom(long userPk) {
    return hiddenFor.length > 0 && Arrays.binarySearch(hiddenFor, userPk) >= 0;
  }
}
