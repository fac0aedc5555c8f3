package io.chatgw.gateway.directory;

import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Profiles by key, for the senders of a page (filled in one batch), and user ids resolved to keys. */
final class Users {

  private static final String COLUMNS = """
      SELECT pk, tenant_id, id, username, nickname, description, avatar_url, is_moderator,
             unique_user_identifier, availability_status, last_login_at
        FROM app_user""";
  static final String SELECT_BY_PKS = COLUMNS + " WHERE pk = ANY($1)";
  static final String SELECT_BY_ID = COLUMNS + " WHERE tenant_id = $1 AND id = $2";

  /** A user id of a tenant. */
  record Key(String tenantId, String id) {
    int weight() {
      return 32 + Heap.of(tenantId) + Heap.of(id);
    }
  }

  private final Pool pool;
  private final Deadlines deadlines;
  private final FreshCache<Long, User> byPk;
  /** Empty: the tenant has no such user (until a change of its users). */
  private final FreshCache<Key, Optional<Long>> pkById;

  Users(Pool pool, Deadlines deadlines, long maxBytes, int maxAgeSeconds) {
    this.pool = pool;
    this.deadlines = deadlines;
    this.byPk = new FreshCache<>(maxBytes / 2, (pk, user) -> user.weight(), maxAgeSeconds);
    this.pkById = new FreshCache<>(maxBytes / 2, (key, pk) -> key.weight() + 24, maxAgeSeconds);
  }

  Future<Map<Long, User>> byPks(Collection<Long> pks) {
    return byPk.getAll(pks, this::load);
  }

  Future<Optional<Long>> pkOf(String tenantId, String userId) {
    return pkById.get(new Key(tenantId, userId), key -> deadlines.bound(
            pool.preparedQuery(SELECT_BY_ID).execute(Tuple.of(key.tenantId(), key.id())))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(user(rows.iterator().next()).pk())));
  }

  private Future<Map<Long, User>> load(Set<? extends Long> pks) {
    return deadlines.bound(pool.preparedQuery(SELECT_BY_PKS).execute(Tuple.of(pks.toArray(new Long[0]))))
        .map(rows -> {
          Map<Long, User> users = new HashMap<>();
          rows.forEach(row -> {
            User user = user(row);
            users.put(user.pk(), user);
          });
          return users;
        });
  }

  private static User user(Row row) {
    return new User(row.getLong(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
        row.getString(5), row.getString(6), row.getBoolean(7), row.getString(8), row.getString(9),
        row.getOffsetDateTime(10));
  }

  /** A change of these tenants' users: their profiles, and every id not found (it may exist now). */
  void dropTenants(Set<String> tenants) {
    byPk.dropIf((pk, user) -> tenants.contains(user.tenantId()));
    pkById.dropIf((key, pk) -> pk.isEmpty() || tenants.contains(key.tenantId()));
  }

  void dropAll() {
    byPk.dropAll();
    pkById.dropAll();
  }
}
