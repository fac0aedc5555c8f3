package io.chatgw.gateway.bus;

/** Request parameters that ask for up to {@code limit} messages (the dialects with large pages). */
public interface PageSize {
  int limit();
}
