package airbytemcp.declarative;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A manifest's mistakes reach the user as errors that say what is wrong, not as runtime bugs. */
class TemplateErrorsTest {
  @Test
  void aFailingMacroSaysWhyItFailed() {
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () ->
                Interpolator.shared()
                    .eval("{{ today_with_timezone(zone) }}", Map.of("zone", "Mars/Olympus")));
    assertTrue(
        e.getMessage().contains("today_with_timezone") && e.getMessage().contains("Mars/Olympus"),
        "the message should name the macro and the unknown time zone: " + e.getMessage());
  }

  @Test
  void aMissingTimeZoneIsNamedAsSuch() {
    // amazon-ads reads stream_slice.extra_fields["timezone"], None when the parent lacks it
    DeclarativeError e =
        assertThrows(
            DeclarativeError.class,
            () -> Interpolator.shared().eval("{{ today_with_timezone(None) }}", Map.of()));
    assertTrue(e.getMessage().contains("None"), "says the zone is None: " + e.getMessage());
  }

  @Test
  void aDurationInSecondsIsAManifestErrorNotARuntimeBug() {
    // source-feishu writes expiration_duration: "7200"; the CDK's isodate refuses it as well
    DeclarativeError e = assertThrows(DeclarativeError.class, () -> IsoDuration.parse("7200"));
    assertTrue(e.getMessage().contains("'7200'"), "names the value: " + e.getMessage());
    assertTrue(e.hint().contains("PT2H"), "shows the ISO 8601 form: " + e.hint());
  }
}
