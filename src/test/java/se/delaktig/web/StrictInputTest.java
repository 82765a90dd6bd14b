package se.delaktig.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** The application's JSON reading takes values as they are written or refuses them; it never bends them. */
class StrictInputTest {

    record Plan(String title, Integer target, int count, LocalDate start, OffsetDateTime at, List<Long> ids, Boolean open) {
    }

    private final JsonMapper json;

    StrictInputTest() {
        var builder = JsonMapper.builder();
        new StrictInput().strictJson().customize(builder);
        json = builder.build();
    }

    @Test
    void wellFormedValuesAreRead() {
        var plan = json.readValue("{\"title\":\"Barns röster\",\"target\":8,\"count\":2,\"start\":\"2026-05-04\","
                + "\"at\":\"2026-05-04T10:00:00Z\",\"ids\":[1,2],\"open\":true}", Plan.class);
        assertThat(plan.target()).isEqualTo(8);
        assertThat(plan.start()).isEqualTo(LocalDate.of(2026, 5, 4));
        assertThat(plan.ids()).containsExactly(1L, 2L);
    }

    @Test
    void nothingIsBent() {
        for (var bent : List.of("{\"target\":10.5}", "{\"count\":10.5}", "{\"target\":\"8\"}", "{\"title\":12}", "{\"title\":true}",
                "{\"start\":20000000}", "{\"start\":20000000.5}", "{\"at\":1767225600}", "{\"ids\":1}", "{\"ids\":[\"1\"]}",
                "{\"open\":1}", "{\"open\":\"true\"}", "{\"start\":\"2026-02-30\"}")) {
            assertThatThrownBy(() -> json.readValue(bent, Plan.class)).as(bent).isInstanceOf(DatabindException.class);
        }
    }

    @Test
    void aFormDateIsARealOneBetween1900And2200() {
        var editor = new StrictInput.SaneDate();
        editor.setAsText("2026-05-04");
        assertThat(editor.getValue()).isEqualTo(LocalDate.of(2026, 5, 4));
        for (var bad : List.of("57440-01-01", "1899-12-31", "2201-01-01", "2026-13-01", "20000000", "4 maj")) {
            assertThatThrownBy(() -> editor.setAsText(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
