package io.chatgw.gateway.admin;

import io.chatgw.gateway.config.ImportLimits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a spooled JSON import document in bounded batches, in dependency order (tenants, users,
 * rooms, messages, sessions) whatever the order of its members. A first pass checks the syntax
 * and finds where each array starts; then each element is located by a streaming parser and
 * decoded on its own, so what is in memory is one batch, never the document. Blocking file
 * work: runs on a worker thread, one call at a time.
 */
final class DocumentReader implements AutoCloseable {

  private static final List<String> ORDER = List.of("tenants", "users", "rooms", "messages", "sessions");
  private static final JsonFactory JSON = new JsonFactory();

  /** The body is not a JSON object, or not JSON at all: 400 invalid_json. */
  static final class NotJson extends RuntimeException {
    NotJson() {
      super("not json", null, false, false);
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final EntityParser parser;
  private final ImportLimits limits;
  private final Map<String, Long> arrays;
  private int section = -1;
  private JsonParser elements;
  private long base;
  private int index;

  private DocumentReader(Path file, EntityParser parser, ImportLimits limits, Map<String, Long> arrays)
      throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.parser = parser;
    this.limits = limits;
    this.arrays = arrays;
  }

  static DocumentReader open(Path file, EntityParser parser, ImportLimits limits) throws IOException {
    return new DocumentReader(file, parser, limits, index(file));
  }

  /** Where each top-level array starts; checks the whole document's syntax on the way. */
  private static Map<String, Long> index(Path file) throws IOException {
    Map<String, Long> arrays = new HashMap<>();
    try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new NotJson();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!ORDER.contains(name)) {
          throw new ImportError(name, "unknown member '" + name + "'");
        }
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_ARRAY) {
          arrays.put(name, p.currentTokenLocation().getByteOffset());
          p.skipChildren();
        } else if (value == JsonToken.VALUE_NULL) {
          arrays.remove(name);
        } else {
          throw new ImportError(name, "must be an array");
        }
      }
      if (p.nextToken() != null) {
        throw new NotJson();
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new NotJson();
    }
    return arrays;
  }

  /** The next batch (empty once the document is read); a bad entity throws {@link ImportError}. */
  ImportBatch nextBatch() throws IOException {
    ImportBatch batch = new ImportBatch();
    while (!batch.full(limits) && nextSection()) {
      JsonToken token = elements.nextToken();
      if (token == JsonToken.END_ARRAY) {
        closeSection();
        continue;
      }
      long start = elements.currentTokenLocation().getByteOffset();
      elements.skipChildren();
      long end = elements.currentLocation().getByteOffset();
      String path = ORDER.get(section) + "[" + index++ + "]";
      if (end - start > limits.maxEntityBytes()) {
        throw new ImportError(path, "is larger than " + limits.maxEntityBytes() + " bytes");
      }
      batch.add(entity(path, read(base + start, (int) (end - start))), (int) (end - start));
    }
    return batch;
  }

  private boolean nextSection() throws IOException {
    while (elements == null) {
      if (++section >= ORDER.size()) {
        return false;
      }
      Long offset = arrays.get(ORDER.get(section));
      if (offset != null) {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(offset);
        base = offset;
        index = 0;
        elements = JSON.createParser(in);
        elements.nextToken(); // the '[' the first pass found here
      }
    }
    return true;
  }

  private void closeSection() throws IOException {
    elements.close();
    elements = null;
  }

  private Buffer read(long position, int length) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes, position + bytes.position()) < 0) {
        throw new NotJson();
      }
    }
    return Buffer.buffer(bytes.array());
  }

  private Record entity(String path, Buffer json) {
    Object value;
    try {
      value = Json.decodeValue(json);
    } catch (DecodeException e) {
      throw new ImportError(path, "is not valid JSON");
    }
    return switch (section) {
      case 0 -> parser.tenant(value, path);
      case 1 -> parser.user(value, path);
      case 2 -> parser.room(value, path);
      case 3 -> parser.message(value, path);
      default -> parser.session(value, path);
    };
  }

  @Override
  public void close() throws IOException {
    if (elements != null) {
      closeSection();
    }
    channel.close();
  }
}
