package io.chatgw.gateway.pgbinaries;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks an xz-compressed tar into a directory, keeping each entry's permission bits (the
 * executables stay executable) and its symbolic and hard links. An entry or a link that would
 * land outside the directory, or an entry of another type (device, fifo), is refused.
 */
final class TarXz {

  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  /** rwxr-xr-x: a directory the archive does not list itself, readable by every user. */
  private static final int DIRECTORY_MODE = 0755;

  private TarXz() {}

  static void unpack(InputStream txz, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new XZCompressorInputStream(new BufferedInputStream(txz)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = inside(root, root.resolve(entry.getName()), entry.getName());
        if (entry.isDirectory()) {
          directories(root, target);
          Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0700));
        } else if (entry.isSymbolicLink()) {
          Path link = Path.of(entry.getLinkName());
          if (link.isAbsolute()) {
            throw new IOException("refused: " + entry.getName() + " links to an absolute path " + link);
          }
          inside(root, target.getParent().resolve(link), entry.getName() + " -> " + link);
          directories(root, target.getParent());
          Files.createSymbolicLink(target, link);
        } else if (entry.isLink()) {
          Path existing = inside(root, root.resolve(entry.getLinkName()), entry.getName() + " => "
              + entry.getLinkName());
          directories(root, target.getParent());
          Files.createLink(target, existing);
        } else if (entry.isFile()) {
          directories(root, target.getParent());
          Files.copy(tar, target);
          Files.setPosixFilePermissions(target, permissions(entry.getMode()));
        } else {
          throw new IOException("refused: " + entry.getName() + " is neither a file, a directory nor a link");
        }
      }
    }
  }

  private static Path inside(Path root, Path path, String what) throws IOException {
    Path normal = path.normalize();
    if (!normal.startsWith(root)) {
      throw new IOException("refused: " + what + " lies outside " + root);
    }
    return normal;
  }

  /** Creates {@code dir} and its missing parents below {@code root} as rwxr-xr-x, whatever the umask. */
  private static void directories(Path root, Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir; p != null && p.startsWith(root) && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    for (Path p : missing) {
      Files.createDirectory(p);
      Files.setPosixFilePermissions(p, permissions(DIRECTORY_MODE));
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(BITS[bit]);
      }
    }
    return set;
  }
}
