package io.mpscope.multiprocessing.spawn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The preparation data a child receives on its stdin before it runs: where the session registry is and which
 * slot is its own, who its parent is, the authkey, the logging setup, the parent's own system properties, and the
 * serialized Process. Python: {@code spawn.get_preparation_data()} plus the pickled process object.
 *
 * <pre>
 * frame: int MAGIC, int length (of the rest), then DataOutput fields in the order of the record components,
 *        the properties as (count, key, value...), and the process as (format, length, bytes): see ProcessCodec.
 * </pre>
 * Plain fields use DataInput so the child touches object serialization only for the Process itself.
 */
record ChildSpec(String registryPath, int slot, int parentSlot, long parentPid, String parentName,
                 String startMethod, int logLevel, boolean logToStderr, boolean logToSlf4j, byte[] authkey,
                 Map<String, String> properties, byte processFormat, byte[] process) {

    static final int MAGIC = 0x4d505331; // "MPS1"
    private static final Set<String> JVM_OWNED = Set.of("java.", "jdk.", "sun.", "os.", "user.", "file.", "line.",
            "path.", "native.", "awt.", "stdout.", "stderr.", "surefire.", "basedir", "localRepository",
            "mpscope.child.", "socksNonProxyHosts", "ftp.", "http.", "https.", "jna.");

    /** The system properties this process has that a fresh JVM would not: the ones a program or user set. */
    static Map<String, String> inheritableProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        Properties p = System.getProperties();
        for (String k : p.stringPropertyNames()) {
            boolean owned = false;
            for (String prefix : JVM_OWNED) {
                if (k.startsWith(prefix)) {
                    owned = true;
                    break;
                }
            }
            if (!owned) {
                out.put(k, p.getProperty(k));
            }
        }
        return out;
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(256 + process.length);
            DataOutputStream d = new DataOutputStream(body);
            d.writeUTF(registryPath == null ? "" : registryPath);
            d.writeInt(slot);
            d.writeInt(parentSlot);
            d.writeLong(parentPid);
            d.writeUTF(parentName);
            d.writeUTF(startMethod);
            d.writeInt(logLevel);
            d.writeBoolean(logToStderr);
            d.writeBoolean(logToSlf4j);
            d.writeInt(authkey.length);
            d.write(authkey);
            d.writeInt(properties.size());
            for (Map.Entry<String, String> e : properties.entrySet()) {
                d.writeUTF(e.getKey());
                d.writeUTF(e.getValue());
            }
            d.writeByte(processFormat);
            d.writeInt(process.length);
            d.write(process);
            d.flush();
            ByteArrayOutputStream frame = new ByteArrayOutputStream(body.size() + 8);
            DataOutputStream f = new DataOutputStream(frame);
            f.writeInt(MAGIC);
            f.writeInt(body.size());
            body.writeTo(f);
            f.flush();
            return frame.toByteArray();
        } catch (IOException e) {
            throw new AssertionError("in-memory stream failed", e);
        }
    }

    /**
     * Reads one frame.
     *
     * @throws EOFException if the stream ends before a frame starts (the parent closed it: nothing to run)
     * @throws IOException  if the frame is malformed
     */
    static ChildSpec read(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("malformed preparation frame: magic=0x" + Integer.toHexString(magic));
        }
        int length = in.readInt();
        if (length < 0 || length > (1 << 30)) {
            throw new IOException("malformed preparation frame: length=" + length);
        }
        String registryPath = in.readUTF();
        int slot = in.readInt();
        int parentSlot = in.readInt();
        long parentPid = in.readLong();
        String parentName = in.readUTF();
        String startMethod = in.readUTF();
        int logLevel = in.readInt();
        boolean logToStderr = in.readBoolean();
        boolean logToSlf4j = in.readBoolean();
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        int n = in.readInt();
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            props.put(in.readUTF(), in.readUTF());
        }
        byte format = in.readByte();
        int processLength = in.readInt();
        if (processLength < 0 || processLength > length) {
            throw new IOException("malformed preparation frame: process length=" + processLength);
        }
        byte[] process = new byte[processLength];
        in.readFully(process);
        return new ChildSpec(registryPath, slot, parentSlot, parentPid, parentName, startMethod, logLevel,
                logToStderr, logToSlf4j, key, props, format, process);
    }
}
