package io.chatgw.gateway.store;

import io.vertx.core.json.JsonObject;

/**
 * The same outages, stalls and terminated backends as {@link DatabaseFaultsTest}, with pipelined
 * reads ({@code database.pipelining} 2: the history reads go through {@link TenantLanes}, which
 * leases pool connections for a tenant): a lease the pool cannot lend, a leased connection that
 * is cut or whose backend is terminated, and reads waiting in a lane all end as a 503 by the
 * deadline, and the reads heal by themselves.
 */
class PipelinedDatabaseFaultsTest extends DatabaseFaultsTest {

  @Override
  JsonObject databaseSettings() {
    return super.databaseSettings().put("pipelining", 2);
  }
}
