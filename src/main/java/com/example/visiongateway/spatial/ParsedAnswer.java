package com.example.visiongateway.spatial;

import java.util.List;

/**
 * The items read from an answer and the repairs made to read them.
 *
 * @param items the well-formed items, in the model's order
 * @param warnings repairs and drops
 */
record ParsedAnswer(List<RawItem> items, List<String> warnings) {
}
