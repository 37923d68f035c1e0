package org.stemreach.kit.outbox;

import java.util.List;

/**
 * Marks a MongoDB aggregate document that carries pending events in a field named {@value #FIELD}.
 * The relay finds the collections of all such documents by itself.
 */
public interface HasOutbox {

    String FIELD = "outbox";

    List<OutboxEvent> outbox();
}
