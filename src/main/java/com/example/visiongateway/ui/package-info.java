/**
 * The pages for people: the playground at {@code /} (static files, no build step) and the
 * security headers every response carries.
 */
package com.example.visiongateway.ui;
