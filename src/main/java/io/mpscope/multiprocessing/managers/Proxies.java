package io.mpscope.multiprocessing.managers;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/** Builds the proxy of a token, by the kind the server named. */
final class Proxies {
    private Proxies() {
    }

    /**
     * A new proxy for {@code t}.
     *
     * @param owned whether it holds a reference of its own, released when it is collected
     */
    static Object make(Token t, String kind, byte[] key, boolean owned) {
        Object p;
        Object holder;
        if (kind.startsWith("iface:")) {
            InterfaceHandler h = new InterfaceHandler(t, kind.substring(6), key);
            p = h.proxy();
            holder = h;
        } else {
            p = switch (kind) {
                case "dict" -> new DictProxy<>(t, key);
                case "list" -> new ListProxy<>(t, key);
                case "Namespace" -> new NamespaceProxy(t, key);
                case "Acquirer" -> new AcquirerProxy(t, key, kind);
                case "Condition" -> new ConditionProxy(t, key);
                case "Event" -> new EventProxy(t, key);
                case "Barrier" -> new BarrierProxy(t, key);
                case "Value" -> new ValueProxy<>(t, key);
                case "Array" -> new ArrayProxy(t, key);
                case "Queue" -> new QueueProxy<>(t, key);
                default -> new AutoProxy(t, key);
            };
            holder = p;
        }
        if (owned) {
            Client.track(holder, t, key);
        }
        return p;
    }

    /**
     * The handler of an interface-typed proxy: each interface method is a call of the object's method of the same
     * name. Travels with its proxy; like a proxy, it takes a reference for the receiver when serialized.
     */
    static final class InterfaceHandler implements InvocationHandler, Serializable {
        private static final long serialVersionUID = 1L;
        private final Token token;
        private final String iface;
        private transient byte[] key;
        private byte[] carriedKey;
        private transient AutoProxy core;
        private transient Object proxy;

        InterfaceHandler(Token token, String iface, byte[] key) {
            this(token, iface, key, new AutoProxy(token, key));
        }

        /** A handler over {@code core}, which holds the reference (and keeps it while this handler lives). */
        InterfaceHandler(Token token, String iface, byte[] key, AutoProxy core) {
            this.token = token;
            this.iface = iface;
            this.key = key;
            this.core = core;
        }

        Object proxy() {
            if (proxy == null) {
                try {
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    Class<?> c = Class.forName(iface, false, cl != null ? cl : Proxies.class.getClassLoader());
                    proxy = java.lang.reflect.Proxy.newProxyInstance(c.getClassLoader(), new Class<?>[] {c}, this);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("proxy interface not found: interface=" + iface, e);
                }
            }
            return proxy;
        }

        @Override
        public Object invoke(Object self, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                switch (m.getName()) {
                    case "toString":
                        return core.toString();
                    case "hashCode":
                        return System.identityHashCode(self);
                    case "equals":
                        return self == args[0];
                    default:
                        break;
                }
            }
            try {
                return core.callMethod(m.getName(), args == null ? new Object[0] : args);
            } catch (RemoteException e) {
                Throwable c = e.getCause();
                if (c instanceof Exception ex && !(c instanceof RuntimeException)) {
                    for (Class<?> declared : m.getExceptionTypes()) {
                        if (declared.isInstance(c)) {
                            throw c;
                        }
                    }
                }
                throw e;
            }
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            Server local = Server.LOCAL.get(token.address());
            if (local != null) {
                local.incref(token.id());
            } else {
                Client.incref(token, key);
            }
            carriedKey = ProxyHandle.carried(key);
            out.defaultWriteObject();
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            key = carriedKey != null ? carriedKey : Client.DECODING_KEY.get(); // null: the process's, at call time
            carriedKey = null;
            core = new AutoProxy(token, key);
            Client.track(this, token, key);
        }
    }
}
