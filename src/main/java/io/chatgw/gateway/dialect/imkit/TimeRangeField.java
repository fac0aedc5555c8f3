package io.chatgw.gateway.dialect.imkit;

/** The {@code timeRangeField} values: the sort key K of a page and the message column behind it. */
enum TimeRangeField {
  UPDATED_AT("updatedAt", "updated_at"),
  CREATED_AT("createdAt", "created_at"),
  MESSAGE_TIME("messageTime", "message_time");

  /** The name clients send, exactly (case-sensitive). */
  final String param;
  /** The message column; each has its keyset index (room_pk, column, seq). */
  final String column;

  TimeRangeField(String param, String column) {
    this.param = param;
    this.column = column;
  }

  /** The field a client named, or null for anything else. */
  static TimeRangeField of(String param) {
    for (TimeRangeField field : values()) {
      if (field.param.equals(param)) {
        return field;
      }
    }
    return null;
  }
}
