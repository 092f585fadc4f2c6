package io.github.keras4j.applications;

/** Application options without ImageNet weights (random initialization), for structure tests that stay offline. */
final class RandomWeightsOptions extends ApplicationOptions<RandomWeightsOptions> {
  RandomWeightsOptions() {
    weights((String) null);
  }
}
