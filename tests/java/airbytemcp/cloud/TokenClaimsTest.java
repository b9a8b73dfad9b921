package airbytemcp.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading the signed-in user's auth id out of an access token's claims. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenClaimsTest {
  private static String jwt(String claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + ".sig";
  }

  @Test
  void theSubjectNamesTheUser() {
    assertEquals(
        Optional.of("kc-1"), TokenClaims.authUserId(jwt("{\"sub\":\"kc-1\"}")), "sub claim");
  }

  @Test
  void aUserIdClaimWinsOverTheSubject() {
    assertEquals(
        Optional.of("user-7"),
        TokenClaims.authUserId(jwt("{\"sub\":\"service-account\",\"user_id\":\"user-7\"}")),
        "user_id is the user behind an application's token");
  }

  @Test
  void tokensThatAreNotJwtsOrNameNoUserNameNobody() {
    for (String token :
        new String[] {
          "opaque-token",
          "a.b",
          jwt("{}"),
          jwt("{\"sub\":\"  \"}"),
          "x.!!!.y",
          jwt("not json"),
          null
        }) {
      assertEquals(Optional.empty(), TokenClaims.authUserId(token), "token: " + token);
    }
  }
}
