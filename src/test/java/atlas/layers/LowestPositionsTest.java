package atlas.layers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A page keeps the lowest positions of a box's rows, in order, as sorting all of them would. */
@Tag("unit")
class LowestPositionsTest {
    @Test
    void keepsTheLowestPositionsInOrderWhateverOrderTheyArriveIn() {
        Random random = new Random(26);
        for (int round = 0; round < 500; round++) {
            int rows = random.nextInt(3000);
            int keep = random.nextInt(4) == 0 ? rows + random.nextInt(5) : random.nextInt(Math.max(1, rows / 2) + 1);
            int[] positions = IntStream.range(0, rows).map(i -> random.nextInt(100_000)).distinct().toArray();
            LocationIndex.LowestPositions lowest = new LocationIndex.LowestPositions(keep);
            for (int p : positions) {
                lowest.offer(p);
            }
            int[] sorted = positions.clone();
            Arrays.sort(sorted);
            assertArrayEquals(Arrays.copyOf(sorted, Math.min(keep, sorted.length)), lowest.inOrder(),
                    "round " + round + ": " + positions.length + " positions, keep " + keep);
        }
    }
}
