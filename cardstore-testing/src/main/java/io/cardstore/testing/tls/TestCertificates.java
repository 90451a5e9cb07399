package io.cardstore.testing.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a throw-away certificate authority and a server certificate for localhost at test
 * time, so that no key is ever committed.
 */
public final class TestCertificates {

	private static final Duration VALIDITY = Duration.ofDays(1);

	private TestCertificates() {
	}

	/**
	 * Writes {@code ca.pem}, {@code server.pem} and {@code server-key.pem} into a
	 * directory.
	 */
	public static TlsFiles create(Path directory) {
		try {
			Files.createDirectories(directory);
			KeyPair caKeys = newKeyPair();
			X500Name caName = new X500Name("CN=CardStore Test CA");
			X509Certificate ca = sign(
					new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(), caName,
							caKeys.getPublic())
						.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
						.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
					caKeys.getPrivate());

			KeyPair serverKeys = newKeyPair();
			GeneralNames names = new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
					new GeneralName(GeneralName.iPAddress, "127.0.0.1") });
			X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
					new X500Name("CN=localhost"), serverKeys.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.subjectAlternativeName, false, names), caKeys.getPrivate());

			TlsFiles files = new TlsFiles(directory.resolve("ca.pem"), directory.resolve("server.pem"),
					directory.resolve("server-key.pem"));
			writePem(files.caCertificate(), ca);
			writePem(files.serverCertificate(), server);
			writePem(files.serverKey(), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not create test certificates", ex);
		}
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
	}

	private static BigInteger serial() {
		return new BigInteger(64, new SecureRandom());
	}

	private static Date notBefore() {
		return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
	}

	private static Date notAfter() {
		return Date.from(Instant.now().plus(VALIDITY));
	}

	private static void writePem(Path file, Object object) throws IOException {
		try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
			pem.writeObject(object);
		}
	}

}
