package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.directory.User;
import io.chatgw.gateway.failure.ResponseHeaders;
import io.chatgw.gateway.json.JsonBuffers;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.util.Map;

/**
 * The history route's 200: {@code {"messages":[…],"prev":…,"next":…}} and the same cursors in
 * {@code Link} headers, as the request's own path with {@code limit} and {@code before} /
 * {@code after} (RFC 8288 resolves the reference against the request's URI).
 */
final class V1Page {

  private V1Page() {}

  static HistoryReply reply(Room room, V1Params params, PageAssembly page, Map<Long, User> users) {
    Buffer body = JsonBuffers.render(64 + page.messages().size() * 400, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("messages");
      for (Row row : page.messages()) {
        MessageJson.write(json, row, PageStatements.MESSAGE, room.id(), users);
      }
      json.writeEndArray();
      json.writeStringField("prev", page.prev());
      json.writeStringField("next", page.next());
      json.writeEndObject();
    });
    return new HistoryReply(200, body, links(params, page));
  }

  static ResponseHeaders links(V1Params params, PageAssembly page) {
    StringBuilder links = new StringBuilder();
    link(links, params, "before", page.prev(), "prev");
    link(links, params, "after", page.next(), "next");
    return links.isEmpty() ? ResponseHeaders.NONE : ResponseHeaders.of("Link", links.toString());
  }

  private static void link(StringBuilder links, V1Params params, String param, String cursor, String rel) {
    if (cursor == null) {
      return;
    }
    if (!links.isEmpty()) {
      links.append(", ");
    }
    links.append('<').append(params.path()).append("?limit=").append(params.limit()).append('&').append(param)
        .append('=').append(cursor).append(">; rel=\"").append(rel).append('"');
  }
}
