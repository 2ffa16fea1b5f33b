package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.AuthenticationException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The socket side of a manager connection: frames of a 4-byte big-endian length and that many bytes (CPython's
 * {@code Connection.send_bytes} framing), bounded by a maximum length, and CPython 3.12's HMAC challenge in both
 * directions ({@code deliver_challenge}/{@code answer_challenge}: {@code #CHALLENGE#} + {@code {sha256}} + 40 random
 * bytes, answered by {@code {sha256}} + HMAC-SHA256(authkey, message), then {@code #WELCOME#} or {@code #FAILURE#}).
 *
 * <p>Not thread-safe: one thread at a time uses a Wire.
 */
final class Wire implements Closeable {
    static final byte[] CHALLENGE = "#CHALLENGE#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DIGEST_PREFIX = "{sha256}".getBytes(StandardCharsets.US_ASCII);
    static final int MESSAGE_LENGTH = 40;
    /** Longest handshake frame: CPython reads challenges with {@code recv_bytes(256)}. */
    static final int HANDSHAKE_MAX = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SocketChannel channel;
    private final DataInputStream in;
    private final DataOutputStream out;

    Wire(SocketChannel channel) {
        this.channel = channel;
        this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    /** Connects to {@code address} (a Unix socket path or host:port, as {@link #parse} reads it). */
    static Wire connect(String address) throws IOException {
        SocketAddress a = parse(address);
        SocketChannel ch = a instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
        try {
            ch.connect(a);
            if (a instanceof InetSocketAddress) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new Wire(ch);
    }

    /** The socket address of {@code address}: {@code unix:/path} or {@code tcp:host:port}. */
    static SocketAddress parse(String address) {
        if (address.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(address.substring(5));
        }
        if (address.startsWith("tcp:")) {
            String hp = address.substring(4);
            int colon = hp.lastIndexOf(':');
            if (colon > 0) {
                try {
                    return new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
                } catch (NumberFormatException e) {
                    // falls through to the error
                }
            }
        }
        throw new IllegalArgumentException("bad manager address: address=" + address);
    }

    /** The text form of a socket address, as tokens carry it. */
    static String format(SocketAddress a) {
        if (a instanceof UnixDomainSocketAddress u) {
            return "unix:" + u.getPath();
        }
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return "tcp:" + host + ":" + i.getPort();
        }
        throw new IllegalArgumentException("unsupported manager address: address=" + a);
    }

    SocketChannel channel() {
        return channel;
    }

    void send(byte[] b) throws IOException {
        send(b, 0, b.length);
    }

    void send(byte[] b, int off, int len) throws IOException {
        out.writeInt(len);
        out.write(b, off, len);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @throws FrameException if its length is negative or above {@code max}: the caller closes the connection
     * @throws EOFException   if the peer closed the connection
     */
    byte[] receive(int max) throws IOException {
        int len = in.readInt();
        if (len < 0 || len > max) {
            throw new FrameException("bad frame length: length=" + len + " max=" + max);
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return b;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A frame that breaks the protocol (length out of bounds, unknown request, bytes that do not decode). */
    static final class FrameException extends IOException {
        private static final long serialVersionUID = 1L;

        FrameException(String message) {
            super(message);
        }

        FrameException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- the HMAC challenge (CPython 3.12 multiprocessing/connection.py)

    /** Sends a challenge and checks the answer; CPython's {@code deliver_challenge}. */
    void deliverChallenge(byte[] authkey) throws IOException {
        byte[] random = new byte[MESSAGE_LENGTH];
        RANDOM.nextBytes(random);
        byte[] message = concat(DIGEST_PREFIX, random);
        send(concat(CHALLENGE, message));
        byte[] response = receive(HANDSHAKE_MAX);
        byte[] expected = response(authkey, message);
        if (!MessageDigest.isEqual(expected, response)) {
            send(FAILURE);
            throw new AuthenticationException("digest received was wrong");
        }
        send(WELCOME);
    }

    /** Answers a challenge; CPython's {@code answer_challenge}. */
    void answerChallenge(byte[] authkey) throws IOException {
        byte[] message = receive(HANDSHAKE_MAX);
        if (!startsWith(message, CHALLENGE)) {
            throw new AuthenticationException("protocol error, expected challenge: length=" + message.length);
        }
        message = Arrays.copyOfRange(message, CHALLENGE.length, message.length);
        if (!startsWith(message, DIGEST_PREFIX) || message.length < DIGEST_PREFIX.length + 20) {
            throw new AuthenticationException("challenge too short or not sha256: length=" + message.length);
        }
        send(response(authkey, message));
        byte[] verdict = receive(HANDSHAKE_MAX);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("digest sent was rejected");
        }
    }

    static byte[] response(byte[] authkey, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authkey.length == 0 ? new byte[1] : authkey, "HmacSHA256"));
            return concat(DIGEST_PREFIX, mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
