package io.kubling.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.authentication.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
  private static ServingSecurity modes(String... modes) {
    return new ServingSecurity(null, null, null, null, List.of(), null, null, List.of(modes),
        true);
  }

  private static final Attributes ANY = Attributes.resource(UserInfo.of("u", List.of()), "get",
      "", "v1", "pods", "", "default", "p");

  @Test
  void unknownModeIsOneClearLine() {
    assertThatThrownBy(() -> Authorization.create(modes("Node", "ABAC"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--authorization-mode: unknown mode \"ABAC\" (known: AlwaysAllow,"
            + " AlwaysDeny, Node, RBAC)");
    assertThatThrownBy(() -> Authorization.create(modes("AlwaysDeny", "AlwaysDeny"), null))
        .hasMessageContaining("more than once");
  }

  @Test
  void firstDecisionWinsAndNoOpinionMeansDenied() {
    Authorizer noOpinion = a -> Decision.noOpinion("not mine");
    assertThat(new AuthorizerChain(List.of(noOpinion, Authorizer.ALWAYS_ALLOW)).authorize(ANY)
        .allowed()).isTrue();
    assertThat(new AuthorizerChain(List.of(a -> Decision.deny("no"), Authorizer.ALWAYS_ALLOW))
        .authorize(ANY).allowed()).isFalse();
    Decision none = new AuthorizerChain(List.of(noOpinion)).authorize(ANY);
    assertThat(none.kind()).isEqualTo(Decision.Kind.DENY);
    assertThat(none.reason()).isEqualTo("not mine");
  }

  @Test
  void mastersAreAlwaysAllowed() {
    Authorizer deny = Authorization.create(modes("AlwaysDeny"), null);
    assertThat(deny.authorize(ANY).allowed()).isFalse();
    assertThat(deny.authorize(ANY.withUser(UserInfo.of("root", List.of(UserInfo.MASTERS))))
        .allowed()).isTrue();
  }
}
