package io.cardstore.testing.tls;

import java.nio.file.Path;

/**
 * PEM files for a TLS server: the CA clients trust, and the server's certificate and key.
 *
 * @param caCertificate the certificate authority's certificate
 * @param serverCertificate the server certificate, signed by the CA, for localhost and
 * 127.0.0.1
 * @param serverKey the server's private key (PKCS#8)
 */
public record TlsFiles(Path caCertificate, Path serverCertificate, Path serverKey) {
}
