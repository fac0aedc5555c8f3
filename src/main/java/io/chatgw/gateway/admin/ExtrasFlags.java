package io.chatgw.gateway.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The V008 flags a batch sets on its messages: true when any occurrence of the message in the
 * batch gives a non-empty list (the writer adds the rows of every occurrence, so a later empty
 * list must not clear the flag of rows an earlier one added), false when the list is given and
 * every occurrence's is empty, null (keep the stored flag) when no occurrence gives the list.
 */
final class ExtrasFlags {

  private final Set<String> reactions;
  private final Set<String> receipts;
  private final Set<String> hides;

  private ExtrasFlags(Set<String> reactions, Set<String> receipts, Set<String> hides) {
    this.reactions = reactions;
    this.receipts = receipts;
    this.hides = hides;
  }

  static ExtrasFlags of(List<Entities.Message> messages) {
    return new ExtrasFlags(nonEmpty(messages, Entities.Message::reactions),
        nonEmpty(messages, Entities.Message::readBy), nonEmpty(messages, Entities.Message::hiddenBy));
  }

  Boolean reactions(Entities.Message m) {
    return flag(m, m.reactions(), reactions);
  }

  Boolean receipts(Entities.Message m) {
    return flag(m, m.readBy(), receipts);
  }

  Boolean hides(Entities.Message m) {
    return flag(m, m.hiddenBy(), hides);
  }

  private static Boolean flag(Entities.Message m, List<?> list, Set<String> nonEmpty) {
    if (nonEmpty.contains(key(m))) {
      return true;
    }
    return list == null ? null : false;
  }

  private static Set<String> nonEmpty(List<Entities.Message> messages, Function<Entities.Message, List<?>> list) {
    Set<String> keys = new HashSet<>();
    for (Entities.Message m : messages) {
      List<?> items = list.apply(m);
      if (items != null && !items.isEmpty()) {
        keys.add(key(m));
      }
    }
    return keys;
  }

  private static String key(Entities.Message m) {
    return m.tenant() + '\n' + m.id();
  }
}
