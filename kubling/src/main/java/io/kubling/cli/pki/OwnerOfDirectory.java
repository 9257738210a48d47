package io.kubling.cli.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Gives a file written as root to the owner of its directory. A container runs as root, so a
 * kubeconfig it writes into a host directory mounted into it would otherwise be root's, and
 * unreadable (0600) to the user who started the container from that directory.
 */
final class OwnerOfDirectory {
  private OwnerOfDirectory() {}

  static void give(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      PosixFileAttributes d = Files.readAttributes(dir, PosixFileAttributes.class);
      PosixFileAttributes f = Files.readAttributes(file, PosixFileAttributes.class);
      if (d.owner().equals(f.owner()) && d.group().equals(f.group())) {
        return;
      }
      PosixFileAttributeView view = Files.getFileAttributeView(file,
          PosixFileAttributeView.class);
      view.setOwner(d.owner());
      view.setGroup(d.group());
    } catch (IOException | UnsupportedOperationException e) {
      // Not root (then the file is already the user's), or no POSIX owners: leave it.
    }
  }
}
