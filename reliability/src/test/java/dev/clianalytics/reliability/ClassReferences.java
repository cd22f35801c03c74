package dev.clianalytics.reliability;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods a compiled class calls, read from its constant pool (JVMS 4.4) as {@code owner.name},
 * for example {@code java/security/MessageDigest.isEqual}: enough to check what a class compares
 * with, without a bytecode library.
 */
final class ClassReferences {
  private ClassReferences() {}

  /** The methods {@code type} refers to, from its class file on the class path. */
  static Set<String> methodsCalledBy(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream raw = ClassLoader.getSystemResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return read(new DataInputStream(raw));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> read(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IllegalStateException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    Map<Integer, Integer> classNames = new HashMap<>();
    Map<Integer, Integer> nameAndTypeNames = new HashMap<>();
    Map<Integer, int[]> methodRefs = new HashMap<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(i, in.readUTF());
        case 7 -> classNames.put(i, in.readUnsignedShort());
        case 10, 11 ->
            methodRefs.put(i, new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
        case 12 -> {
          nameAndTypeNames.put(i, in.readUnsignedShort());
          in.readUnsignedShort();
        }
        case 3, 4, 9, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // eight-byte constants take two slots
        }
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IllegalStateException("unknown constant pool tag " + tag);
      }
    }
    Set<String> called = new TreeSet<>();
    for (int[] ref : methodRefs.values()) {
      String owner = utf8.get(classNames.get(ref[0]));
      String name = utf8.get(nameAndTypeNames.get(ref[1]));
      called.add(owner + "." + name);
    }
    return called;
  }
}
