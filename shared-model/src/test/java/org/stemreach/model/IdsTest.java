package org.stemreach.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {

    private final JsonMapper json = new JsonMapper();

    @Test
    void networksAreDataButWellFormed() {
        assertThat(NetworkId.of("ISTEM").value()).isEqualTo("ISTEM");
        assertThat(NetworkId.of("STEM-NL_2").value()).isEqualTo("STEM-NL_2");
        assertThatThrownBy(() -> NetworkId.of("istem")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkId.of("ALL")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> NetworkId.of("{\"$gt\":\"\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opaqueIdsRefuseAnythingButSafeCharacters() {
        assertThat(TeacherId.random().value()).hasSize(36);
        assertThatThrownBy(() -> TeacherId.of("jan.peeters@school.be")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchoolId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProjectId.of("$where")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueTypesAreJsonStrings() {
        assertThat(json.writeValueAsString(NetworkId.of("ISTEM"))).isEqualTo("\"ISTEM\"");
        assertThat(json.readValue("\"t-1\"", TeacherId.class)).isEqualTo(TeacherId.of("t-1"));
        assertThat(json.readValue("\"a-1\"", ActivityId.class)).isEqualTo(ActivityId.of("a-1"));
    }
}
