package io.chatgw.gateway.pgbinaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking a .txz: modes and links kept, nothing written outside the target directory. */
class TarXzTest {

  @TempDir
  Path temp;

  @Test
  void filesKeepTheirModesAndRelativeLinksStayLinks() throws IOException {
    byte[] archive = archive(tar -> {
      file(tar, "bin/tool", 0755, "#!/bin/sh\n");
      file(tar, "lib/libx.so.1.2", 0644, "elf");
      link(tar, "lib/libx.so.1", "libx.so.1.2", TarConstants.LF_SYMLINK);
      link(tar, "lib/hard", "lib/libx.so.1.2", TarConstants.LF_LINK);
    });
    Path into = Files.createDirectory(temp.resolve("into"));
    TarXz.unpack(new ByteArrayInputStream(archive), into);
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("bin/tool"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(into.resolve("lib/libx.so.1.2"))));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("lib"))));
    assertTrue(Files.isSymbolicLink(into.resolve("lib/libx.so.1")));
    assertEquals("elf", Files.readString(into.resolve("lib/libx.so.1")));
    assertEquals("elf", Files.readString(into.resolve("lib/hard")));
  }

  @Test
  void anEntryClimbingOutOfTheDirectoryIsRefused() throws IOException {
    assertRefused(archive(tar -> file(tar, "../escaped", 0644, "x")), "escaped");
  }

  @Test
  void aSymbolicLinkOutOfTheDirectoryIsRefused() throws IOException {
    assertRefused(archive(tar -> link(tar, "lib/etc", "../../escaped", TarConstants.LF_SYMLINK)), "escaped");
    assertRefused(archive(tar -> link(tar, "lib/abs", "/etc/passwd", TarConstants.LF_SYMLINK)), "abs");
  }

  @Test
  void aHardLinkToAFileOutsideIsRefused() throws IOException {
    Files.writeString(temp.resolve("secret"), "s");
    assertRefused(archive(tar -> link(tar, "stolen", "../secret", TarConstants.LF_LINK)), "stolen");
  }

  private void assertRefused(byte[] archive, String name) throws IOException {
    Path into = Files.createTempDirectory(temp, "into");
    IOException e = assertThrows(IOException.class, () -> TarXz.unpack(new ByteArrayInputStream(archive), into));
    assertTrue(e.getMessage().startsWith("refused: "), e.getMessage());
    assertFalse(Files.exists(temp.resolve(name)), "nothing written outside");
    assertFalse(Files.exists(into.resolve(name)));
    assertFalse(Files.exists(into.resolve("lib").resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  interface Entries {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static byte[] archive(Entries entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
      entries.write(tar);
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setMode(mode);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
    entry.setLinkName(target);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }
}
