package io.chatgw.gateway.dialect;

import io.chatgw.gateway.http.ErrorRenderer;

/**
 * What every dialect holds the same way: its bus name, the start of its path, and its one error
 * renderer (typed, so that its route can use the dialect's own error constructors). A dialect
 * adds only its route's steps and its reader.
 */
public abstract class NamedDialect<E extends ErrorRenderer> implements Dialect {

  private final String name;
  private final String pathPrefix;
  private final E errors;

  protected NamedDialect(String name, String pathPrefix, E errors) {
    this.name = name;
    this.pathPrefix = pathPrefix;
    this.errors = errors;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String pathPrefix() {
    return pathPrefix;
  }

  @Override
  public final E errors() {
    return errors;
  }
}
