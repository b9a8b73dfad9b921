package airbytemcp.declarative;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the PEM private keys a JwtAuthenticator signs with: PKCS#8 (plain or encrypted with the
 * passphrase) and PKCS#1 RSA keys. Errors never quote the key or the passphrase.
 */
final class JwtKeys {
  private JwtKeys() {}

  /**
   * @param family the JDK key algorithm the JWT algorithm needs: RSA, EC or EdDSA
   */
  static PrivateKey read(String pem, String passphrase, String family) {
    String text = pem.replace("\\n", "\n").strip();
    String label = label(text);
    byte[] der = body(text);
    try {
      byte[] pkcs8 =
          switch (label) {
            case "PRIVATE KEY" -> der;
            case "ENCRYPTED PRIVATE KEY" -> decrypt(der, passphrase);
            case "RSA PRIVATE KEY" -> wrapPkcs1(der);
            default ->
                throw new DeclarativeError(
                    "The JWT signing key is a PEM block of type '"
                        + label
                        + "', which this runtime cannot read.",
                    "Give the key as PKCS#8 ('BEGIN PRIVATE KEY'), e.g. converted with `openssl"
                        + " pkcs8 -topk8 -nocrypt`.");
          };
      return KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // the exception's own message is left out: some providers quote key material
      throw new DeclarativeError(
          "The JWT signing key could not be read as a " + family + " private key.",
          "Check the private key (and passphrase) in the config match the manifest's algorithm.");
    }
  }

  private static String label(String text) {
    int begin = text.indexOf("-----BEGIN ");
    int end = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
    if (begin < 0 || end < 0) {
      throw new DeclarativeError(
          "The JWT signing key is not a PEM private key.",
          "Give the private key in PEM form, starting with '-----BEGIN PRIVATE KEY-----'.");
    }
    return text.substring(begin + 11, end);
  }

  private static byte[] body(String text) {
    String b64 = text.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(b64.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new DeclarativeError(
          "The JWT signing key's PEM body is not base64.", "Check the private key in the config.");
    }
  }

  private static byte[] decrypt(byte[] der, String passphrase) throws GeneralSecurityException {
    if (passphrase == null || passphrase.isEmpty()) {
      throw new DeclarativeError(
          "The JWT signing key is encrypted and no passphrase is given.",
          "Set the passphrase in the config.");
    }
    EncryptedPrivateKeyInfo info;
    try {
      info = new EncryptedPrivateKeyInfo(der);
    } catch (IOException e) {
      throw new GeneralSecurityException("not an encrypted PKCS#8 key");
    }
    // PBES2 keys name their real scheme (e.g. PBEWithHmacSHA256AndAES_256) in their parameters
    String scheme =
        info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
    Cipher cipher = Cipher.getInstance(scheme);
    cipher.init(
        Cipher.DECRYPT_MODE,
        SecretKeyFactory.getInstance(scheme)
            .generateSecret(new PBEKeySpec(passphrase.toCharArray())),
        info.getAlgParameters());
    return info.getKeySpec(cipher).getEncoded();
  }

  /** A PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] inner = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, inner, 0, version.length);
    System.arraycopy(algorithm, 0, inner, version.length, algorithm.length);
    System.arraycopy(octets, 0, inner, version.length + algorithm.length, octets.length);
    return der(0x30, inner);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }
}
