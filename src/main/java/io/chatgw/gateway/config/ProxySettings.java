package io.chatgw.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The {@code http} settings about what stands between the gateway and its clients: browsers' origins. */
final class ProxySettings {

  private static final Pattern ORIGIN = Pattern.compile("https?://(\\[[0-9a-f:.]+\\]|[a-z0-9.-]+)(:[0-9]{1,5})?");

  private ProxySettings() {}

  /**
   * Each an origin as a browser sends it ({@code scheme://host[:port]}, no path), compared in lower
   * case; {@code *} is refused: the operator names the web clients.
   */
  static List<String> corsOrigins(ConfigReader http) {
    List<String> origins = new ArrayList<>();
    for (String origin : http.strings("corsOrigins")) {
      String lower = origin.trim().toLowerCase(Locale.ROOT);
      if (!ORIGIN.matcher(lower).matches()) {
        throw new IllegalArgumentException(http.name("corsOrigins") + " must hold origins like https://chat.example.com"
            + " (scheme, host, optional port; no path, no '*'), got '" + origin + "'");
      }
      origins.add(lower);
    }
    return origins;
  }
}
