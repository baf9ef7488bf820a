package io.jnetdev.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subtracting two readings keeps the rows that moved, with their increments; a new row counts from zero. */
class CounterTableTest {

    private static CounterTable table(Object... labelsAndValues) {
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            rows.put((String) labelsAndValues[i], (long[]) labelsAndValues[i + 1]);
        }
        return new CounterTable("cat /proc/softirqs", List.of("CPU0", "CPU1"), rows);
    }

    @Test
    void minusKeepsOnlyMovedRowsAsIncrements() {
        CounterTable before = table("TIMER", new long[] {5, 0}, "NET_RX", new long[] {100, 7});
        CounterTable after = table("TIMER", new long[] {5, 0}, "NET_RX", new long[] {1_334, 9}, "NET_TX", new long[] {0, 4});
        CounterTable moved = after.minus(before);
        assertThat(moved.rows().keySet()).containsExactly("NET_RX", "NET_TX");
        assertThat(moved.rows().get("NET_RX")).containsExactly(1_234, 2);
        assertThat(moved.rows().get("NET_TX")).containsExactly(0, 4);
        assertThat(moved.rowTotal("NET_RX")).isEqualTo(1_236);
        assertThat(moved.columnTotal("CPU1")).isEqualTo(6);
        assertThat(moved.rowTotal("TIMER")).isZero();
        assertThat(moved.renderIncrements()).containsExactly(
                "  cat /proc/softirqs          CPU0          CPU1",
                "    NET_RX                  +1,234            +2",
                "    NET_TX                      +0            +4");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> table("NET_RX", new long[] {1}))
                .hasMessageContaining("row 'NET_RX' has 1 values for 2 columns");
    }
}
