package io.mpscope.app.viewmodels;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One entry of a managed dict, list or Namespace: its key (or index, or attribute name) and value as the server's
 * short text, highlighted for {@link ManagedObjectCard#HIGHLIGHT} after its value changed. FX thread; no Node.
 */
public final class EntryRow {
    private final String key;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(this, "value", "");
    private final ReadOnlyBooleanWrapper highlighted = new ReadOnlyBooleanWrapper(this, "highlighted");
    private Instant changedAt;

    EntryRow(String key, String value) {
        this.key = key;
        this.value.set(value);
    }

    /**
     * Takes the value read at {@code now}; a different value than before (or a new row, if {@code fresh}) counts as
     * a change.
     */
    void update(String v, boolean fresh, Instant now) {
        if (fresh || !v.equals(value.get())) {
            changedAt = now;
        }
        // highlighted first: a listener of the value sees whether the new value is highlighted
        highlighted.set(changedAt != null && Duration.between(changedAt, now).compareTo(ManagedObjectCard.HIGHLIGHT) < 0);
        value.set(v);
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value.get();
    }

    public boolean isHighlighted() {
        return highlighted.get();
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    /** True for a while after the value changed. */
    public ReadOnlyBooleanProperty highlightedProperty() {
        return highlighted.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return key + "=" + value.get();
    }
}
