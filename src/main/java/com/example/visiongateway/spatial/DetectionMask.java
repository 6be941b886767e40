package com.example.visiongateway.spatial;

/**
 * A detection's mask in the form the caller asked for ({@code maskFormat}): COCO RLE over
 * the whole image, a PNG of its box, or polygons. Every form describes the same
 * thresholded pixels.
 */
public sealed interface DetectionMask permits CocoRle, PngMask, PolygonOutline {

}
