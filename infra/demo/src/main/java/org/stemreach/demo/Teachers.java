package org.stemreach.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An invented pool of teachers: names, addresses at invented schools, what they teach. */
final class Teachers {

    static final List<String> FIRST = List.of("An", "Bart", "Charlotte", "Dirk", "Els", "Femke", "Geert", "Hanne", "Ines", "Jan",
            "Katrien", "Lotte", "Maarten", "Nele", "Olivier", "Pieter", "Quinten", "Roos", "Sofie", "Tom", "Ulrike", "Veerle",
            "Wout", "Yasmine", "Zeynep", "Ahmed", "Bram", "Chloë", "Dries", "Emma");
    static final List<String> LAST = List.of("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
            "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Lambrechts", "Martens", "Vermeulen", "Pauwels", "Van Damme");
    static final List<String> SCHOOLS = List.of("Sint-Jozefscollege", "Atheneum Brugge", "Sint-Lodewijkscollege", "GO! Campus Kortrijk",
            "Sint-Ursula-Instituut", "Heilig-Hartcollege", "Stedelijk Lyceum", "Basisschool De Regenboog", "Vrije Basisschool Sint-Jan",
            "GO! Basisschool De Knipoog", "Basisschool 't Klavertje", "Basisschool De Sleutel");

    record Teacher(String name, String email, String school) {
    }

    static List<Teacher> pool(Random random, int size) {
        List<Teacher> teachers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String first = FIRST.get(random.nextInt(FIRST.size()));
            String last = LAST.get(random.nextInt(LAST.size()));
            String school = SCHOOLS.get(random.nextInt(SCHOOLS.size()));
            String email = (first + "." + last).toLowerCase().replace(' ', '-').replace("ë", "e") + "." + i + "@demo-school.example";
            teachers.add(new Teacher(first + " " + last, email, school));
        }
        return teachers;
    }
}
