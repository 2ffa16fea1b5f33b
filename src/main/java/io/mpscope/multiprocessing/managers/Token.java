package io.mpscope.multiprocessing.managers;

import java.io.Serializable;

/**
 * What a proxy holds to reach its object: the server's address, the object's typeid and its id in the server.
 *
 * @param typeid  what the object is ({@code dict}, {@code list}, {@code Namespace}, a registered typeid)
 * @param address where its server listens ({@code unix:/path} or {@code tcp:host:port})
 * @param id      the object's id in that server
 *
 * <p>Python: {@code multiprocessing.managers.Token}.
 */
public record Token(String typeid, String address, long id) implements Serializable {
}
