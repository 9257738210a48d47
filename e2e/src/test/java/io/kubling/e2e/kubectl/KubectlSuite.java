package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.testkit.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the kubectl suites: each concrete class gets one fresh kubling and one kubectl
 * client, so the same tests run once per {@link Client}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KubectlSuite {
  protected final Client client;
  protected KubectlCluster k;

  protected KubectlSuite(Client client) {
    this.client = client;
  }

  @BeforeAll
  final void startKubling() {
    k = KubectlCluster.start(client);
  }

  @AfterAll
  final void stopKubling() {
    if (k != null) {
      k.close();
    }
  }

  /** Asserts kubectl failed with exactly this error line on stderr. */
  static void assertFails(Kubectl.Result r, String error) {
    assertThat(r.exit()).as("exit code; stdout: %s", r.out()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo(error);
  }
}
