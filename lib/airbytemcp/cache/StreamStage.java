package airbytemcp.cache;

import static airbytemcp.cache.TableNames.quote;

import airbytemcp.common.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one stream's records wait during a sync before they reach the stream's table.
 *
 * <p>Records are written as JSON lines to a staging file in the cache folder, one record object per
 * line without the message's envelope or the stream name (the connector's own bytes when the line
 * can be used as it is, see {@link RecordLines}), and DuckDB parses and types them itself in bulk
 * with {@code read_json}: data fields are read as text and cast with {@code TRY_CAST} (a value that
 * does not fit its column becomes NULL and a {@code NULLED} change in {@code _airbyte_meta} instead
 * of failing the sync), and each row gets a UUIDv7 {@code _airbyte_raw_id}. The fast path: while
 * the byte scan checks a line's keys, the value of each integer, boolean and decimal column is
 * checked too; when every value of a staging file is one DuckDB converts exactly as the text path
 * would, those columns are read with their own type (parsing them as text and casting costs DuckDB
 * as much again), and nothing can be nulled. The check comes first because a conversion error would
 * abort the checkpoint's whole transaction. A staging file is loaded as soon as it is full or the
 * sync checkpoints, inside the sync's open transaction: an appended stream's rows go straight into
 * its table, a merged or replaced stream's are held, typed and compressed, in a table {@code
 * _airbyte_tmp_<table>} until the checkpoint upserts them (MERGE) or the end of the sync swaps the
 * table in (REPLACE). Only a merged stream's objects carry the sequence that orders a key's
 * records, and {@code emitted_at} is read as an integer when every line's is one (checked as the
 * values are).
 */
final class StreamStage implements AutoCloseable, RecordLines.KeyFilter {
  static final String HELD_PREFIX = "_airbyte_tmp_";
  static final String SEQ = "_airbyte_seq";

  private final StreamPlan plan;
  private final List<Column> columns;

  /** Per column, the record field it is read from (the schema's first spelling of it). */
  private final List<String> fields;

  private final Map<String, String> fieldByColumn = new HashMap<>();
  private final Set<String> fieldSpellings = new HashSet<>();

  /** Per field spelling, the kind of value check its column needs ({@link #TEXT}: none). */
  private final Map<String, Integer> kindOfField = new HashMap<>();

  /**
   * A data key this stage has met: whether it stays as it is, its value's check, the last line it
   * was seen in (so a key repeated within a line is told in one comparison), and the key that
   * followed it then.
   */
  private static final class SeenKey {
    final byte[] bytes;
    final boolean passes;
    final int kind;
    long lastLine = -1;
    SeenKey next;

    SeenKey(byte[] bytes, boolean passes, int kind) {
      this.bytes = bytes;
      this.passes = passes;
      this.kind = kind;
    }
  }

  /** The keys met so far, at most {@link #MAX_SEEN_KEYS}. */
  private final Map<String, SeenKey> seenKeys = new HashMap<>();

  private static final int MAX_SEEN_KEYS = 10_000;

  /** The first key of the last line checked, and the key before the one being checked now. */
  private SeenKey firstKey;

  private SeenKey previousKey;

  /** Counts the lines whose keys were checked: a line starts with the key of index 0. */
  private long keyedLines;

  private long keyLookups;

  /** How many keys were looked up by name, not found where expected (for tests). */
  long keyLookups() {
    return keyLookups;
  }

  /** Whether every value of the staging file being written fits the typed read (see above). */
  private boolean typedFile = true;

  /** Whether every {@code emitted_at} of the staging file is null or an integer of 18 digits. */
  private boolean typedEmittedAt = true;

  private final Path folder;
  private final String filePrefix;
  private final String held;
  private final String table;
  private RecordSeams seams = RecordSeams.NONE;
  private StagingOutput out;
  private Path file;
  private int files;
  private boolean heldCreated;
  private long seq;
  private long staged;
  private long heldRows;

  private StreamStage(StreamPlan plan, List<Column> columns, Path folder, String filePrefix) {
    this.plan = plan;
    this.columns = List.copyOf(columns);
    this.folder = folder;
    this.filePrefix = filePrefix;
    this.held = "main." + quote(HELD_PREFIX + plan.tableName());
    this.table = "main." + quote(plan.tableName());
    Map<String, String> firstSpelling = new HashMap<>();
    if (plan.jsonSchema() != null) {
      plan.jsonSchema()
          .path("properties")
          .fieldNames()
          .forEachRemaining(
              name -> {
                try {
                  firstSpelling.putIfAbsent(TableNames.normalize(name), name);
                } catch (CacheError e) {
                  // a field without letters or digits has no column
                }
              });
    }
    List<String> names = new ArrayList<>();
    for (Column c : this.columns) {
      names.add(firstSpelling.getOrDefault(c.name(), c.name()));
    }
    this.fields = List.copyOf(names);
    for (int i = 0; i < fields.size(); i++) {
      fieldByColumn.put(this.columns.get(i).name(), fields.get(i));
    }
    fieldSpellings.addAll(fields);
    for (int i = 0; i < fields.size(); i++) {
      kindOfField.putIfAbsent(fields.get(i), kindOf(this.columns.get(i).type()));
    }
  }

  // how a column's values are checked for the typed read
  private static final int TEXT = RecordTemplate.ANY;
  private static final int INTEGER = RecordTemplate.INTEGER;
  private static final int BOOL = RecordTemplate.BOOL;
  private static final int NUMBER = RecordTemplate.NUMBER;

  private static int kindOf(SqlType type) {
    return switch (type) {
      case BIGINT -> INTEGER;
      case BOOLEAN -> BOOL;
      case DECIMAL -> NUMBER;
      default -> TEXT;
    };
  }

  /**
   * The field a record's key is stored as: the schema's spelling of its column; null when the key
   * has no column (left out, as PyAirbyte does).
   */
  String fieldOf(String key) {
    if (fieldSpellings.contains(key)) {
      return key;
    }
    try {
      return fieldByColumn.get(TableNames.normalize(key));
    } catch (CacheError e) {
      return null;
    }
  }

  /**
   * A key can stay as it is when it is the schema's spelling or has no column at all (DuckDB then
   * reads or ignores it as the slow path would). Keys come in the same order record after record,
   * so each is first compared with the key that followed the previous one last time; otherwise it
   * is found by its name and becomes the one expected there. A sparse record that leaves keys out
   * costs a lookup per key left out, not a comparison with every key before it.
   */
  @Override
  public boolean passes(byte[] line, int start, int end, int index) {
    if (index == 0) {
      keyedLines++;
      previousKey = null;
    }
    SeenKey key = previousKey == null ? firstKey : previousKey.next; // the one expected here
    if (key == null || !sameBytes(line, start, end, key.bytes)) {
      keyLookups++;
      String name = new String(line, start, end - start, StandardCharsets.US_ASCII);
      key = seenKeys.get(name);
      if (key == null) {
        if (seenKeys.size() >= MAX_SEEN_KEYS) {
          return false; // a stream of ever new keys: its lines are parsed
        }
        key =
            new SeenKey(
                name.getBytes(StandardCharsets.US_ASCII),
                fieldSpellings.contains(name) || fieldOf(name) == null,
                kindOfField.getOrDefault(name, TEXT));
        seenKeys.put(name, key);
      }
      if (previousKey == null) {
        firstKey = key;
      } else {
        previousKey.next = key;
      }
    }
    previousKey = key;
    return admit(key, line, end);
  }

  /**
   * Whether a passing key, met once in this line so far, stays as it is; its value is checked. A
   * key repeated within the data object makes DuckDB's read_json fail the whole file ("has
   * duplicate key"), where the parsed path keeps the last value: such a line is parsed.
   */
  private boolean admit(SeenKey key, byte[] line, int end) {
    if (!key.passes || key.lastLine == keyedLines) {
      return false;
    }
    key.lastLine = keyedLines;
    checkValue(line, end, key.kind);
    return true;
  }

  /**
   * Learns the shape of a plain line this stage just took as it is (see {@link RecordTemplate}),
   * whose stream name ends at {@code nameEnd}: the lines after it that repeat it are then taken in
   * one pass each by {@link #takeLine}.
   */
  void learnShape(byte[] line, int from, int end, int nameEnd) {
    missedSinceLearned++;
    if (linesUntilLearning > 0) {
      linesUntilLearning--;
      return;
    }
    // A learned shape that took fewer lines than went the long way says this stream's lines vary
    // (keys that come and go, or change order): learning costs a second walk of the line, so it is
    // done exponentially less often until a shape pays for itself again.
    learningGap =
        template != null && takenSinceLearned < missedSinceLearned
            ? Math.min(MAX_LEARNING_GAP, 2 * learningGap + 1)
            : 0;
    linesUntilLearning = learningGap;
    takenSinceLearned = 0;
    missedSinceLearned = 0;
    shapesLearned++;
    template =
        RecordTemplate.learn(
            line,
            from,
            end,
            nameEnd,
            (b, keyStart, keyEnd) ->
                kindOfField.getOrDefault(
                    new String(b, keyStart, keyEnd - keyStart, StandardCharsets.US_ASCII), TEXT));
  }

  private RecordTemplate template;

  /** Lines {@link #template} took, and lines that went the long way, since it was learned. */
  private int takenSinceLearned;

  private int missedSinceLearned;

  /** Lines staged as they are that pass without a shape being learned, at most this many. */
  private static final int MAX_LEARNING_GAP = 1023;

  private int learningGap;
  private int linesUntilLearning;
  private long shapesLearned;

  /**
   * How many shapes this stage learned (for tests: learning backs off when shapes take nothing).
   */
  long shapesLearned() {
    return shapesLearned;
  }

  /**
   * Stages the line at {@code from} when it has the shape of the last line staged as it is and
   * holds no secret; where its line break is, or -1 when it was not taken (it then goes the long
   * way). The line must end before {@code end}.
   */
  int takeLine(byte[] bytes, int from, int end, Redactor masker) {
    RecordTemplate t = template;
    if (t == null) {
      return -1;
    }
    int newline = t.match(bytes, from, end, typedFile, typedEmittedAt);
    if (newline < 0) {
      return -1;
    }
    int members = from + t.membersOffset();
    int close = newline - t.afterRecord();
    if (mayShowSecret(bytes, members, close, t, masker)) {
      return -1;
    }
    seams.check(bytes, t);
    appendMembers(bytes, members, close);
    if (takenSinceLearned < Integer.MAX_VALUE) {
      takenSinceLearned++;
    }
    return newline;
  }

  /**
   * Whether a line the template matched may hold a secret in the bytes staged, its record's
   * members. Only the values reach the cache, the rest is the template's (searched once, see {@link
   * RecordTemplate#literalsShowSecret}), and text shorter than {@link
   * Redactor#shortestRevealingText} holds none: the values at least that long are searched, each
   * alone, and most values of most records are shorter than a key. When the secrets are short
   * enough that most values would be searched anyway, the members are searched in one pass.
   */
  private static boolean mayShowSecret(
      byte[] bytes, int members, int close, RecordTemplate t, Redactor masker) {
    // the count first: a masker that has counted a secret already searches with all its forms
    int known = masker.secretsKnown();
    int shortest = masker.shortestRevealingText();
    if (shortest < SEARCHED_VALUE_BY_VALUE) {
      return masker.revealsSecretInAscii(bytes, members, close + 1);
    }
    if (t.literalsShowSecret(masker, known)) {
      return true;
    }
    int[] spans = t.valueSpans();
    for (int i = 0; i < spans.length; i += 2) {
      if (spans[i + 1] - spans[i] >= shortest
          && masker.revealsSecretInAscii(bytes, spans[i], spans[i + 1])) {
        return true;
      }
    }
    return false;
  }

  /** The shortest revealing text from which a line's values are searched one by one. */
  private static final int SEARCHED_VALUE_BY_VALUE = 8;

  /**
   * Whether {@code line[start, end)} holds the bytes of {@code other}: a plain loop, which the
   * server's C1-only JIT runs faster on short keys than {@link Arrays#equals}' checks and calls.
   */
  static boolean sameBytes(byte[] line, int start, int end, byte[] other) {
    if (end - start != other.length) {
      return false;
    }
    for (int i = 0; i < other.length; i++) {
      if (line[start + i] != other[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void emittedAt(byte[] line, int at, int end) {
    if (typedEmittedAt && RecordTemplate.valueEnd(line, at, end, RecordTemplate.INTEGER) < 0) {
      typedEmittedAt = false;
    }
  }

  /**
   * Clears {@link #typedFile} unless the value after the key whose closing quote is at {@code
   * quote} is null or one DuckDB reads into the column's type exactly as TRY_CAST reads its text:
   * an integer of at most 18 digits (integer and decimal columns), true or false (boolean), or a
   * number without exponent of at most 6 integer and 9 fraction digits (decimal: the double DuckDB
   * parses then rounds to the same 9 places the text does).
   */
  private void checkValue(byte[] line, int quote, int kind) {
    if (kind == TEXT || !typedFile) {
      return;
    }
    int at = quote + 1;
    int n = line.length;
    while (at < n && line[at] != ':') {
      at++;
    }
    at++;
    while (at < n && (line[at] == ' ' || line[at] == '\t')) {
      at++;
    }
    // the template's own check, so a line taken in one pass and one checked here are judged alike
    if (RecordTemplate.valueEnd(line, at, n, kind) < 0) {
      typedFile = false;
    }
  }

  /**
   * Checks each record staged from now on against the one before it for a secret cut over the two
   * (see {@link RecordSeams}); a sync does, while tests of staging alone need not.
   */
  void checkSeams(Redactor masker) {
    seams = RecordSeams.of(masker, plan.streamName());
  }

  /**
   * Creates the stage of a stream whose table stores {@code columns}, staging into files named
   * {@code <filePrefix>-<n>.jsonl} in {@code folder}.
   */
  static StreamStage create(StreamPlan plan, List<Column> columns, Path folder, String filePrefix) {
    return new StreamStage(plan, columns, folder, filePrefix);
  }

  /**
   * A finished staging file, how many records it holds, and whether its integer, boolean and
   * decimal values may be read typed.
   */
  record Staged(Path file, long rows, boolean typed, boolean typedEmittedAt) {}

  StreamPlan plan() {
    return plan;
  }

  /** Records in the staging file being written. */
  long staged() {
    return staged;
  }

  /**
   * The size at which a staging file is loaded whatever its count of records: wide records reach it
   * long before the count, and the staging folder stays within a few times it.
   */
  static final long FULL_BYTES = 192L << 20;

  /** Whether the staging file holds at least {@code rows} records (at least one) or bytes. */
  boolean isFull(long rows, long bytes) {
    return staged >= Math.max(1, rows) || (out != null && out.written() >= bytes);
  }

  /**
   * Stages a record rewritten by {@link RecordLines#of}: a JSON object that starts and ends with
   * its braces.
   */
  void append(String record) {
    typedFile = false; // a rewritten record's values were not checked
    byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
    seams.check(bytes, 1, bytes.length - 1, bytes.length == record.length());
    appendMembers(bytes, 1, bytes.length - 1);
  }

  /**
   * Stages the record of a plain RECORD line that ends at {@code end} and whose stream name ends
   * (at its closing quote) at {@code nameEnd}, as it is, when every {@code data} key passes and the
   * bytes staged hold no secret; false when it must go the long way (parsed, masked value by value
   * and rewritten).
   */
  boolean appendPlain(byte[] line, int nameEnd, int end, Redactor masker) {
    int close = RecordLines.recordEnd(line, nameEnd, end, this);
    if (close < 0) {
      return false;
    }
    int members = RecordLines.membersStart(line, nameEnd, close);
    // the bytes staged are checked, and only they: the envelope and stream name are not stored
    if (masker.revealsSecretInAscii(line, members, close + 1)) {
      return false;
    }
    seams.check(line, members, close, true);
    appendMembers(line, members, close);
    return true;
  }

  /**
   * Stages one record as a JSON object of the members at {@code [start, end)} of {@code bytes}: the
   * record object's own members after its stream name (from the first one, see {@link
   * RecordLines#membersStart}, so an empty record gets no comma after the sequence), and DuckDB
   * parses neither the envelope nor the name. A merged stream's object starts with the sequence
   * number that orders a key's records at the upsert.
   */
  private void appendMembers(byte[] bytes, int start, int end) {
    try {
      output()
          .writeObject(
              plan.strategy() == WriteStrategy.MERGE ? SEQ_KEY : null,
              seq++,
              bytes,
              start,
              end - start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    staged++;
  }

  private static final byte[] SEQ_KEY = ("\"" + SEQ + "\":").getBytes(StandardCharsets.US_ASCII);

  private StagingOutput output() throws IOException {
    if (out == null) {
      file = folder.resolve(filePrefix + "-" + files++ + ".jsonl");
      out = new StagingOutput(Files.newOutputStream(file), 1 << 20);
    }
    return out;
  }

  /**
   * Ends the staging file being written so DuckDB can read it (the next record starts a new one);
   * null when it holds nothing. Called by the thread that appends.
   */
  Staged rotate() throws SQLException {
    if (out == null) {
      return null;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new SQLException("Could not write the staging file " + file + ": " + e.getMessage(), e);
    } finally {
      out = null;
    }
    Staged done = new Staged(file, staged, typedFile, typedEmittedAt);
    staged = 0;
    typedFile = true;
    typedEmittedAt = true;
    return done;
  }

  private static void delete(List<Staged> staged) {
    for (Staged s : staged) {
      try {
        Files.deleteIfExists(s.file());
      } catch (IOException e) {
        // the next sync empties the staging folder
      }
    }
  }

  private static long rows(List<Staged> staged) {
    return staged.stream().mapToLong(Staged::rows).sum();
  }

  /**
   * Has DuckDB read finished staging files into the open transaction, as soon as they are full: an
   * appended stream's rows go straight into its table, a merged or replaced stream's into its held
   * table. Nothing is committed here; the rows become visible with the next checkpoint's commit,
   * and a rollback drops them.
   */
  void load(Statement s, List<Staged> staged) throws SQLException {
    if (plan.strategy() == WriteStrategy.APPEND) {
      if (!staged.isEmpty()) {
        execute(s, insertIntoTable("(" + typedSelect(staged) + ")"));
        delete(staged);
      }
    } else {
      hold(s, staged);
    }
  }

  /** Moves the staged rows, typed, into the held table (created on first use). */
  private void hold(Statement s, List<Staged> staged) throws SQLException {
    if (!heldCreated) {
      s.execute("CREATE OR REPLACE TABLE " + held + " " + heldDefinition());
      heldCreated = true;
    }
    if (!staged.isEmpty()) {
      execute(s, "INSERT INTO " + held + " " + typedSelect(staged));
      delete(staged);
      heldRows += rows(staged);
    }
  }

  /**
   * A checkpoint of a merged or appended stream: loads the last files, then upserts the held rows
   * into the stream's table on its key (MERGE). Appended rows are in the table already.
   */
  void apply(Statement s, List<Staged> staged) throws SQLException {
    load(s, staged);
    if (plan.strategy() != WriteStrategy.MERGE || heldRows == 0) {
      return;
    }
    List<String> keys = plan.primaryKey().stream().map(TableNames::quote).toList();
    List<String> matches = keys.stream().map(k -> "t." + k + " = s." + k).toList();
    s.execute(
        "DELETE FROM "
            + table
            + " AS t USING (SELECT DISTINCT "
            + String.join(", ", keys)
            + " FROM "
            + held
            + ") AS s WHERE "
            + String.join(" AND ", matches));
    s.execute(
        insertIntoTable(held)
            + " QUALIFY row_number() OVER (PARTITION BY "
            + String.join(", ", keys)
            + " ORDER BY "
            + SEQ
            + " DESC) = 1");
    s.execute("DELETE FROM " + held);
    heldRows = 0;
  }

  /**
   * Makes everything this sync staged the stream's table (REPLACE): the held table is renamed into
   * its place.
   */
  void replaceTable(Statement s, List<Staged> staged) throws SQLException {
    hold(s, staged);
    s.execute("ALTER TABLE " + held + " DROP COLUMN " + SEQ);
    s.execute("DROP TABLE IF EXISTS " + table);
    s.execute("ALTER TABLE " + held + " RENAME TO " + quote(plan.tableName()));
    heldCreated = false;
    heldRows = 0;
  }

  /**
   * Runs a load of staging files. Lines staged as the connector wrote them are checked byte by
   * byte, not parsed, so a RECORD line that is not valid JSON deep inside (two commas in a nested
   * object, say) reaches DuckDB, which refuses the whole load; the error then blames the
   * connector's line, as the parsed path does, instead of naming a staging file the user never
   * made.
   */
  private void execute(Statement s, String load) throws SQLException {
    try {
      s.execute(load);
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage());
      int malformed = message.indexOf(MALFORMED_JSON);
      if (malformed < 0) {
        throw e;
      }
      int at = message.lastIndexOf(": ");
      String reason = at > malformed ? message.substring(at + 2).strip() : "";
      if (reason.endsWith(".")) {
        reason = reason.substring(0, reason.length() - 1);
      }
      throw new CacheError(
          "The connector sent a RECORD line of stream '"
              + plan.streamName()
              + "' that is not valid JSON"
              + (reason.isEmpty() ? "" : " (" + reason + ")")
              + ".",
          "This is a bug in the connector; try another version (the version argument).",
          e);
    }
  }

  /** How DuckDB's read_json starts the error about a line it cannot parse. */
  private static final String MALFORMED_JSON = "Malformed JSON";

  /** {@code INSERT INTO} the stream's table of its final columns, selected from {@code from}. */
  private String insertIntoTable(String from) {
    String names = String.join(", ", finalColumnNames());
    return "INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM " + from;
  }

  private String heldDefinition() {
    String definition = CacheTables.tableDefinition(columns);
    return definition.substring(0, definition.length() - 1) + ", " + SEQ + " BIGINT)";
  }

  private List<String> finalColumnNames() {
    List<String> names = new ArrayList<>();
    columns.forEach(c -> names.add(quote(c.name())));
    names.add(CacheTables.RAW_ID);
    names.add(CacheTables.EXTRACTED_AT);
    names.add(CacheTables.META);
    return names;
  }

  /**
   * The staged rows with their final names and types, plus the sequence that orders duplicates.
   * Three levels: the file's fields as text (JSON for JSON columns; integer, boolean and decimal
   * ones typed when every file was checked for it), each text cast once, then {@code _airbyte_meta}
   * from what did not cast.
   */
  private String typedSelect(List<Staged> staged) {
    boolean typed = staged.stream().allMatch(Staged::typed);
    boolean epochTyped = staged.stream().allMatch(Staged::typedEmittedAt);
    boolean[] castChecked = new boolean[columns.size()]; // a value of these may be nulled
    List<String> struct = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    List<String> casts = new ArrayList<>();
    List<String> outer = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      String field = quote(fields.get(i));
      boolean readTyped = typed && kindOf(c.type()) != TEXT;
      struct.add(
          field + " " + (readTyped ? c.type().ddl() : c.type().isJson() ? "JSON" : "VARCHAR"));
      raw.add("\"data\"." + field + " AS " + rawName(i));
      casts.add((readTyped ? rawName(i) : typed(c, rawName(i))) + " AS " + quote(c.name()));
      outer.add(quote(c.name()));
      castChecked[i] = !readTyped && c.type() != SqlType.VARCHAR && !c.type().isJson();
    }
    String columnsSpec =
        "{data: "
            + TableNames.literal(
                "STRUCT("
                    + (struct.isEmpty() ? "_airbyte_none VARCHAR" : String.join(", ", struct))
                    + ")")
            + ", emitted_at: "
            + (epochTyped ? "'BIGINT'" : "'VARCHAR'")
            + ", meta: 'JSON', "
            + SEQ
            + ": 'BIGINT'}";
    raw.add("emitted_at AS _e");
    raw.add("meta AS _m");
    List<String> middle = new ArrayList<>(casts);
    for (int i = 0; i < columns.size(); i++) {
      if (castChecked[i]) {
        middle.add(rawName(i));
      }
    }
    middle.add(epochTyped ? "_e" : "TRY_CAST(TRY_CAST(_e AS DOUBLE) AS BIGINT) AS _e");
    middle.add("_m");
    outer.add("uuidv7()::VARCHAR AS " + CacheTables.RAW_ID);
    // make_timestamptz of microseconds is exact and costs DuckDB a tenth of timezone('UTC',
    // epoch_ms(...)), which goes through ICU's calendar row by row; an emitted_at whose
    // microseconds overflow (a conversion error would fail the whole load) gets the load's time
    outer.add(
        "COALESCE(CASE WHEN _e BETWEEN -"
            + MAX_EPOCH_MS
            + " AND "
            + MAX_EPOCH_MS
            + " THEN make_timestamptz(_e * 1000) END, now()) AS "
            + CacheTables.EXTRACTED_AT);
    outer.add(metaExpression(castChecked) + " AS " + CacheTables.META);
    raw.add(SEQ);
    middle.add(SEQ);
    outer.add(SEQ);
    return "SELECT "
        + String.join(", ", outer)
        + " FROM (SELECT "
        + String.join(", ", middle)
        + " FROM (SELECT "
        + String.join(", ", raw)
        + " FROM read_json(["
        + String.join(
            ", ", staged.stream().map(f -> TableNames.literal(f.file().toString())).toList())
        + "]"
        + ", format = 'newline_delimited', columns = "
        + columnsSpec
        + ")))";
  }

  /** The largest emitted_at, in milliseconds either way of the epoch, whose microseconds fit. */
  private static final long MAX_EPOCH_MS = Long.MAX_VALUE / 1000;

  private static String rawName(int i) {
    return "_r" + i;
  }

  /**
   * {@code _airbyte_meta} as Airbyte destinations write it: {@code {"changes": [...]}} with the
   * record's own changes plus one {@code NULLED} change per value that did not fit its column (only
   * the columns {@code castChecked} can have one).
   */
  private String metaExpression(boolean[] castChecked) {
    List<String> checks = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (castChecked[i]) {
        String fails = rawName(i) + " IS NOT NULL AND " + quote(c.name()) + " IS NULL";
        failed.add("(" + fails + ")");
        checks.add("CASE WHEN " + fails + " THEN " + TableNames.literal(c.name()) + " END");
      }
    }
    String sourceChanges = "COALESCE(json_extract(_m, '$.changes[*]'), []::JSON[])";
    if (checks.isEmpty()) {
      return "CASE WHEN _m IS NULL THEN '{\"changes\":[]}'::JSON ELSE json_object('changes', "
          + sourceChanges
          + ") END";
    }
    // the common row (no changes, every value cast) is told by one cheap test; the list is built
    // only for the others
    String nulled = "list_filter([" + String.join(", ", checks) + "], f -> f IS NOT NULL)";
    return "CASE WHEN _m IS NULL AND NOT ("
        + String.join(" OR ", failed)
        + ") THEN '{\"changes\":[]}'::JSON "
        + "ELSE json_object('changes', list_concat("
        + sourceChanges
        + ", list_transform("
        + nulled
        + ", f -> "
        + "json_object('field', f, 'change', 'NULLED', 'reason', 'DESTINATION_SERIALIZATION_ERROR')))) END";
  }

  private static String typed(Column c, String raw) {
    if (c.type() == SqlType.VARCHAR || c.type().isJson()) {
      return raw;
    }
    if (c.type() == SqlType.DECIMAL) {
      // parsing text straight into a 38-digit decimal is very slow in DuckDB; most values fit 18
      // digits
      return "COALESCE(TRY_CAST("
          + raw
          + " AS DECIMAL(18,9)), TRY_CAST("
          + raw
          + " AS "
          + c.type().ddl()
          + "))";
    }
    return "TRY_CAST(" + raw + " AS " + c.type().ddl() + ")";
  }

  /** Ends the file being written; what it and earlier files hold is deleted with the folder's. */
  @Override
  public void close() throws SQLException {
    Staged last = rotate();
    if (last != null) {
      delete(List.of(last));
    }
  }
}
