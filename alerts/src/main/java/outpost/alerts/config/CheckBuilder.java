package outpost.alerts.config;

import java.util.Map;
import outpost.alerts.check.Check;
import outpost.alerts.check.CheckTarget;

/**
 * Builds a check of a kind from its parameters ({@code CheckFactory::create}); the loader uses it
 * to validate every definition while it still knows the line.
 */
@FunctionalInterface
public interface CheckBuilder {
  /**
   * @throws outpost.alerts.check.CheckConfigException naming the parameter and the reason
   */
  Check build(String kind, Map<String, String> params, CheckTarget target);
}
