package com.example.visiongateway.spatial;

import java.math.BigDecimal;
import java.util.List;

/**
 * One well-formed item of the model's answer, before geometry.
 *
 * @param index its 0-based position in the model's array, for warnings
 * @param label the label, never blank
 * @param box2d the four coordinates {@code [ymin, xmin, ymax, xmax]} as given
 * @param mask the mask as given, or {@code null} when the item has none
 */
record RawItem(int index, String label, List<BigDecimal> box2d, RawMask mask) {
}
