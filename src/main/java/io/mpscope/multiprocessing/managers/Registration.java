package io.mpscope.multiprocessing.managers;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A typeid a manager serves: how its server makes the object, which methods proxies may call, which methods return
 * proxies instead of copies, and the Java interface a typed proxy implements.
 *
 * @param typeid           the name ({@code "Counter"})
 * @param factory          makes the object in the server; null on the client side of a remote manager
 * @param proxyInterface   the interface a proxy from {@code create(typeid, iface, ...)} implements (class name), or
 *                         null for a plain {@link AutoProxy}
 * @param exposed          the method names proxies may call; null: every public method
 * @param methodToTypeid   methods whose result stays in the server and comes back as a proxy of that typeid
 *
 * <p>Python: the arguments of {@code BaseManager.register(typeid, callable, proxytype, exposed, method_to_typeid)}.
 */
public record Registration(String typeid, Factory factory, String proxyInterface, List<String> exposed,
                           Map<String, String> methodToTypeid) implements Serializable {

    public Registration {
        if (typeid == null || typeid.isEmpty()) {
            throw new IllegalArgumentException("a typeid must be a non-empty string");
        }
        exposed = exposed == null ? null : List.copyOf(exposed);
        methodToTypeid = methodToTypeid == null ? Map.of() : Map.copyOf(methodToTypeid);
    }

    /** {@code typeid} made by {@code factory}, every public method exposed. */
    public static Registration of(String typeid, Factory factory) {
        return new Registration(typeid, factory, null, null, null);
    }

    /** Only these methods may be called through a proxy. */
    public Registration withExposed(String... methods) {
        return new Registration(typeid, factory, proxyInterface, List.of(methods), methodToTypeid);
    }

    /** Proxies made for this typeid implement {@code iface} (calls go to the object's methods of the same name). */
    public Registration withInterface(Class<?> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException("a proxy type must be an interface: class=" + iface.getName());
        }
        return new Registration(typeid, factory, iface.getName(), exposed, methodToTypeid);
    }

    /** {@code method}'s result stays in the server, and the caller gets a proxy of {@code resultTypeid}. */
    public Registration withMethodToTypeid(String method, String resultTypeid) {
        Map<String, String> m = new java.util.HashMap<>(methodToTypeid);
        m.put(method, resultTypeid);
        return new Registration(typeid, factory, proxyInterface, exposed, m);
    }
}
