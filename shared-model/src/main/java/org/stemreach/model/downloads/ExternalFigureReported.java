package org.stemreach.model.downloads;

import org.stemreach.model.NetworkId;

import java.time.Instant;

/**
 * A figure from an outside channel for one period (a national resource portal's "resources viewed" or
 * "resources used", social-media reach, website visitors). Reported beside the platform's own downloads,
 * never added into them. A later report of the same channel, metric, network and period replaces it.
 *
 * @param period the reporting period label, e.g. {@code 2026}
 */
public record ExternalFigureReported(String channel, String metric, NetworkId network, String period, double value, Instant reportedAt) {
}
