package io.mpscope.multiprocessing.process;

import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.serialization.LambdaCodec;
import io.mpscope.multiprocessing.serialization.ObjectSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Process travels to its child: a plain {@code Process} with a lambda target whose captured values are plain
 * data goes in the compact {@link #LAMBDA} form (decoded without {@code ObjectInputStream}, see
 * {@link LambdaCodec}); anything else (subclasses, captured objects) with Java serialization ({@link #JAVA}).
 * Both are produced in the caller, so an object that cannot travel is reported by {@code start()}.
 */
public final class ProcessCodec {
    /** Java serialization of the whole Process object. */
    public static final byte JAVA = 0;
    /** The Process's fields, and its target as a {@link SerializedLambda} with plain captured values. */
    public static final byte LAMBDA = 1;

    /** A Process ready to send: its format and bytes. */
    public record Encoded(byte format, byte[] bytes) {
    }

    private ProcessCodec() {
    }

    /**
     * Encodes {@code p} for its child.
     *
     * @throws io.mpscope.multiprocessing.SerializationException naming the class and field path that cannot travel
     */
    public static Encoded encode(Process p) {
        if (p.getClass() == Process.class) {
            ProcessTarget target = p.target();
            SerializedLambda sl = target == null ? null : LambdaCodec.describe(target);
            if (target == null || sl != null) {
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                    DataOutputStream out = new DataOutputStream(bytes);
                    out.writeUTF(p.getName());
                    out.writeBoolean(p.isDaemon());
                    int[] identity = p.getIdentity();
                    out.writeInt(identity.length);
                    for (int i : identity) {
                        out.writeInt(i);
                    }
                    out.writeLong(p.getCreatorPid());
                    out.writeUTF(p.getCreatorName() == null ? "" : p.getCreatorName());
                    out.writeUTF(p.getStartMethod() == null ? "" : p.getStartMethod().methodName());
                    out.writeInt(p.getJvmArgs().size());
                    for (String a : p.getJvmArgs()) {
                        out.writeUTF(a);
                    }
                    out.writeBoolean(sl != null);
                    if (sl != null) {
                        LambdaCodec.write(out, sl);
                    }
                    out.flush();
                    return new Encoded(LAMBDA, bytes.toByteArray());
                } catch (IOException e) {
                    // a value the compact form cannot hold: fall through to Java serialization
                }
            }
        }
        return new Encoded(JAVA, ObjectSerializer.serialize(p, "process " + p.getName()));
    }

    /** Decodes a Process in the child. */
    public static Process decode(byte format, byte[] bytes) throws IOException, ClassNotFoundException {
        if (format == JAVA) {
            return (Process) ObjectSerializer.deserialize(bytes);
        }
        if (format != LAMBDA) {
            throw new IOException("unknown process format: format=" + format);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String name = in.readUTF();
        boolean daemon = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > 1024) {
            throw new IOException("malformed process: identity length=" + n);
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = in.readInt();
        }
        long creatorPid = in.readLong();
        String creatorName = in.readUTF();
        String method = in.readUTF();
        int argc = in.readInt();
        if (argc < 0 || argc > 4096) {
            throw new IOException("malformed process: jvm args=" + argc);
        }
        List<String> jvmArgs = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            jvmArgs.add(in.readUTF());
        }
        ProcessTarget target = null;
        if (in.readBoolean()) {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            target = (ProcessTarget) LambdaCodec.read(in, cl != null ? cl : ProcessCodec.class.getClassLoader());
        }
        return new Process(target, name, daemon, identity, creatorPid, creatorName,
                method.isEmpty() ? null : StartMethod.of(method), jvmArgs);
    }
}
