package io.github.keras4j.models;

import io.github.keras4j.models.internal.ModelSaving;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the {@link ModelSaving} implementation once, lazily and thread-safely; a failed lookup is retried. */
final class SavingService {
  private static volatile ModelSaving instance;

  private SavingService() {}

  /**
   * Returns the registered implementation.
   *
   * @throws IllegalStateException if none is on the class path (for example a repackaged jar that dropped
   *     {@code META-INF/services/io.github.keras4j.models.internal.ModelSaving})
   */
  static ModelSaving get() {
    ModelSaving found = instance;
    if (found == null) {
      synchronized (SavingService.class) {
        found = instance;
        if (found == null) {
          found = find();
          instance = found;
        }
      }
    }
    return found;
  }

  private static ModelSaving find() {
    try {
      for (ModelSaving saving : ServiceLoader.load(ModelSaving.class, ModelSaving.class.getClassLoader())) {
        return saving;
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("Keras4J cannot load its model file formats: " + e.getMessage(), e);
    }
    throw new IllegalStateException(
        "Keras4J cannot find its model file formats: no " + ModelSaving.class.getName() + " provider on the class "
            + "path. keras4j-core's META-INF/services/" + ModelSaving.class.getName() + " is missing; if you "
            + "repackage keras4j-core (shade, assembly, fat jar), merge META-INF/services files (Maven Shade "
            + "plugin: ServicesResourceTransformer).");
  }
}
