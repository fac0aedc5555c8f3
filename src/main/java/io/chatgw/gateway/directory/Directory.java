package io.chatgw.gateway.directory;

import io.chatgw.gateway.config.DirectoryLimits;
import io.chatgw.gateway.store.Deadlines;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store's slow-changing data, in the gateway's memory: rooms, their members, user profiles,
 * and the tenants' Mirage cut-offs. Each lookup answers from memory when it can and reads the store
 * only on a miss (misses of a page's senders in one batch); change notifications drop what they
 * name ({@link #dropUsers}, {@link #dropRooms}, {@link #dropMessages}), and a listener that
 * (re)starts listening drops everything ({@link #dropAll}). docs/decisions.md, "The directory".
 */
public final class Directory {

  private final Users users;
  private final Rooms rooms;
  private final Members members;
  private final TenantCutoffs cutoffs;
  private final Generations generations = new Generations();
  private final Generations cutoffGenerations = new Generations();

  public Directory(Pool pool, Deadlines deadlines, DirectoryLimits limits) {
    this.users = new Users(pool, deadlines, limits.userBytes(), limits.maxAgeSeconds());
    this.rooms = new Rooms(pool, deadlines, limits.roomBytes(), limits.maxAgeSeconds());
    this.members = new Members(pool, deadlines, limits.memberBytes(), limits.maxAgeSeconds());
    this.cutoffs = new TenantCutoffs(pool, deadlines, limits.cutoffEntries(), limits.maxAgeSeconds());
  }

  public Future<Optional<Room>> roomById(String tenantId, String roomId) {
    return rooms.byId(tenantId, roomId);
  }

  public Future<Optional<Room>> roomByNumber(String tenantId, long number) {
    return rooms.byNumber(tenantId, number);
  }

  public Future<RoomMembers> members(Room room) {
    return members.of(room);
  }

  /** The key of a user of the tenant; empty when the tenant has no such user. */
  public Future<Optional<Long>> userPk(String tenantId, String userId) {
    return users.pkOf(tenantId, userId);
  }

  /** Whether the user (of the room's tenant) is one of its members. */
  public Future<Boolean> isMember(Room room, String userId) {
    return userPk(room.tenantId(), userId).compose(pk -> pk.isEmpty()
        ? Future.succeededFuture(false)
        : members.of(room).map(list -> list.contains(pk.get())));
  }

  /** The profiles of these users; a key the store does not know is left out. */
  public Future<Map<Long, User>> users(Collection<Long> userPks) {
    return users.byPks(userPks);
  }

  /** The position of the tenant's {@code n}-th newest live message; empty when it has fewer. */
  public Future<Optional<Cutoff>> nthNewestMessage(String tenantId, int n) {
    return cutoffs.nthNewest(tenantId, n);
  }

  /**
   * A number that changes whenever the directory drops something of the tenant (a change notice,
   * a listener that listens again): read before the lookups an answer is rendered from, it is
   * never newer than them. Part of every entity tag (dialect/ConditionalRead).
   */
  public long generation(String tenantId) {
    return generations.of(tenantId);
  }

  /** Like {@link #generation}, for the tenant's Mirage cut-off (it changes with any message of the tenant). */
  public long cutoffGeneration(String tenantId) {
    return cutoffGenerations.of(tenantId);
  }

  /** A change of these tenants' users. */
  public void dropUsers(Set<String> tenants) {
    users.dropTenants(tenants);
    generations.bump(tenants);
  }

  /** A change of these tenants' rooms or memberships. */
  public void dropRooms(Set<String> tenants) {
    rooms.dropTenants(tenants);
    members.dropTenants(tenants);
    generations.bump(tenants);
  }

  /** A change of these tenants' messages. */
  public void dropMessages(Set<String> tenants) {
    cutoffs.dropTenants(tenants);
    cutoffGenerations.bump(tenants);
  }

  public void dropAll() {
    users.dropAll();
    rooms.dropAll();
    members.dropAll();
    cutoffs.dropAll();
    generations.bumpAll();
    cutoffGenerations.bumpAll();
  }
}
