package org.stemreach.model.registrations;

import java.time.LocalDate;
import java.time.LocalTime;

/** One session of an activity: a date with start and end time (several may fall on one day). */
public record SessionSlot(String id, LocalDate date, LocalTime start, LocalTime end) {
}
