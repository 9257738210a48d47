package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PodSpec rules beyond the everyday ones in PodStrategyTest, and template-only rules. */
class PodSpecValidationTest {
  static final String C = "{'name':'a','image':'i'}";

  static String pod(String spec) {
    return "{'metadata':{'name':'p','namespace':'default'},'spec':" + spec + "}";
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("duplicate volume", "{'volumes':[{'name':'v','emptyDir':{}},{'name':'v',"
            + "'emptyDir':{}}],'containers':[" + C + "]}",
            List.of("spec.volumes[1].name: Duplicate value: \"v\"")),
        Arguments.of("volume name with dots", "{'volumes':[{'name':'a.b','emptyDir':{}}],"
            + "'containers':[" + C + "]}",
            List.of("spec.volumes[0].name: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("mount of an invalid volume", "{'volumes':[{'name':'a.b','emptyDir':{}}],"
            + "'containers':[{'name':'a','image':'i','volumeMounts':[{'name':'a.b','mountPath':"
            + "'/x'}]}]}", List.of("spec.volumes[0].name: Invalid value: \"a.b\": must not"
            + " contain dots", "spec.containers[0].volumeMounts[0].name: Not found: \"a.b\"")),
        Arguments.of("same mount path twice", "{'volumes':[{'name':'v','emptyDir':{}}],"
            + "'containers':[{'name':'a','image':'i','volumeMounts':[{'name':'v','mountPath':"
            + "'/x'},{'name':'v','mountPath':'/x'}]}]}", List.of("spec.containers[0]"
            + ".volumeMounts[1].mountPath: Invalid value: \"/x\": must be unique")),
        Arguments.of("mount without path", "{'volumes':[{'name':'v','emptyDir':{}}],"
            + "'containers':[{'name':'a','image':'i','volumeMounts':[{'name':'v'}]}]}",
            List.of("spec.containers[0].volumeMounts[0].mountPath: Required value")),
        Arguments.of("init containers share a name", "{'containers':[" + C + "],"
            + "'initContainers':[{'name':'b','image':'i'},{'name':'b','image':'i'}]}",
            List.of("spec.initContainers[1].name: Duplicate value: \"b\"")),
        Arguments.of("negative request", "{'containers':[{'name':'a','image':'i','resources':"
            + "{'requests':{'cpu':'-1'}}}]}", List.of("spec.containers[0].resources"
            + ".requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")),
        Arguments.of("service account name", "{'serviceAccountName':'SA','containers':[" + C
            + "]}", List.of("spec.serviceAccountName: Invalid value: \"SA\": a lowercase RFC 1123"
            + " subdomain must consist of lower case alphanumeric characters, '-' or '.', and"
            + " must start and end with an alphanumeric character (e.g. 'example.com', regex"
            + " used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("hostname with dots", "{'hostname':'a.b','containers':[" + C + "]}",
            List.of("spec.hostname: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("subdomain with dots", "{'subdomain':'a.b','containers':[" + C + "]}",
            List.of("spec.subdomain: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("dns None without nameservers", "{'dnsPolicy':'None','dnsConfig':{},"
            + "'containers':[" + C + "]}", List.of("spec.dnsConfig.nameservers: Required value:"
            + " must provide at least one DNS nameserver when `dnsPolicy` is None")),
        Arguments.of("Exists with a value", "{'tolerations':[{'key':'k','operator':'Exists',"
            + "'value':'v'}],'containers':[" + C + "]}", List.of("spec.tolerations[0].operator:"
            + " Invalid value: \"v\": value must be empty when `operator` is 'Exists'")),
        Arguments.of("unknown toleration effect", "{'tolerations':[{'key':'k','operator':"
            + "'Exists','effect':'Never'}],'containers':[" + C + "]}", List.of(
            "spec.tolerations[0].effect: Unsupported value: \"Never\": supported values:"
                + " \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"")),
        Arguments.of("node selector", "{'nodeSelector':{'disk':'a b'},'containers':[" + C
            + "]}", List.of("spec.nodeSelector: Invalid value: \"a b\": a valid label must be"
            + " an empty string or consist of alphanumeric characters, '-', '_' or '.', and must"
            + " start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value', "
            + " or '12345', regex used for validation is"
            + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate(String name, String spec, List<String> expected) {
    assertThat(createErrors(PodStrategy.INSTANCE, pod(spec))).containsExactlyElementsOf(expected);
  }

  @Test
  void templatesRefuseEphemeralContainersAndMayLeaveHostPortsToThePod() {
    ObjectNode template = json("{'metadata':{'labels':{'app':'a'}},'spec':{'hostNetwork':true,"
        + "'containers':[{'name':'a','image':'i','ports':[{'containerPort':80}]}],"
        + "'ephemeralContainers':[{'name':'debug','image':'busybox'}]}}");
    PodSpecDefaults.applySpec((ObjectNode) template.get("spec"));
    assertThat(messages(PodSpecValidation.template(template, "spec.template")))
        .containsExactly("spec.template.spec.ephemeralContainers: Forbidden: ephemeral"
            + " containers not allowed in pod template");
  }

  @Test
  void templatesGetNoPodOnlyDefaults() {
    ObjectNode spec = json("{'containers':[{'name':'a','image':'i','resources':{'limits':"
        + "{'cpu':'1'}}}]}");
    PodSpecDefaults.applySpec(spec);
    assertThat(spec.has("enableServiceLinks")).isFalse();
    assertThat(spec.get("containers").get(0).get("resources").has("requests")).isFalse();
  }
}
