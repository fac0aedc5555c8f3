package io.chatgw.gateway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement of the gateway fits the pool's prepared-statement cache. A longer one is
 * silently left out of it: parsed and planned again on every call (Allmine and IMKit were, at 1 ms
 * of planning a request).
 */
class StatementCacheTest {

  private static final Pattern SQL = Pattern.compile("^\\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\\b",
      Pattern.CASE_INSENSITIVE);

  @Test
  void everyStatementIsShortEnoughToStayPrepared() throws Exception {
    List<String> statements = statements();
    assertFalse(statements.size() < 10, "found only " + statements + ": the scan is broken");
    for (String sql : statements) {
      assertTrue(sql.length() <= Pools.MAX_CACHED_SQL_LENGTH,
          () -> sql.length() + " characters, over the cache's limit: " + sql.strip().lines().findFirst().orElse(""));
    }
  }

  /** The values of every static final String of the gateway's classes that reads as SQL. */
  private static List<String> statements() throws IOException, URISyntaxException, ReflectiveOperationException {
    Path classes = Path.of(Pools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        for (Field field : Class.forName(name, false, StatementCacheTest.class.getClassLoader()).getDeclaredFields()) {
          int mods = field.getModifiers();
          if (Modifier.isStatic(mods) && Modifier.isFinal(mods) && field.getType() == String.class) {
            field.setAccessible(true);
            String value = (String) field.get(null);
            if (value != null && SQL.matcher(value).find()) {
              found.add(value);
            }
          }
        }
      }
    }
    return found;
  }
}
