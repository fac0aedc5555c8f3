package io.chatgw.gateway.dialect.v1;

import io.chatgw.gateway.bus.HistoryReply;
import io.chatgw.gateway.bus.HistoryRequest;
import io.chatgw.gateway.dialect.ConditionalRead;
import io.chatgw.gateway.bus.Principal;
import io.chatgw.gateway.dialect.StoreContext;
import io.chatgw.gateway.dialect.v1.V1Params.Anchor;
import io.chatgw.gateway.directory.Directory;
import io.chatgw.gateway.directory.Room;
import io.chatgw.gateway.failure.GatewayError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The room (by id, in the caller's tenant) and the caller's membership come from the directory:
 * not found is 404, not a member 403. A message-id anchor is looked up in the room (not there:
 * 400); then one {@link PageStatements} statement reads the page and the room's change position
 * in one snapshot (the answer's horizon and its tag), and {@link PageAssembly} cuts it and chooses
 * its cursors (the rule is in docs/feed.md, "Cursors").
 */
final class V1Reader {

  private V1Reader() {}

  static Future<HistoryReply> read(HistoryRequest request, V1Params params, StoreContext store) {
    Principal caller = request.principal();
    ConditionalRead conditional = ConditionalRead.start(store, request, false);
    Directory directory = store.directory();
    return directory.roomById(caller.tenantId(), params.roomId()).compose(room -> room.isEmpty()
        ? Future.failedFuture(GatewayError.of(V1Errors.ROOM_NOT_FOUND))
        : directory.userPk(caller.tenantId(), caller.userId()).compose(userPk -> userPk.isEmpty()
            ? notMember()
            : directory.members(room.get()).compose(members -> members.contains(userPk.get())
                ? conditional.read(room.get(), () -> anchor(room.get(), caller, params, store)
                    .compose(anchor -> page(room.get(), userPk.get(), params, anchor, store)))
                : notMember())));
  }

  private static Future<HistoryReply> notMember() {
    return Future.failedFuture(GatewayError.of(V1Errors.NOT_ROOM_MEMBER));
  }

  /** Where the page is anchored: a cursor of this room, a message of it, a time, or nowhere (the newest). */
  private static Future<Cursors.Page> anchor(Room room, Principal caller, V1Params params, StoreContext store) {
    if (params.anchor() == Anchor.NEWEST) {
      return Future.succeededFuture(null);
    }
    if (params.aroundTime() != null) {
      return Future.succeededFuture(new Cursors.Page(room.pk(), Cursors.micros(params.aroundTime()), 0, 0));
    }
    String name = V1Params.name(params.anchor());
    Cursors.Page cursor = Cursors.pageOrNull(params.anchorText());
    if (cursor != null) {
      return cursor.roomPk() == room.pk() ? Future.succeededFuture(cursor)
          : Future.failedFuture(V1Params.invalid(name + " is a cursor of another room"));
    }
    return store.query(room.tenantId(), client -> client.preparedQuery(PageStatements.ANCHOR)
            .execute(Tuple.of(caller.tenantId(), params.anchorText(), room.pk())))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(V1Params.invalid(name + " is neither a cursor nor a message of this room"));
          }
          Row row = rows.iterator().next();
          // a message id gives no horizon: what changed after the message itself comes again
          return Future.succeededFuture(new Cursors.Page(room.pk(), Cursors.micros(row.getOffsetDateTime(0)),
              row.getLong(1), row.getLong(2)));
        });
  }

  private static Future<ConditionalRead.Positioned> page(Room room, long userPk, V1Params params, Cursors.Page anchor,
      StoreContext store) {
    long limit = params.limit();
    Tuple args = Tuple.of(room.pk(), userPk, limit);
    String sql = switch (params.anchor()) {
      case NEWEST -> PageStatements.NEWEST;
      case BEFORE -> PageStatements.BEFORE;
      case AFTER -> PageStatements.AFTER;
      case AROUND -> PageStatements.AROUND;
    };
    if (anchor != null) {
      args.addOffsetDateTime(Cursors.time(anchor.createdAtMicros())).addLong(anchor.seq());
      if (params.anchor() == Anchor.AFTER) {
        args.addLong(anchor.horizon());
      } else if (params.anchor() == Anchor.AROUND) {
        args.addLong(limit / 2);
      }
    }
    return store.page(room.tenantId(), sql, args, V1Errors.INVALID_PARAMETER).compose(rows -> {
      if (rows.isEmpty()) {
        return Future.failedFuture(GatewayError.of(V1Errors.ROOM_NOT_FOUND)); // gone since the directory read it
      }
      PageAssembly page = PageAssembly.of(params, anchor, room.pk(), rows);
      List<Row> messages = page.messages();
      return store.directory().users(MessageJson.userPks(messages, PageStatements.MESSAGE))
          .map(users -> new ConditionalRead.Positioned(V1Page.reply(room, params, page, users), page.horizon()));
    });
  }
}
