package io.kubling.apiserver.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --token-auth-file in kube-apiserver's CSV format. */
class StaticTokenFileTest {
  @TempDir
  Path dir;

  private StaticTokenFile load(String text) throws Exception {
    Path f = dir.resolve("tokens.csv");
    Files.writeString(f, text);
    return StaticTokenFile.load(f);
  }

  @Test
  void linesBecomeUsersWithTheirGroupsAndSystemAuthenticated() throws Exception {
    StaticTokenFile file = load("""
        abc,alice,1,"dev,ops"

        def,bob,2
        ghi, carol , 3 ,single
        """);
    assertThat(file.authenticate("abc")).hasValue(new UserInfo("alice", "1",
        List.of("dev", "ops", "system:authenticated"), java.util.Map.of()));
    assertThat(file.authenticate("def").orElseThrow().groups())
        .containsExactly("system:authenticated");
    assertThat(file.authenticate("ghi").orElseThrow().name()).isEqualTo("carol");
    assertThat(file.authenticate("ghi").orElseThrow().groups())
        .containsExactly("single", "system:authenticated");
    assertThat(file.authenticate("nope")).isEmpty();
    assertThat(file.authenticate("")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "abc,alice     | line 1 must have at least 3 columns (token, user name, user uid), found 2",
      "'abc,\"alice,1' | line 1: unbalanced quotes",
      ",alice,1      | line 1: empty token",
  })
  void badFilesAreRefusedInOneLine(String line, String why) {
    assertThatThrownBy(() -> load(line + "\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why).hasMessageNotContaining("\n");
  }

  @Test
  void csvQuotesFollowRfc4180() {
    assertThat(StaticTokenFile.Csv.parse("a,\"b \"\"c\"\"\",\"d,e\""))
        .containsExactly("a", "b \"c\"", "d,e");
  }
}
