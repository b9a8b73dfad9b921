package airbytemcp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failure reported inside an answer reads as sentences: the message, then what to do next. */
@Timeout(10)
class UserErrorTest {
  @Test
  void aMessageQuotingAnExceptionGetsAFullStopBeforeTheHint() {
    UserError e =
        new UserError(
            "Could not download x: connectors.airbyte.com: Name or service not known",
            "Check the network or try again later.");
    assertEquals(
        "Could not download x: connectors.airbyte.com: Name or service not known. Check the network"
            + " or try again later.",
        e.messageWithHint());
  }

  @Test
  void aMessageThatEndsASentenceIsFollowedByTheHintDirectly() {
    assertEquals(
        "The token expired. Log in again.",
        new UserError("The token expired.", "Log in again.").messageWithHint());
  }

  @Test
  void withoutAHintTheMessageStandsAlone() {
    assertEquals("Nothing to do", new UserError("Nothing to do", null).messageWithHint());
    assertEquals("Nothing to do", new UserError("Nothing to do", " ").messageWithHint());
  }
}
