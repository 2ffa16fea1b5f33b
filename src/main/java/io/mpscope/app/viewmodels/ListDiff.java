package io.mpscope.app.viewmodels;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Brings an observable list to a target content with few, local changes, comparing elements by identity: gone
 * elements are removed, new ones inserted where they belong, and elements that stay are neither removed nor
 * re-added unless their order changed. Controls keep the selection and expansion of elements that stay.
 */
public final class ListDiff {
    private ListDiff() {
    }

    /**
     * Makes {@code list} equal to {@code target} element for element (by identity).
     *
     * @return whether {@code list} changed
     */
    public static <T> boolean reconcile(List<T> list, List<? extends T> target) {
        if (sameElements(list, target)) {
            return false; // the common case, every tick: nothing to do and nothing to allocate
        }
        boolean changed = false;
        Set<T> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(target);
        for (int i = list.size() - 1; i >= 0; i--) {
            if (!wanted.contains(list.get(i))) {
                list.remove(i);
                changed = true;
            }
        }
        for (int i = 0; i < target.size(); i++) {
            T want = target.get(i);
            if (i < list.size() && list.get(i) == want) {
                continue;
            }
            int at = indexOfIdentity(list, want, i + 1);
            if (at >= 0) {
                list.remove(at); // moved: the only case that re-adds an element that stays
            }
            list.add(i, want);
            changed = true;
        }
        return changed;
    }

    private static boolean sameElements(List<?> list, List<?> target) {
        if (list.size() != target.size()) {
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) != target.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfIdentity(List<?> list, Object o, int from) {
        for (int i = from; i < list.size(); i++) {
            if (list.get(i) == o) {
                return i;
            }
        }
        return -1;
    }
}
