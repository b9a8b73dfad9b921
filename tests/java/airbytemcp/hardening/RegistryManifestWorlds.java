package airbytemcp.hardening;

import airbytemcp.testing.PerTestDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one way a hardening test gets a {@link RegistryManifestWorld}: register it with
 * {@code @RegisterExtension} and call {@link #open()}. A world starts three fake sites and, once
 * started, a server process, and a test must stop them even when it fails half way; every such test
 * used to write the same temporary directory, field and {@code @AfterEach} for that. This extension
 * makes a fresh temporary directory before each test and, after it, closes every world opened in it
 * and deletes the directory.
 */
final class RegistryManifestWorlds implements BeforeEachCallback, AfterEachCallback {
  private final PerTestDir dir = new PerTestDir();
  private final List<RegistryManifestWorld> opened = new ArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir.create();
  }

  /** This test's temporary directory, for files a test writes beside its world (a hosts file). */
  Path dir() {
    return dir.path();
  }

  /** A world in this test's directory, closed after the test. */
  RegistryManifestWorld open() {
    return open("world");
  }

  /** A world in {@code name} under this test's directory, closed after the test. */
  RegistryManifestWorld open(String name) {
    RegistryManifestWorld world = new RegistryManifestWorld(dir.path().resolve(name));
    opened.add(world);
    return world;
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      for (RegistryManifestWorld world : opened) {
        world.close();
      }
    } finally {
      opened.clear();
      dir.delete();
    }
  }
}
