package airbytemcp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  @Test
  void linesSplitAcrossChunksAndMultiByteCharactersComeOutWhole() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] bytes = "héllo\r\nwörld\nlast".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += 3) {
      splitter.accept(bytes, i, Math.min(3, bytes.length - i));
    }
    splitter.finish();
    assertEquals(List.of("héllo", "wörld", "last"), lines);
  }
}
