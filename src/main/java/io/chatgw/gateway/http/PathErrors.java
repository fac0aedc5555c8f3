package io.chatgw.gateway.http;

/**
 * Which error format a path is answered in when no route could even look at it (a path vertx-web
 * cannot decode): the renderer of the dialect whose paths start with {@code pathPrefix}.
 */
public record PathErrors(String pathPrefix, ErrorRenderer errors) {}
