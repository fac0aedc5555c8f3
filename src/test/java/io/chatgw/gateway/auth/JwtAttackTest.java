package io.chatgw.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.chatgw.gateway.auth.JwtAttacks.Attack;
import io.chatgw.gateway.auth.JwtAttacks.Keys;
import io.chatgw.gateway.config.GatewayConfig;
import io.chatgw.gateway.support.Admin;
import io.chatgw.gateway.support.Http;
import io.chatgw.gateway.support.TestGateway;
import io.chatgw.gateway.support.TestJwts;
import io.chatgw.gateway.support.TwoTenants;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 5, "JWT attacks": every row of {@link JwtAttacks} against every dialect that takes a
 * gateway JWT, each answer the dialect's exact envelope for the outcome dialects.md "Tokens"
 * prescribes, never a 5xx. Rows run on the shared gateway (HS256 only) or on gateways that also
 * trust an RSA or an EC public key; each of those has accepting controls, so the table can fail,
 * and an accepted token must get the very page a valid HS256 token gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAttackTest {

  private final Map<Keys, TestGateway> own = new EnumMap<>(Keys.class);
  private final Map<Keys, Http> clients = new EnumMap<>(Keys.class);
  /** Each target's page of A's room for a valid HS256 token: what every accepted token must get. */
  private final Map<String, String> pages = new HashMap<>();
  private ServerSocketChannel canary;
  private TwoTenants tenants;
  private JwtAttacks attacks;

  @BeforeAll
  void start() throws IOException {
    canary = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    canary.configureBlocking(false);
    clients.put(Keys.HS, new Http(TestGateway.shared().port()));
    tenants = TwoTenants.load(clients.get(Keys.HS), "jwt-attack");
    KeyPair rsa = TestJwts.rsaKeyPair();
    KeyPair ec = TestJwts.ecKeyPair();
    trusting(Keys.RS, rsa);
    trusting(Keys.ES, ec);
    String minted = new Admin(clients.get(Keys.HS)).tokens(tenants.a(), TwoTenants.USER).getString("jwt");
    attacks = new JwtAttacks(tenants, minted, rsa, ec, "http://127.0.0.1:" + canary.socket().getLocalPort());
    String valid = TestJwts.valid(tenants.a(), TwoTenants.USER);
    JwtTarget.all(tenants).forEach(target -> pages.put(target.name(), target.page(clients.get(Keys.HS), valid)));
  }

  /** A gateway of its own that trusts {@code keys}' public half next to the HS256 secret. */
  private void trusting(Keys kind, KeyPair keys) {
    String pem = TestJwts.pem(keys.getPublic());
    TestGateway gateway = TestGateway.start(c -> new GatewayConfig(c.http(), c.database(), c.adminToken(),
        new GatewayConfig.Jwt(c.jwt().secret(), Optional.of(pem), 30, c.jwt().cacheSize()), c.auth(), c.mirage(), c.imports(), c.pages(), c.instances()));
    own.put(kind, gateway);
    clients.put(kind, new Http(gateway.port()));
  }

  @AfterAll
  void stop() throws IOException {
    clients.values().forEach(Http::close);
    own.values().forEach(TestGateway::close);
    canary.close();
  }

  @TestFactory
  Stream<DynamicNode> everyAttackOnEveryJwtDialect() {
    List<Attack> rows = attacks.all();
    return JwtTarget.all(tenants).stream().map(target -> DynamicContainer.dynamicContainer(target.name(),
        rows.stream().map(attack -> DynamicTest.dynamicTest(attack.keys() + ": " + attack.name(), () -> {
          target.check(clients.get(attack.keys()), attack.token().get(), attack.outcome(), pages.get(target.name()));
          if (attack.callsHome()) {
            assertNoConnection();
          }
        }))));
  }

  /** jku and x5u point here: nothing may have connected, not even to give up at once. */
  private void assertNoConnection() throws IOException, InterruptedException {
    for (int i = 0; i < 10; i++) {
      SocketChannel caller = canary.accept();
      if (caller != null) {
        caller.close();
      }
      assertNull(caller, "the gateway connected to a URL named in a token header");
      Thread.sleep(20);
    }
  }
}
