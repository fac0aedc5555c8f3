package io.chatgw.gateway.support;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A tenant with one room of {@link #MESSAGES} messages (and a small neighbour room), written
 * straight into the store with set-based SQL because the import API would take minutes for it.
 * Created once per test run; ANALYZEd, so the planner sees the real shape.
 */
public final class BigRoom {

  public static final int MESSAGES = 200_000;
  public static final String ROOM_ID = "big";
  public static final long ROOM_NUMBER = 1;
  public static final String MEMBER = "u0";

  private static BigRoom instance;

  public final String tenant;
  public final long roomPk;
  /** Ids of the oldest and the newest message of the big room, by (created_at, seq). */
  public final String oldestId;
  public final String newestId;
  /** The 100th oldest message: an anchor near the oldest end that still has messages before it. */
  public final String nearOldestId;

  private BigRoom(String tenant, long roomPk, String oldestId, String newestId, String nearOldestId) {
    this.tenant = tenant;
    this.roomPk = roomPk;
    this.oldestId = oldestId;
    this.newestId = newestId;
    this.nearOldestId = nearOldestId;
  }

  public static synchronized BigRoom get() {
    if (instance == null) {
      instance = create(TestGateway.shared().sql());
    }
    return instance;
  }

  private static BigRoom create(Pool sql) {
    String tenant = "big-" + UUID.randomUUID().toString().substring(0, 8);
    Tuple t = Tuple.of(tenant);
    sql.withTransaction(conn -> conn.preparedQuery("INSERT INTO tenant (id, name) VALUES ($1, $1)").execute(t)
        .compose(v -> conn.preparedQuery("""
            INSERT INTO app_user (tenant_id, id, username, nickname)
            SELECT $1, 'u' || g, 'user_' || g, 'User ' || g FROM generate_series(0, 19) g""").execute(t))
        .compose(v -> conn.preparedQuery("""
            INSERT INTO room (tenant_id, id, number, name) VALUES ($1, 'big', 1, 'big'), ($1, 'small', 2, 'small')""")
            .execute(t))
        .compose(v -> conn.preparedQuery("""
            INSERT INTO room_member (room_pk, user_pk)
            SELECT r.pk, u.pk FROM room r JOIN app_user u ON u.tenant_id = r.tenant_id WHERE r.tenant_id = $1""")
            .execute(t))
        // the counters' trigger is skipped for this bulk insert (replica role); the counts are set below
        .compose(v -> conn.query("SET LOCAL session_replication_role = replica").execute())
        .compose(v -> conn.preparedQuery("""
            INSERT INTO message (tenant_id, id, room_pk, sender_pk, type, text, att_url, att_kind,
                                 created_at, updated_at, message_time, deleted, change_pos)
            SELECT $1, 'big-' || lpad(g::text, 7, '0'), r.pk,
                   (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = 'u' || (g % 20)),
                   'text', 'message ' || g,
                   CASE WHEN g % 20 = 0 THEN 'https://cdn.example/' || g || '.png' END,
                   CASE WHEN g % 20 = 0 THEN 'image' END,
                   timestamptz '2026-01-01 00:00:00+00' + (g / 3) * interval '1 second',
                   timestamptz '2026-01-01 00:00:00+00' + (g / 3) * interval '1 second',
                   timestamptz '2026-01-01 00:00:00+00' + (g / 3) * interval '1 second',
                   g % 100 = 7, nextval('change_pos_seq')
              FROM generate_series(1, $2) g, room r
             WHERE r.tenant_id = $1 AND r.id = 'big'
             ORDER BY g""").execute(Tuple.of(tenant, MESSAGES)))
        .compose(v -> conn.preparedQuery("""
            INSERT INTO message (tenant_id, id, room_pk, sender_pk, text, created_at, updated_at, message_time,
                                 change_pos)
            SELECT $1, 'small-' || g, r.pk, (SELECT pk FROM app_user WHERE tenant_id = $1 AND id = 'u1'),
                   'small ' || g, now() - g * interval '1 second', now() - g * interval '1 second',
                   now() - g * interval '1 second', nextval('change_pos_seq')
              FROM generate_series(1, 1000) g, room r WHERE r.tenant_id = $1 AND r.id = 'small'""").execute(t))
        .compose(v -> conn.preparedQuery("""
            UPDATE room r SET count_all = c.n_all, count_live = c.n_live, count_live_attachments = c.n_att,
                              last_change_pos = c.pos
              FROM (SELECT room_pk, max(change_pos) pos, count(*) n_all, count(*) FILTER (WHERE NOT deleted) n_live,
                           count(*) FILTER (WHERE NOT deleted AND att_url IS NOT NULL) n_att
                      FROM message WHERE tenant_id = $1 GROUP BY room_pk) c
             WHERE r.pk = c.room_pk""").execute(t)))
        .await();
    sql.query("ANALYZE message").execute().await();
    sql.query("ANALYZE room").execute().await();
    Row row = sql.preparedQuery("""
        SELECT r.pk,
               (SELECT id FROM message WHERE room_pk = r.pk ORDER BY created_at, seq LIMIT 1),
               (SELECT id FROM message WHERE room_pk = r.pk ORDER BY created_at DESC, seq DESC LIMIT 1),
               (SELECT id FROM message WHERE room_pk = r.pk ORDER BY created_at, seq OFFSET 99 LIMIT 1)
          FROM room r WHERE r.tenant_id = $1 AND r.id = 'big'""").execute(t).await().iterator().next();
    return new BigRoom(tenant, row.getLong(0), row.getString(1), row.getString(2), row.getString(3));
  }
}
