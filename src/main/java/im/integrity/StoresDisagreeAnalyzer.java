package im.integrity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints {@link StoresDisagree} as Spring Boot's "APPLICATION FAILED TO START" with its action, no stack trace. */
class StoresDisagreeAnalyzer extends AbstractFailureAnalyzer<StoresDisagree> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoresDisagree cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
