package io.kubling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void summaryIsAMarkdownTable() {
    List<String> rows = Report.markdown(1000, 4000, 5000, 12, 80, 40);
    assertThat(rows).hasSize(4);
    assertThat(rows).allSatisfy(r -> assertThat(r).startsWith("| ").endsWith(" |"));
    assertThat(rows.get(1)).isEqualTo("| --- | --- | --- | --- | --- |");
    assertThat(rows.get(2)).contains("1000/s", "4000/s", "| 0.25 |", "≥ 0.5");
    assertThat(rows.get(3)).contains("LIST 5,000 pods", "12 ms", "80 ms", "40 ms", "| 0.15 |",
        "≤ 0.2");
  }

  @Test
  void cpuPerObject() {
    CpuTime spent = new CpuTime(3_000_000_000L, 1_000_000_000L)
        .since(new CpuTime(1_000_000_000L, 500_000_000L));
    assertThat(spent).isEqualTo(new CpuTime(2_000_000_000L, 500_000_000L));
    assertThat(spent.perObject(5000)).isEqualTo("cpu/obj jvm=0.40 ms etcd=0.10 ms");
    assertThat(spent.perObject(0)).isEmpty();
  }
}
