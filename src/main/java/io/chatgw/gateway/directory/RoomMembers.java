package io.chatgw.gateway.directory;

import java.util.Arrays;

/** The users of one room (room_member), as their keys in ascending order. */
public final class RoomMembers {

  private final String tenantId;
  private final long[] userPks;

  RoomMembers(String tenantId, long[] userPks) {
    this.tenantId = tenantId;
    this.userPks = userPks.clone();
    Arrays.sort(this.userPks);
  }

  public boolean contains(long userPk) {
    return Arrays.binarySearch(userPks, userPk) >= 0;
  }

  /** The members' keys, ascending; a copy. */
  public long[] userPks() {
    return userPks.clone();
  }

  public int size() {
    return userPks.length;
  }

  String tenantId() {
    return tenantId;
  }

  int weight() {
    return 48 + Heap.of(tenantId) + 8 * userPks.length;
  }
}
