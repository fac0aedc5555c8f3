package io.chatgw.gateway.bus;

/**
 * A dialect's validated request parameters, a record of that dialect's package. Not sealed: Java
 * allows the permitted records of a sealed type only in its own package (outside a named module),
 * and the bus must not know the dialects; {@link HistoryReader#of} checks the type in one place.
 */
public interface HistoryParams {}
