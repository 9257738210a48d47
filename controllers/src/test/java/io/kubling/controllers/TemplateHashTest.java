package io.kubling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateHashTest {

  static PodTemplateSpec t(String json) {
    return Serialization.unmarshal(json, PodTemplateSpec.class);
  }

  @ParameterizedTest(name = "{0} vs {1} -> equal {2}")
  @CsvSource(delimiter = '|', value = {
      "{'metadata':{'labels':{'a':'1'}},'spec':{'containers':[{'name':'c','image':'x'}]}}"
          + "|{'metadata':{'labels':{'a':'1','pod-template-hash':'abc'}},'spec':{'containers':[{'name':'c','image':'x','resources':{}}]}}|true",
      "{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'containers':[]}}"
          + "|{'metadata':{'labels':{'b':'2','a':'1'}}}|true",
      "{'spec':{'containers':[{'name':'c','image':'x'}]}}|{'spec':{'containers':[{'name':'c','image':'y'}]}}|false",
  })
  void equalIgnoresHashLabelOrderAndEmptyFields(String a, String b, boolean equal) {
    PodTemplateSpec ta = t(a.replace('\'', '"'));
    PodTemplateSpec tb = t(b.replace('\'', '"'));
    assertThat(TemplateHash.equalIgnoringHash(ta, tb)).isEqualTo(equal);
    if (equal) {
      assertThat(TemplateHash.of(ta, null)).isEqualTo(TemplateHash.of(tb, null));
    }
    assertThat(TemplateHash.of(ta, null)).isNotEqualTo(TemplateHash.of(ta, 1));
  }
}
