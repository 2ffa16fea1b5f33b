package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** Reconciling a list by identity with few changes. */
class ListDiffTest {
    private final String a = new String("a");
    private final String b = new String("b");
    private final String c = new String("c");
    private final String d = new String("d");

    @Test
    void shouldOnlyInsertAndRemoveWhatChanged() {
        ObservableList<String> list = FXCollections.observableArrayList(a, b, c);
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        list.addListener((ListChangeListener<String>) ch -> {
            while (ch.next()) {
                removed.addAll(ch.getRemoved());
                added.addAll(ch.getAddedSubList());
            }
        });

        assertTrue(ListDiff.reconcile(list, List.of(a, d, c)));

        assertEquals(List.of(a, d, c), list);
        assertEquals(List.of(b), removed);
        assertEquals(List.of(d), added);
    }

    @Test
    void shouldCompareByIdentityAndReorder() {
        List<String> list = new ArrayList<>(List.of(a, b, c));
        String otherA = new String("a");

        ListDiff.reconcile(list, List.of(c, otherA, b));

        assertEquals(3, list.size());
        assertTrue(list.get(0) == c && list.get(1) == otherA && list.get(2) == b);
    }

    @Test
    void shouldReportNoChange() {
        List<String> list = new ArrayList<>(List.of(a, b));
        assertFalse(ListDiff.reconcile(list, List.of(a, b)));
    }
}
