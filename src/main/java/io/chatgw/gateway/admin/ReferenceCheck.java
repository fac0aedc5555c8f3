package io.chatgw.gateway.admin;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the first entity, in input order, that refers to a tenant, user or room that is neither in
 * the batch nor in the store. Three set queries, whatever the batch size.
 */
final class ReferenceCheck {

  static final String SELECT_EXISTING_TENANTS = "SELECT id FROM tenant WHERE id = ANY($1)";
  static final String SELECT_EXISTING_USERS = """
      SELECT x.t, x.i FROM unnest($1::text[], $2::text[]) AS x(t, i)
       WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.tenant_id = x.t AND u.id = x.i)""";
  static final String SELECT_EXISTING_ROOMS = """
      SELECT x.t, x.i FROM unnest($1::text[], $2::text[]) AS x(t, i)
       WHERE EXISTS (SELECT 1 FROM room r WHERE r.tenant_id = x.t AND r.id = x.i)""";

  private final Set<String> tenants = new HashSet<>();
  private final Set<String> users = new HashSet<>();
  private final Set<String> rooms = new HashSet<>();
  private final Set<String> wantedTenants = new LinkedHashSet<>();
  private final Set<String> wantedUsers = new LinkedHashSet<>();
  private final Set<String> wantedRooms = new LinkedHashSet<>();

  private ReferenceCheck() {}

  /** The first bad reference as an {@link ImportError}, or null when every reference resolves. */
  static Future<ImportError> firstMissing(SqlClient db, ImportBatch batch) {
    ReferenceCheck check = new ReferenceCheck();
    check.collect(batch);
    return check.load(db).map(v -> check.walk(batch));
  }

  private static String key(String tenant, String id) {
    return tenant + '\u0000' + id;
  }

  private void collect(ImportBatch batch) {
    batch.tenants.forEach(t -> tenants.add(t.id()));
    batch.users.forEach(u -> users.add(key(u.tenant(), u.id())));
    batch.rooms.forEach(r -> rooms.add(key(r.tenant(), r.id())));
    walkWith(batch, this::want);
  }

  private Future<Void> load(SqlClient db) {
    List<Future<?>> queries = new ArrayList<>();
    if (!wantedTenants.isEmpty()) {
      queries.add(db.preparedQuery(SELECT_EXISTING_TENANTS)
          .execute(Tuple.tuple().addArrayOfString(wantedTenants.toArray(String[]::new)))
          .onSuccess(rows -> rows.forEach(row -> tenants.add(row.getString(0)))));
    }
    if (!wantedUsers.isEmpty()) {
      queries.add(pairs(db, SELECT_EXISTING_USERS, wantedUsers, users));
    }
    if (!wantedRooms.isEmpty()) {
      queries.add(pairs(db, SELECT_EXISTING_ROOMS, wantedRooms, rooms));
    }
    return Future.all(queries).mapEmpty();
  }

  private static Future<?> pairs(SqlClient db, String sql, Set<String> wanted, Set<String> found) {
    String[] t = new String[wanted.size()];
    String[] i = new String[wanted.size()];
    int n = 0;
    for (String k : wanted) {
      int split = k.indexOf('\u0000');
      t[n] = k.substring(0, split);
      i[n++] = k.substring(split + 1);
    }
    return db.preparedQuery(sql).execute(Tuple.tuple().addArrayOfString(t).addArrayOfString(i))
        .onSuccess(rows -> {
          for (Row row : rows) {
            found.add(key(row.getString(0), row.getString(1)));
          }
        });
  }

  private interface Visitor {
    /** Returns an error for a reference that does not resolve, else null. */
    ImportError visit(char kind, String tenant, String id, String path);
  }

  private ImportError want(char kind, String tenant, String id, String path) {
    switch (kind) {
      case 't' -> { if (!tenants.contains(tenant)) wantedTenants.add(tenant); }
      case 'u' -> { if (!users.contains(key(tenant, id))) wantedUsers.add(key(tenant, id)); }
      default -> { if (!rooms.contains(key(tenant, id))) wantedRooms.add(key(tenant, id)); }
    }
    return null;
  }

  private ImportError resolve(char kind, String tenant, String id, String path) {
    return switch (kind) {
      case 't' -> tenants.contains(tenant) ? null : new ImportError(path, "unknown tenant '" + tenant + "'");
      case 'u' -> users.contains(key(tenant, id)) ? null
          : new ImportError(path, "unknown user '" + id + "' in tenant '" + tenant + "'");
      default -> rooms.contains(key(tenant, id)) ? null
          : new ImportError(path, "unknown room '" + id + "' in tenant '" + tenant + "'");
    };
  }

  private ImportError walk(ImportBatch batch) {
    return walkWith(batch, this::resolve);
  }

  private static ImportError walkWith(ImportBatch batch, Visitor v) {
    for (Record entity : batch.inOrder) {
      ImportError error = visit(entity, v);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private static ImportError visit(Record entity, Visitor v) {
    List<ImportError> errors = new ArrayList<>();
    if (entity instanceof Entities.User u) {
      errors.add(v.visit('t', u.tenant(), null, u.path() + ".tenant"));
    } else if (entity instanceof Entities.Room r) {
      errors.add(v.visit('t', r.tenant(), null, r.path() + ".tenant"));
      if (r.members() != null) {
        for (int i = 0; i < r.members().size(); i++) {
          errors.add(v.visit('u', r.tenant(), r.members().get(i), r.path() + ".members[" + i + "]"));
        }
      }
    } else if (entity instanceof Entities.Message m) {
      errors.add(v.visit('t', m.tenant(), null, m.path() + ".tenant"));
      errors.add(v.visit('r', m.tenant(), m.room(), m.path() + ".room"));
      errors.add(v.visit('u', m.tenant(), m.sender(), m.path() + ".sender"));
      if (m.recipient() != null) {
        errors.add(v.visit('u', m.tenant(), m.recipient(), m.path() + ".recipient"));
      }
      if (m.reactions() != null) {
        m.reactions().forEach(r -> errors.add(v.visit('u', m.tenant(), r.user(), r.path() + ".user")));
      }
      if (m.readBy() != null) {
        m.readBy().forEach(r -> errors.add(v.visit('u', m.tenant(), r.user(), r.path() + ".user")));
      }
      if (m.hiddenBy() != null) {
        for (int i = 0; i < m.hiddenBy().size(); i++) {
          errors.add(v.visit('u', m.tenant(), m.hiddenBy().get(i), m.path() + ".hiddenBy[" + i + "]"));
        }
      }
    } else if (entity instanceof Entities.Session s) {
      errors.add(v.visit('t', s.tenant(), null, s.path() + ".tenant"));
      errors.add(v.visit('u', s.tenant(), s.user(), s.path() + ".user"));
    }
    return errors.stream().filter(e -> e != null).findFirst().orElse(null);
  }
}
