package io.chatgw.gateway.bus;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A dialect's validated request parameters, a record of that dialect's package. Not sealed: Java
 * allows the permitted records of a sealed type only in its own package (outside a named module),
 * and the bus must not know the dialects; {@link HistoryReader#of} checks the type in one place.
 */
public interface HistoryParams {

  /**
   * The parameters as one string, component by component, each length-prefixed (two different
   * parameter sets never give one key), for the conditional reads' tags. Not {@code toString}: on Java 17 a record's {@code toString}
   * goes through {@code String.format}, 2–3 % of a 304's CPU in a profile.
   */
  default String key() {
    Method[] accessors = Accessors.OF.get(getClass());
    StringBuilder key = new StringBuilder(64).append(getClass().getSimpleName());
    try {
      for (Method accessor : accessors) {
        String value = String.valueOf(accessor.invoke(this));
        key.append(' ').append(value.length()).append(':').append(value); // length-prefixed: unambiguous
      }
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("a record's accessor", e);
    }
    return key.toString();
  }

  /** The accessors of each params record, in component order, looked up once a class. */
  final class Accessors {
    static final ClassValue<Method[]> OF = new ClassValue<>() {
      @Override
      protected Method[] computeValue(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
          throw new IllegalStateException(type + " is not a record");
        }
        Method[] accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
          accessors[i] = components[i].getAccessor();
          accessors[i].setAccessible(true);
        }
        return accessors;
      }
    };

    private Accessors() {}
  }
}
