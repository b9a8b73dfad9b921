package airbytemcp.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB's driver unpacks its native library into the temporary folder; once loaded, the copy is
 * deleted, so a server killed before a normal exit leaves nothing behind. Only that copy goes.
 */
@Timeout(60)
class DuckDbEngineTest {
  @TempDir Path dir;

  private static String mapping(Path file) {
    return "7f1c2a000000-7f1c2b000000 r-xp 00000000 08:01 1234  " + file;
  }

  @Test
  void theDriversCopyInTheTempFolderIsDeletedOnceMapped() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path copy = Files.writeString(temp.resolve("libduckdb_java123456.so"), "elf");
    Path maps =
        Files.write(dir.resolve("maps"), List.of(mapping(copy), mapping(copy), "7f00-7f01 rw-p"));

    assertEquals(Set.of(copy), DuckDbEngine.discardUnpackedCopies(maps, temp));
    assertFalse(Files.exists(copy), "the unpacked library should be deleted once loaded");
  }

  @Test
  void aLibraryOutsideTheTempFolderOrOfAnotherNameIsKept() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path elsewhere = Files.createDirectories(dir.resolve("build"));
    Path built = Files.writeString(elsewhere.resolve("libduckdb_java.so_linux_amd64"), "elf");
    Path other = Files.writeString(temp.resolve("libsnappy123.so"), "elf");
    Path nested = Files.createDirectories(temp.resolve("sub"));
    Path deeper = Files.writeString(nested.resolve("libduckdb_java9.so"), "elf");
    Path maps =
        Files.write(dir.resolve("maps"), List.of(mapping(built), mapping(other), mapping(deeper)));

    assertEquals(Set.of(), DuckDbEngine.discardUnpackedCopies(maps, temp));
    for (Path kept : List.of(built, other, deeper)) {
      assertTrue(Files.exists(kept), kept + " is not the driver's unpacked copy and must stay");
    }
  }

  @Test
  void aCopyThisProcessDoesNotMapIsKept() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path anotherProcesses = Files.writeString(temp.resolve("libduckdb_java777.so"), "elf");
    Path maps = Files.write(dir.resolve("maps"), List.of("7f00-7f01 rw-p 00000000 00:00 0"));

    assertEquals(Set.of(), DuckDbEngine.discardUnpackedCopies(maps, temp));
    assertTrue(Files.exists(anotherProcesses), "another process's copy must stay");
  }

  @Test
  void aCopyStillBeingWrittenAtExitIsDeleted() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path partial = Files.writeString(temp.resolve("libduckdb_java42.so"), "el");
    Path fds = Files.createDirectories(dir.resolve("fd"));
    Files.createSymbolicLink(fds.resolve("3"), dir.resolve("maps"));
    Files.createSymbolicLink(fds.resolve("7"), partial);

    assertEquals(Set.of(partial), DuckDbEngine.discardCopiesBeingWritten(fds, temp));
    assertFalse(Files.exists(partial), "a partial copy the process is writing should be deleted");
  }

  @Test
  void aCopyLoadedJustBeforeTheExitIsDeletedToo() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path partial = Files.writeString(temp.resolve("libduckdb_java42.so"), "el");
    Path loaded = Files.writeString(temp.resolve("libduckdb_java43.so"), "elf");
    Path anotherProcesses = Files.writeString(temp.resolve("libduckdb_java777.so"), "elf");
    Path fds = Files.createDirectories(dir.resolve("fd"));
    Files.createSymbolicLink(fds.resolve("7"), partial);
    Path maps = Files.write(dir.resolve("maps"), List.of(mapping(loaded)));

    assertEquals(Set.of(partial, loaded), DuckDbEngine.discardAtExit(fds, maps, temp));
    assertTrue(Files.exists(anotherProcesses), "a copy this process neither writes nor maps stays");
  }

  @Test
  void atExitOnlyTheCopiesThisProcessHasOpenGo() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path anotherProcesses = Files.writeString(temp.resolve("libduckdb_java777.so"), "elf");
    Path elsewhere = Files.writeString(dir.resolve("libduckdb_java5.so"), "elf");
    Path fds = Files.createDirectories(dir.resolve("fd"));
    Files.createSymbolicLink(fds.resolve("4"), elsewhere);

    assertEquals(Set.of(), DuckDbEngine.discardCopiesBeingWritten(fds, temp));
    assertTrue(Files.exists(anotherProcesses), "a copy this process has not open must stay");
    assertTrue(Files.exists(elsewhere), "a library outside the temporary folder must stay");
  }

  @Test
  void copiesAnHourOldAreSweptAndNewerOnesKept() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    Path left = Files.writeString(temp.resolve("libduckdb_java11.so"), "partial");
    Files.setLastModifiedTime(left, FileTime.from(now.minus(Duration.ofMinutes(61))));
    Path fresh = Files.writeString(temp.resolve("libduckdb_java12.so"), "being written");
    Files.setLastModifiedTime(fresh, FileTime.from(now.minus(Duration.ofMinutes(5))));
    Path other = Files.writeString(temp.resolve("libsnappy13.so"), "elf");
    Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(2))));

    assertEquals(Set.of(left), DuckDbEngine.sweepStaleCopies(temp, now));
    assertTrue(Files.exists(fresh), "a copy a process may still be about to load must stay");
    assertTrue(Files.exists(other), "another library must stay");
  }

  @Test
  void withoutProcNothingChanges() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path copy = Files.writeString(temp.resolve("libduckdb_java1.so"), "elf");

    assertEquals(Set.of(), DuckDbEngine.discardUnpackedCopies(dir.resolve("no-maps"), temp));
    assertTrue(Files.exists(copy), "without /proc the driver's own delete at exit stays in charge");
  }

  @Test
  void afterAConnectionThisProcessKeepsNoUnpackedCopyOnDisk() throws Exception {
    Path maps = Path.of("/proc/self/maps");
    assumeTrue(Files.isReadable(maps), "needs /proc (Linux)");
    try (Connection c = DuckDbEngine.connect("jdbc:duckdb:", new Properties())) {
      assertTrue(c.isValid(5), "an in-memory DuckDB should open");
    }
    List<Path> mapped =
        Files.readAllLines(maps).stream()
            .filter(line -> line.contains(DuckDbEngine.UNPACKED_PREFIX))
            .map(line -> Path.of(line.substring(line.indexOf('/')).replace(" (deleted)", "")))
            .distinct()
            .toList();
    assertFalse(mapped.isEmpty(), "DuckDB's library should be mapped after a connection");
    for (Path library : mapped) {
      assertFalse(Files.exists(library), library + " should have been deleted once loaded");
    }
  }
}
