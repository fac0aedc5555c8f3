package io.chatgw.gateway.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders JSON straight into a Vert.x {@link Buffer} with Jackson's streaming generator: no tree of
 * JsonObjects per response, and Jackson's escaping rather than ours.
 */
public final class JsonBuffers {

  /** Characters outside the BMP (emoji) are written as raw UTF-8, not as escaped surrogate pairs. */
  private static final JsonFactory FACTORY = new JsonFactory()
      .enable(JsonGenerator.Feature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

  /**
   * The same, but a control character is escaped as PostgreSQL's json functions write it, in
   * lower-case hex digits (001f, not 001F); every other escape is alike already.
   */
  private static final JsonFactory POSTGRES_ESCAPES = FACTORY.rebuild()
      .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

  /** Writes a JSON document with a generator. */
  @FunctionalInterface
  public interface Writer {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonBuffers() {}

  public static Buffer render(int sizeHint, Writer writer) {
    return render(FACTORY, sizeHint, writer);
  }

  /** For a body whose bytes PostgreSQL wrote before (Allmine's): its escapes, byte for byte. */
  public static Buffer renderAsPostgres(int sizeHint, Writer writer) {
    return render(POSTGRES_ESCAPES, sizeHint, writer);
  }

  private static Buffer render(JsonFactory factory, int sizeHint, Writer writer) {
    Buffer buffer = Buffer.buffer(sizeHint);
    try (JsonGenerator json = factory.createGenerator(new BufferOutput(buffer), JsonEncoding.UTF8)) {
      writer.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("rendering JSON into memory failed", e);
    }
    return buffer;
  }

  /** A one-field object, the shape of most error bodies. */
  public static Buffer object(String field, String value) {
    return render(64, json -> {
      json.writeStartObject();
      json.writeStringField(field, value);
      json.writeEndObject();
    });
  }

  private static final class BufferOutput extends OutputStream {
    private final Buffer buffer;

    BufferOutput(Buffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public void write(int b) {
      buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.appendBytes(b, off, len);
    }
  }
}
