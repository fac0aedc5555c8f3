package io.chatgw.gateway.feed;

/**
 * A client's interest in some rooms of its tenant, from a position on: an SSE stream's rooms, or
 * one room of a WebSocket. Its mutable state is the hub's, on the hub's context.
 */
final class Subscription {

  final String tenantId;
  final long userPk;
  final long[] roomPks;
  final Sink sink;
  /** The last change position handed to the sink (or skipped as hidden from this user). */
  long position;
  boolean closed;

  Subscription(String tenantId, long userPk, long[] roomPks, Sink sink, long position) {
    this.tenantId = tenantId;
    this.userPk = userPk;
    this.roomPks = roomPks.clone();
    this.sink = sink;
    this.position = position;
  }
}
