package airbytemcp.network;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import airbytemcp.common.Json;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which addresses and hosts the egress rules let a connector reach (no connection is made here).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EgressPolicyTest {
  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal); // a literal: no lookup
  }

  @Test
  void classifiesMetadataLinkLocalPrivateAndPublicAddresses() throws Exception {
    for (String metadata :
        List.of(
            "169.254.169.254",
            "169.254.0.1",
            "fe80::1",
            "fd00:ec2::254",
            "100.100.100.200",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "192.0.0.192")) {
      assertEquals(AddressKind.METADATA, AddressKind.of(ip(metadata)), metadata);
    }
    for (String local :
        List.of(
            "127.0.0.1",
            "127.8.9.10",
            "::1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "100.64.0.1",
            "fc00::1",
            "fd12:3456::1",
            "0.0.0.0",
            "::",
            "224.0.0.1")) {
      assertEquals(AddressKind.LOCAL, AddressKind.of(ip(local)), local);
    }
    for (String open : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1")) {
      assertEquals(AddressKind.PUBLIC, AddressKind.of(ip(open)), open);
    }
  }

  @Test
  void loopbackAndPrivateAddressesNeedToBeListed() throws Exception {
    EgressPolicy strict = EgressPolicy.of(EgressRules.NONE);
    assertThrows(EgressRefused.class, () -> strict.check("localhost", ip("127.0.0.1")));
    assertThrows(EgressRefused.class, () -> strict.check("db.internal", ip("10.0.0.5")));
    EgressPolicy listed = EgressPolicy.of(EgressRules.parse("localhost, 10.0.0.0/8"));
    assertDoesNotThrow(() -> listed.check("localhost", ip("127.0.0.1")), "listed by name");
    assertDoesNotThrow(() -> listed.check("db.internal", ip("10.0.0.5")), "listed by block");
    assertThrows(
        EgressRefused.class,
        () -> listed.check("rebound.example", ip("127.0.0.1")),
        "another name resolving to loopback is not the listed name");
    assertDoesNotThrow(() -> strict.check("example.com", ip("93.184.216.34")));
  }

  @Test
  void metadataIsRefusedEvenWhenTheUserListsIt() throws Exception {
    EgressPolicy listed =
        EgressPolicy.of(EgressRules.parse("169.254.0.0/16,metadata.google.internal,fd00:ec2::/32"));
    EgressRefused refused =
        assertThrows(EgressRefused.class, () -> listed.check("x", ip("169.254.169.254")));
    assertTrue(refused.getMessage().contains("metadata"), refused.getMessage());
    assertThrows(
        EgressRefused.class, () -> listed.check("metadata.google.internal", ip("93.184.216.34")));
    assertThrows(EgressRefused.class, () -> listed.check("y", ip("fd00:ec2::254")));
  }

  @Test
  void aRegistryConnectorReachesOnlyItsAllowedHostsFilledFromTheConfig() throws Exception {
    AllowedHosts allowed =
        AllowedHosts.resolve(
            Json.parse(
                "{\"hosts\": [\"${subdomain}.atlassian.net\", \"*.googleapis.com\", \"${api_url}\", \"${missing}\"]}"),
            Json.parse(
                "{\"subdomain\": \"acme\", \"api_url\": \"https://user:pw@git.acme.example:8443/api/v4\"}"));
    assertEquals(
        List.of("acme.atlassian.net", "*.googleapis.com", "git.acme.example"), allowed.patterns());
    assertEquals(List.of("${missing}"), allowed.unresolved());
    EgressPolicy policy = new EgressPolicy(EgressRules.parse("localhost"), allowed);
    assertDoesNotThrow(() -> policy.check("acme.atlassian.net", ip("93.184.216.34")));
    assertDoesNotThrow(() -> policy.check("sheets.googleapis.com", ip("93.184.216.34")));
    assertDoesNotThrow(
        () -> policy.check("localhost", ip("127.0.0.1")), "hosts the user lists are reachable too");
    EgressRefused refused =
        assertThrows(EgressRefused.class, () -> policy.check("evil.example", ip("93.184.216.34")));
    assertTrue(refused.getMessage().contains("allowedHosts"), refused.getMessage());
    assertThrows(
        EgressRefused.class,
        () -> policy.check("googleapis.com.evil.example", ip("93.184.216.34")));
  }

  @Test
  void registryEntriesWithoutHostsLimitNothingAndAnEmptyListAllowsNoHost() throws Exception {
    assertNull(
        AllowedHosts.resolve(null, Json.object()), "no allowedHosts: Airbyte allows any host");
    AllowedHosts none = AllowedHosts.resolve(Json.parse("{\"hosts\": []}"), Json.object());
    assertFalse(none.allows("api.example.com"));
    assertTrue(
        AllowedHosts.resolve(Json.parse("{\"hosts\": [\"*\"]}"), Json.object())
            .allows("anything.example"));
  }

  @Test
  void theSettingRejectsEntriesThatAreNeitherHostsNorBlocks() {
    assertThrows(IllegalArgumentException.class, () -> EgressRules.parse("http://localhost:8080"));
    assertThrows(IllegalArgumentException.class, () -> EgressRules.parse("10.0.0.0/33"));
    assertEquals(
        "localhost,127.0.0.1/32,10.0.0.0/8",
        EgressRules.parse(" localhost , 127.0.0.1,10.0.0.0/8 ").spec(),
        "the rules survive being handed to a driver as text");
  }
}
