package org.rispacs.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/** The items of a sequence element (VR SQ); every item added becomes a child of the owning dataset. */
public final class Sequence extends AbstractList<Attributes> {
    private final Attributes owner;
    private final List<Attributes> items = new ArrayList<>();

    Sequence(Attributes owner) {
        this.owner = owner;
    }

    /** Appends an empty item in the owner's byte order and returns it. */
    public Attributes addNewItem() {
        Attributes item = new Attributes(owner.bigEndian());
        add(item);
        return item;
    }

    @Override
    public Attributes get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Attributes set(int index, Attributes item) {
        return items.set(index, adopt(item));
    }

    @Override
    public void add(int index, Attributes item) {
        items.add(index, adopt(item));
        modCount++;
    }

    @Override
    public Attributes remove(int index) {
        modCount++;
        return items.remove(index);
    }

    private Attributes adopt(Attributes item) {
        if (item == null) {
            throw new IllegalArgumentException("a sequence item cannot be null");
        }
        if (item.bigEndian() != owner.bigEndian()) {
            item.changeByteOrder(owner.bigEndian());
        }
        item.setParent(owner);
        return item;
    }
}
