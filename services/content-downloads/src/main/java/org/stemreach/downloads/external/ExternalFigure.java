package org.stemreach.downloads.external;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.OutboxEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The latest figure of one external channel's metric for one network and period, with its pending event. */
@Document(ExternalFigure.COLLECTION)
public class ExternalFigure implements HasOutbox {

    public static final String COLLECTION = "external_figures";

    @Id
    private String id;
    private String channel;
    private String metric;
    private String network;
    private String period;
    private double value;
    private Instant reportedAt;
    private List<OutboxEvent> outbox = new ArrayList<>();

    protected ExternalFigure() {
    }

    public String channel() {
        return channel;
    }

    public String metric() {
        return metric;
    }

    public String network() {
        return network;
    }

    public String period() {
        return period;
    }

    public double value() {
        return value;
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
