package io.chatgw.gateway.dialect.v1;

/**
 * The columns a native message is rendered from ({@link MessageJson}), as SQL to embed: a select
 * list over a message row aliased {@code m} and the lateral joins of its reactions ({@code x}) and
 * read receipts ({@code y}), looked up only when the message is flagged as having them (V008).
 * Use: {@code SELECT <yours>, } {@link #COLUMNS} {@code FROM (…) m } {@link #EXTRAS}; the column
 * positions below count from the first of {@link #COLUMNS}.
 */
public final class MessageRows {

  public static final String COLUMNS = """
      m.id, m.room_pk, m.sender_pk, m.type, m.text, NULLIF(m.payload, 'null'::jsonb)::text,
      m.att_id, m.att_url, m.att_name, m.att_size, m.att_content_type, m.att_kind, m.att_width,
      m.att_height, m.att_duration, m.att_thumbnail_url, m.created_at, m.updated_at, m.version,
      m.deleted, m.seq, m.change_pos, x.user_pks, x.reactions, x.created_ats, y.user_pks, y.read_ats""";

  public static final String EXTRAS = """
      LEFT JOIN LATERAL (
        SELECT array_agg(rc.user_pk ORDER BY rc.created_at, rc.pk) AS user_pks,
               array_agg(rc.reaction ORDER BY rc.created_at, rc.pk) AS reactions,
               array_agg(rc.created_at ORDER BY rc.created_at, rc.pk) AS created_ats
          FROM reaction rc WHERE m.has_reactions AND rc.message_seq = m.seq) x ON true
      LEFT JOIN LATERAL (
        SELECT array_agg(rr.user_pk ORDER BY rr.read_at, rr.user_pk) AS user_pks,
               array_agg(rr.read_at ORDER BY rr.read_at, rr.user_pk) AS read_ats
          FROM read_receipt rr WHERE m.has_receipts AND rr.message_seq = m.seq) y ON true""";

  /** How many columns {@link #COLUMNS} has. */
  public static final int COUNT = 27;

  /** Positions within {@link #COLUMNS}. */
  public static final int ID = 0;
  public static final int ROOM = 1;
  public static final int SENDER = 2;
  public static final int TYPE = 3;
  public static final int TEXT = 4;
  public static final int PAYLOAD = 5;
  public static final int ATT_ID = 6;
  public static final int ATT_URL = 7;
  public static final int ATT_NAME = 8;
  public static final int ATT_SIZE = 9;
  public static final int ATT_CONTENT_TYPE = 10;
  public static final int ATT_KIND = 11;
  public static final int ATT_WIDTH = 12;
  public static final int ATT_HEIGHT = 13;
  public static final int ATT_DURATION = 14;
  public static final int ATT_THUMBNAIL = 15;
  public static final int CREATED = 16;
  public static final int UPDATED = 17;
  public static final int VERSION = 18;
  public static final int DELETED = 19;
  public static final int SEQ = 20;
  public static final int CHANGE_POS = 21;
  public static final int REACTION_USERS = 22;
  public static final int REACTION_NAMES = 23;
  public static final int REACTION_TIMES = 24;
  public static final int READ_USERS = 25;
  public static final int READ_TIMES = 26;

  private MessageRows() {}
}
