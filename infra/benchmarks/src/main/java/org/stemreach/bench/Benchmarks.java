package org.stemreach.bench;

import java.util.Arrays;

/** {@code java -jar infra/benchmarks/target/stemreach-benchmarks.jar <benchmark> [options]} */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: <benchmark> [--option value ...]; benchmarks: registrations, registration-activities, registration-overbooking, download-setup, analytics");
            System.exit(2);
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "registrations" -> RegistrationBenchmark.run(Options.parse(options));
            case "registration-activities" -> RegistrationBenchmark.setup(Options.parse(options));
            case "registration-overbooking" -> RegistrationBenchmark.verify(Options.parse(options));
            case "download-setup" -> DownloadSetup.run(Options.parse(options));
            case "analytics" -> AnalyticsBenchmark.run(Options.parse(options));
            default -> {
                System.err.println("unknown benchmark " + args[0]);
                System.exit(2);
            }
        }
    }
}
