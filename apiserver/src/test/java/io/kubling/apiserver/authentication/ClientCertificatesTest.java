package io.kubling.apiserver.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.apiserver.TestPki;
import java.security.cert.Certificate;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The x509 authenticator's own chain check, as the TLS layer leaves it to it. */
class ClientCertificatesTest {
  static final TestPki.Issued CA = TestPki.ca("kubernetes");
  static final ClientCertificates AUTH = new ClientCertificates(List.of(CA.cert()));

  @Test
  void aCertificateTheCaSignedIsItsSubject() {
    TestPki.Issued c = TestPki.client(CA, "system:node:n1", "system:nodes");
    UserInfo u = AUTH.verify(List.<Certificate>of(c.cert()), new Date());
    assertThat(u.name()).isEqualTo("system:node:n1");
    assertThat(u.groups()).containsExactly("system:nodes", "system:authenticated");
    // Clients may send the CA along; the chain still ends at it.
    assertThat(AUTH.verify(List.of(c.cert(), CA.cert()), new Date()).name())
        .isEqualTo("system:node:n1");
  }

  @Test
  void othersAreUnauthorized() {
    TestPki.Issued ok = TestPki.client(CA, "alice");
    TestPki.Issued impostor = TestPki.client(TestPki.ca("kubernetes"), "alice");
    TestPki.Issued server = TestPki.server(CA);
    assertThatThrownBy(() -> AUTH.verify(List.of(impostor.cert()), new Date()))
        .isInstanceOf(Authenticator.Unauthorized.class);
    assertThatThrownBy(() -> AUTH.verify(List.of(ok.cert()),
        new Date(System.currentTimeMillis() + 3L * 24 * 3600 * 1000)))
        .as("expired").isInstanceOf(Authenticator.Unauthorized.class);
    assertThatThrownBy(() -> AUTH.verify(List.of(server.cert()), new Date()))
        .as("serving certificate, not for client auth")
        .isInstanceOf(Authenticator.Unauthorized.class);
    assertThatThrownBy(() -> AUTH.verify(List.of(CA.cert()), new Date()))
        .as("the CA itself").isInstanceOf(Authenticator.Unauthorized.class);
  }
}
