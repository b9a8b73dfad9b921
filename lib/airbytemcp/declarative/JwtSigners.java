package airbytemcp.declarative;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signer for a JwtAuthenticator's algorithm. RSA and ECDSA signing is Nimbus's; HMAC and EdDSA
 * are signed with the JDK directly, because Nimbus refuses HMAC secrets shorter than the hash
 * (PyJWT, which the CDK uses, accepts them) and needs Tink for EdDSA.
 */
final class JwtSigners {
  private JwtSigners() {}

  static JWSSigner forAlgorithm(JWSAlgorithm alg, String secret, String passphrase) {
    try {
      if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
        return new JdkSigner(alg, hmac(alg, secret.getBytes(StandardCharsets.UTF_8)));
      }
      if (JWSAlgorithm.Family.RSA.contains(alg)) {
        return new RSASSASigner(JwtKeys.read(secret, passphrase, "RSA"));
      }
      if (alg.equals(JWSAlgorithm.ES256K)) {
        throw new DeclarativeError(
            "The JWT algorithm ES256K (secp256k1) is not available in this runtime.",
            "Run the connector with Docker or Python.");
      }
      if (JWSAlgorithm.Family.EC.contains(alg)) {
        return new ECDSASigner((ECPrivateKey) JwtKeys.read(secret, passphrase, "EC"));
      }
      if (alg.equals(JWSAlgorithm.EdDSA)) {
        PrivateKey key = JwtKeys.read(secret, passphrase, "EdDSA");
        return new JdkSigner(alg, input -> sign("EdDSA", key, input));
      }
    } catch (JOSEException e) {
      throw new DeclarativeError(
          "The JWT signing key does not suit the algorithm " + alg + ".",
          "Check the private key in the config and the manifest's algorithm.");
    }
    throw new DeclarativeError(
        "The JWT algorithm " + alg + " is not supported.",
        "Use one of the algorithms Airbyte's component schema lists.");
  }

  private static Sign hmac(JWSAlgorithm alg, byte[] secret) {
    String name = "Hmac" + "SHA" + alg.getName().substring(2);
    return input -> {
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(secret, name));
      return mac.doFinal(input);
    };
  }

  private static byte[] sign(String algorithm, PrivateKey key, byte[] input)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(algorithm);
    s.initSign(key);
    s.update(input);
    return s.sign();
  }

  @FunctionalInterface
  private interface Sign {
    byte[] apply(byte[] input) throws GeneralSecurityException;
  }

  /** A Nimbus signer over a JDK signature function. */
  private static final class JdkSigner implements JWSSigner {
    private final JWSAlgorithm alg;
    private final Sign sign;
    private final JCAContext context = new JCAContext();

    JdkSigner(JWSAlgorithm alg, Sign sign) {
      this.alg = alg;
      this.sign = sign;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      try {
        return Base64URL.encode(sign.apply(signingInput));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new JOSEException("signing with " + alg + " failed");
      }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(alg);
    }

    @Override
    public JCAContext getJCAContext() {
      return context;
    }
  }
}
