package io.kubling.apiserver.openapi;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a protobuf file descriptor from the message definitions of a Kubernetes
 * {@code generated.proto}, for the groups client-java-proto does not ship. Understands
 * only what those files use: proto2 {@code optional}/{@code repeated} fields of scalars
 * or messages and {@code map<string, string>}.
 */
final class ProtoText {
  private static final Pattern MESSAGE = Pattern.compile("message (\\w+) \\{([^}]*)}");
  private static final Pattern FIELD = Pattern.compile(
      "(optional|repeated)?\\s*(map<string, string>|[\\w.]+) (\\w+) = (\\d+);");
  private static final Map<String, Type> SCALARS = Map.of("string", Type.TYPE_STRING,
      "int32", Type.TYPE_INT32, "int64", Type.TYPE_INT64, "bool", Type.TYPE_BOOL,
      "bytes", Type.TYPE_BYTES, "double", Type.TYPE_DOUBLE);

  private ProtoText() {}

  static FileDescriptor parse(String name, String pkg, String text, FileDescriptor... deps) {
    FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder()
        .setName(name).setPackage(pkg).setSyntax("proto2");
    for (FileDescriptor d : deps) {
      file.addDependency(d.getName());
    }
    Matcher m = MESSAGE.matcher(text);
    while (m.find()) {
      DescriptorProto.Builder msg = DescriptorProto.newBuilder().setName(m.group(1));
      Matcher f = FIELD.matcher(m.group(2));
      while (f.find()) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
            .setName(f.group(3)).setJsonName(f.group(3))
            .setNumber(Integer.parseInt(f.group(4)))
            .setLabel("optional".equals(f.group(1)) ? Label.LABEL_OPTIONAL : Label.LABEL_REPEATED);
        String type = f.group(2);
        if (type.startsWith("map<")) {
          String entry = Character.toUpperCase(f.group(3).charAt(0)) + f.group(3).substring(1)
              + "Entry";
          msg.addNestedType(DescriptorProto.newBuilder().setName(entry)
              .setOptions(MessageOptions.newBuilder().setMapEntry(true))
              .addField(scalar("key", 1)).addField(scalar("value", 2)));
          field.setType(Type.TYPE_MESSAGE)
              .setTypeName("." + pkg + "." + m.group(1) + "." + entry);
        } else if (SCALARS.containsKey(type)) {
          field.setType(SCALARS.get(type));
        } else {
          field.setType(Type.TYPE_MESSAGE)
              .setTypeName(type.startsWith(".") ? type : "." + pkg + "." + type);
        }
        msg.addField(field);
      }
      file.addMessageType(msg);
    }
    try {
      return FileDescriptor.buildFrom(file.build(), deps);
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException("bad proto " + name + ": " + e.getMessage(), e);
    }
  }

  private static FieldDescriptorProto.Builder scalar(String name, int number) {
    return FieldDescriptorProto.newBuilder().setName(name).setJsonName(name).setNumber(number)
        .setLabel(Label.LABEL_OPTIONAL).setType(Type.TYPE_STRING);
  }
}
