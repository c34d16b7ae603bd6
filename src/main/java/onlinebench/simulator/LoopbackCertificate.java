package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed certificate for {@code sim.tls}, made at start with the JDK alone: an EC P-256 key
 * pair and an X.509 v3 certificate for {@code CN=localhost} with subject alternative names {@code
 * DNS:localhost} and {@code IP:127.0.0.1} (so clients that verify host names accept {@code
 * https://127.0.0.1}), valid from a day ago for a year, signed SHA256withECDSA.
 *
 * <p>Netty's {@code SelfSignedCertificate} needs BouncyCastle or the JDK's internal {@code
 * sun.security.x509} classes, which JDK 17 does not export; the DER here is a few dozen lines
 * instead. The certificate is also written as PEM and as a PKCS12 trust store so clients can trust
 * exactly it.
 */
final class LoopbackCertificate {

  /** Password of the PKCS12 trust store ({@link SimulatorServer#trustStore()}). */
  static final String TRUST_STORE_PASSWORD = "simulator";

  private static final byte[] ECDSA_WITH_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
  private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
  private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
  private static final DateTimeFormatter UTC_TIME =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final Path directory;
  private final Path pem;
  private final Path trustStore;

  private LoopbackCertificate(
      PrivateKey privateKey,
      X509Certificate certificate,
      Path directory,
      Path pem,
      Path trustStore) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.directory = directory;
    this.pem = pem;
    this.trustStore = trustStore;
  }

  /** Generates the key and certificate and writes both files to a new temporary directory. */
  static LoopbackCertificate create() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X509Certificate certificate = selfSigned(keys, Instant.now());

      Path directory = Files.createTempDirectory("onlinebench-simulator-tls");
      Path pem = directory.resolve("simulator-cert.pem");
      String base64 =
          Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
      Files.writeString(
          pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
      Path trustStore = directory.resolve("simulator-truststore.p12");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("onlinebench-simulator", certificate);
      try (OutputStream out = Files.newOutputStream(trustStore)) {
        store.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      return new LoopbackCertificate(keys.getPrivate(), certificate, directory, pem, trustStore);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot make a self-signed certificate: " + e.getMessage(), e);
    }
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  X509Certificate certificate() {
    return certificate;
  }

  Path pem() {
    return pem;
  }

  Path trustStore() {
    return trustStore;
  }

  /** Deletes the files; the server calls it on close. */
  void deleteFiles() {
    try {
      Files.deleteIfExists(pem);
      Files.deleteIfExists(trustStore);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // Temporary files only; the OS cleans the temp directory eventually.
    }
  }

  private static X509Certificate selfSigned(KeyPair keys, Instant now)
      throws GeneralSecurityException {
    byte[] algorithm = sequence(ECDSA_WITH_SHA256);
    byte[] name = sequence(set(sequence(COMMON_NAME, tlv(0x0c, "localhost".getBytes(US_ASCII)))));
    byte[] validity =
        sequence(utcTime(now.minus(Duration.ofDays(1))), utcTime(now.plus(Duration.ofDays(365))));
    byte[] altNames =
        sequence(
            tlv(0x82, "localhost".getBytes(US_ASCII)), // dNSName
            tlv(0x87, new byte[] {127, 0, 0, 1})); // iPAddress
    byte[] extensions = tlv(0xa3, sequence(sequence(SUBJECT_ALT_NAME, tlv(0x04, altNames))));
    byte[] tbs =
        sequence(
            tlv(0xa0, integer(BigInteger.TWO)), // version 3
            integer(new BigInteger(63, new SecureRandom())),
            algorithm,
            name,
            validity,
            name,
            keys.getPublic().getEncoded(),
            extensions);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] bitString = new byte[signature.length + 1]; // leading 0: no unused bits
    System.arraycopy(signature, 0, bitString, 1, signature.length);
    byte[] der = sequence(tbs, algorithm, tlv(0x03, bitString));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static byte[] utcTime(Instant instant) {
    return tlv(0x17, UTC_TIME.format(instant).getBytes(US_ASCII));
  }

  private static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  private static byte[] sequence(byte[]... parts) {
    return tlv(0x30, concat(parts));
  }

  private static byte[] set(byte[]... parts) {
    return tlv(0x31, concat(parts));
  }

  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int arc = arcs[i];
      int shift = 28;
      while (shift > 0 && (arc >>> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        out.write(0x80 | ((arc >>> shift) & 0x7f));
      }
      out.write(arc & 0x7f);
    }
    return tlv(0x06, out.toByteArray());
  }

  /** One DER tag-length-value; definite lengths, short or long form. */
  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
