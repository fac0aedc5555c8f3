package io.chatgw.gateway.feed;

import io.chatgw.gateway.directory.Room;
import java.util.List;

/**
 * A client's interest in some rooms of its tenant, from a position on: an SSE stream's rooms, or
 * one room of a WebSocket. Its mutable state is the hub's, on the hub's context.
 */
final class Subscription {

  final String tenantId;
  final long userPk;
  /** The rooms, as checked when it started (their memberships are checked again on room notices). */
  final List<Room> rooms;
  final long[] roomPks;
  final Sink sink;
  /** The last change position handed to the sink (or skipped as hidden from this user). */
  long position;
  boolean closed;

  Subscription(String tenantId, long userPk, List<Room> rooms, Sink sink, long position) {
    this.tenantId = tenantId;
    this.userPk = userPk;
    this.rooms = List.copyOf(rooms);
    this.roomPks = this.rooms.stream().mapToLong(Room::pk).toArray();
    this.sink = sink;
    this.position = position;
  }
}
