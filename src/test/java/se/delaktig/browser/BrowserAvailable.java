package se.delaktig.browser;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips browser tests on a developer machine without Chromium, and says how to enable them. In CI
 * ({@code CI=true}) a missing browser must never turn into a silent skip, so the tests run and
 * {@link BrowserTest} fails them with the same explanation.
 */
class BrowserAvailable implements ExecutionCondition {

    private static volatile boolean announced;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        var lookup = BrowserInstallation.lookup();
        if (lookup instanceof BrowserInstallation.Missing missing) {
            if (BrowserInstallation.inCi()) {
                return ConditionEvaluationResult.enabled("CI=true: a missing browser fails the tests");
            }
            if (!announced) {
                announced = true;
                System.out.println("""

                        *** Browser tests SKIPPED ***
                        %s
                        (With CI=true they fail instead of being skipped.)
                        """.formatted(missing.message()));
            }
            return ConditionEvaluationResult.disabled(missing.message());
        }
        return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
    }
}
