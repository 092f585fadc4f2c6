/**
 * Internal: the only code that talks to TensorFlow Java sessions. Not part of the public API; may change in any
 * release.
 */
package io.github.keras4j.backend;
